// Replays a modem transcript (test-fixtures/modem/*.txt) as a port: each host write is checked
// against the transcript, and the modem's answer is then fed back one byte per data event, the
// harshest chunking a real port can produce.

import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AtPort } from '../at-channel';

export interface TranscriptEntry {
  readonly from: 'host' | 'modem';
  readonly text: string;
  readonly line: number;
}

function unescape(text: string): string {
  return text.replace(/\\(r|n|x([0-9a-fA-F]{2})|\\)/g, (_match, code: string, hex: string | undefined) => {
    if (code === 'r') return '\r';
    if (code === 'n') return '\n';
    if (code === '\\') return '\\';
    return String.fromCharCode(parseInt(hex ?? '0', 16));
  });
}

export function parseTranscript(source: string): TranscriptEntry[] {
  const entries: TranscriptEntry[] = [];
  source.split('\n').forEach((raw, index) => {
    if (raw.startsWith('> ')) entries.push({ from: 'host', text: unescape(raw.slice(2)), line: index + 1 });
    else if (raw.startsWith('< '))
      entries.push({ from: 'modem', text: unescape(raw.slice(2)), line: index + 1 });
  });
  return entries;
}

export function loadTranscript(name: string): TranscriptEntry[] {
  const path = fileURLToPath(new URL(`../../../test-fixtures/modem/${name}`, import.meta.url));
  return parseTranscript(readFileSync(path, 'latin1'));
}

export class TranscriptPort extends EventEmitter implements AtPort {
  /** Host writes that did not match the transcript. */
  readonly mismatches: string[] = [];
  private next = 0;
  private written = '';
  private readonly outgoing: string[] = [];
  private draining = false;

  constructor(
    private readonly entries: readonly TranscriptEntry[],
    /** 'entry': each modem entry in one data event, as a USB port delivers a burst. */
    private readonly chunking: 'byte' | 'entry' = 'byte',
  ) {
    super();
  }

  /** Sends what the modem says before the host writes anything (boot messages). */
  start(): void {
    this.queueModemEntries();
  }

  /** Transcript entries not yet reached. */
  get remaining(): readonly TranscriptEntry[] {
    return this.entries.slice(this.next);
  }

  write(data: string | Buffer): boolean {
    this.written += typeof data === 'string' ? data : data.toString('latin1');
    for (;;) {
      const entry = this.entries[this.next];
      if (!entry || entry.from !== 'host') {
        if (this.written) this.mismatches.push(`unexpected write ${JSON.stringify(this.written)}`);
        this.written = '';
        return true;
      }
      if (this.written.length < entry.text.length) {
        if (!entry.text.startsWith(this.written)) {
          this.mismatches.push(
            `line ${entry.line}: expected ${JSON.stringify(entry.text)}, got ${JSON.stringify(this.written)}`,
          );
          this.written = '';
        }
        return true;
      }
      if (!this.written.startsWith(entry.text)) {
        this.mismatches.push(
          `line ${entry.line}: expected ${JSON.stringify(entry.text)}, got ${JSON.stringify(this.written)}`,
        );
        this.written = '';
        return true;
      }
      this.written = this.written.slice(entry.text.length);
      this.next += 1;
      this.queueModemEntries();
      if (!this.written) return true;
    }
  }

  close(): void {
    this.emit('close', null);
  }

  private queueModemEntries(): void {
    for (let entry = this.entries[this.next]; entry?.from === 'modem'; entry = this.entries[this.next]) {
      if (this.chunking === 'entry') this.outgoing.push(entry.text);
      else for (const char of entry.text) this.outgoing.push(char);
      this.next += 1;
    }
    this.drain();
  }

  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    const step = (): void => {
      const char = this.outgoing.shift();
      if (char === undefined) {
        this.draining = false;
        return;
      }
      this.emit('data', Buffer.from(char, 'latin1'));
      setImmediate(step);
    };
    setImmediate(step);
  }
}
