// One conversation with one modem: a queue of AT commands with exactly one in flight, each with
// its own timeout, while unsolicited result codes are cut out of the stream and handed to
// listeners. Work a URC triggers (read the new message) is queued like any other command, so it
// runs after the command in flight has ended: one queue, no interleaving.

import { AtFramer, type FramedItem } from './at-framer';
import { AtTimeoutError, PortClosedError, PromptLostError, errorFromResult } from './errors';
import { parseFinalResult } from './result-codes';
import { TrafficLog } from './traffic-log';
import { findUrcRule, urcName, type UrcRule } from './urc-table';

/** The part of a serial port stream the channel uses (SerialPortStream satisfies it). */
export interface AtPort {
  write(data: string | Buffer): unknown;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'close', listener: (error?: Error | null) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'data', listener: (chunk: Buffer) => void): unknown;
  off(event: 'close', listener: (error?: Error | null) => void): unknown;
  off(event: 'error', listener: (error: Error) => void): unknown;
}

export interface AtCommandOptions {
  /** How long to wait for the final result after the command (or its payload) was written. */
  readonly timeoutMs?: number;
  /** Written after the "> " prompt and ended with Ctrl-Z (AT+CMGS in PDU mode). */
  readonly payload?: string;
  /** How long to wait for the "> " prompt before cancelling with ESC. */
  readonly promptTimeoutMs?: number;
}

export interface AtReply {
  readonly command: string;
  /** Information lines between the command and its final result, URCs and echo removed. */
  readonly lines: readonly string[];
}

export interface Urc {
  /** "+CMTI", "RDY", "^RSSI"… */
  readonly name: string;
  /** The first line, and for two-line URCs (+CMT, +CDS) the PDU line after it. */
  readonly lines: readonly string[];
}

export interface AtChannelOptions {
  /** Port path, for messages and logs. */
  readonly path: string;
  readonly log?: TrafficLog;
  readonly defaultTimeoutMs?: number;
  /** After a timeout, lines that are not URCs are dropped for this long: they are the late answer. */
  readonly settleMs?: number;
}

interface PendingCommand {
  readonly command: string;
  readonly options: AtCommandOptions;
  readonly replyPrefix: string | null;
  readonly lines: string[];
  readonly resolve: (reply: AtReply) => void;
  readonly reject: (error: Error) => void;
  stage: 'queued' | 'awaiting-prompt' | 'awaiting-result';
  payloadWritten: boolean;
  timer: ReturnType<typeof setTimeout> | null;
}

const ctrlZ = '\x1a';
const escape = '\x1b';
// Submitting to the network can take tens of seconds on a weak signal.
const payloadTimeoutMs = 60_000;

// "AT+CREG?" → "+CREG:", so a "+CREG: 0,1" line answers the command rather than being a URC.
function replyPrefixOf(command: string): string | null {
  const match = /^AT([+^][A-Z0-9]+)/i.exec(command);
  return match?.[1] ? `${match[1].toUpperCase()}:` : null;
}

function hasOpenQuote(text: string): boolean {
  return (text.split('"').length - 1) % 2 === 1;
}

export class AtChannel {
  readonly log: TrafficLog;
  private readonly framer: AtFramer;
  private readonly queue: PendingCommand[] = [];
  private current: PendingCommand | null = null;
  private urcInProgress: { rule: UrcRule; lines: string[] } | null = null;
  private closedBy: Error | null = null;
  private settlingUntil = 0;
  private settleTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly urcListeners = new Set<(urc: Urc) => void>();
  private readonly closeListeners = new Set<(error: Error) => void>();
  private readonly defaultTimeoutMs: number;
  private readonly settleMs: number;

  private readonly onData = (chunk: Buffer): void => this.feed(chunk);
  private readonly handlePortClose = (error?: Error | null): void => this.handleClose(error ?? null);
  private readonly onError = (error: Error): void => {
    this.log.add('note', `port error: ${error.message}`);
  };

  constructor(
    private readonly port: AtPort,
    private readonly options: AtChannelOptions,
  ) {
    this.log = options.log ?? new TrafficLog();
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? 5000;
    this.settleMs = options.settleMs ?? 500;
    this.framer = new AtFramer((item) => this.handleItem(item));
    port.on('data', this.onData);
    port.on('close', this.handlePortClose);
    port.on('error', this.onError);
  }

  get isClosed(): boolean {
    return this.closedBy !== null;
  }

  /** Queues a command; resolves with its information lines on OK, rejects with a typed error otherwise. */
  send(command: string, options: AtCommandOptions = {}): Promise<AtReply> {
    if (this.closedBy)
      return Promise.reject(new PortClosedError(this.options.path, { cause: this.closedBy }));
    return new Promise<AtReply>((resolve, reject) => {
      this.queue.push({
        command,
        options,
        replyPrefix: replyPrefixOf(command),
        lines: [],
        resolve,
        reject,
        stage: 'queued',
        payloadWritten: false,
        timer: null,
      });
      this.startNext();
    });
  }

  /** Writes bytes outside any command (ESC to leave a stuck prompt, for instance). */
  writeRaw(data: string, note: string): void {
    if (this.closedBy) return;
    this.log.add('sent', data);
    this.log.add('note', note);
    this.port.write(data);
  }

  onUrc(listener: (urc: Urc) => void): () => void {
    this.urcListeners.add(listener);
    return () => this.urcListeners.delete(listener);
  }

  onClose(listener: (error: Error) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** Whether a command is being executed or waiting. */
  get busy(): boolean {
    return this.current !== null || this.queue.length > 0;
  }

  /** Feeds bytes as if they came from the port (the port's data events call this). */
  feed(chunk: Buffer | string): void {
    this.framer.push(chunk);
  }

  /** Stops listening to the port and fails everything pending; the port itself is not closed. */
  detach(reason: Error = new PortClosedError(this.options.path)): void {
    this.port.off('data', this.onData);
    this.port.off('close', this.handlePortClose);
    this.port.off('error', this.onError);
    this.failAll(reason);
  }

  private handleClose(error: Error | null): void {
    const reason = new PortClosedError(this.options.path, { cause: error ?? undefined });
    this.log.add('note', `port closed${error ? `: ${error.message}` : ''}`);
    this.detach(reason);
    for (const listener of this.closeListeners) listener(reason);
  }

  private failAll(reason: Error): void {
    this.closedBy = reason;
    if (this.settleTimer) clearTimeout(this.settleTimer);
    const pending = [...(this.current ? [this.current] : []), ...this.queue.splice(0)];
    this.current = null;
    for (const command of pending) {
      if (command.timer) clearTimeout(command.timer);
      command.reject(reason);
    }
  }

  private startNext(): void {
    if (this.current || this.closedBy) return;
    const waitMs = this.settlingUntil - Date.now();
    if (waitMs > 0) {
      this.settleTimer ??= setTimeout(() => {
        this.settleTimer = null;
        this.startNext();
      }, waitMs);
      return;
    }
    const next = this.queue.shift();
    if (!next) return;
    this.current = next;
    const expectsPrompt = next.options.payload !== undefined;
    next.stage = expectsPrompt ? 'awaiting-prompt' : 'awaiting-result';
    this.log.add('sent', next.command);
    this.port.write(`${next.command}\r`);
    if (expectsPrompt) this.arm(next, next.options.promptTimeoutMs ?? 10_000, () => this.promptLost(next));
    else this.arm(next, next.options.timeoutMs ?? this.defaultTimeoutMs, () => this.timedOut(next));
  }

  private arm(command: PendingCommand, ms: number, onExpiry: () => void): void {
    if (command.timer) clearTimeout(command.timer);
    command.timer = setTimeout(onExpiry, ms);
  }

  // Never re-send AT+CMGS: without the prompt we cannot know whether the modem took the text.
  private promptLost(command: PendingCommand): void {
    this.writeRaw(escape, `no prompt for ${command.command}; cancelled with ESC`);
    this.finish(command, new PromptLostError(command.command), true);
  }

  private timedOut(command: PendingCommand): void {
    const timeoutMs =
      command.options.timeoutMs ?? (command.payloadWritten ? payloadTimeoutMs : this.defaultTimeoutMs);
    if (command.payloadWritten) this.writeRaw(escape, `no answer to ${command.command} payload; ESC`);
    else this.log.add('note', `no answer to ${command.command} within ${timeoutMs} ms`);
    this.finish(command, new AtTimeoutError(command.command, timeoutMs, command.payloadWritten), true);
  }

  private finish(command: PendingCommand, outcome: AtReply | Error, settle = false): void {
    if (command.timer) clearTimeout(command.timer);
    command.timer = null;
    if (this.current === command) this.current = null;
    if (settle) this.settlingUntil = Date.now() + this.settleMs;
    if (outcome instanceof Error) command.reject(outcome);
    else command.resolve(outcome);
    this.startNext();
  }

  private handleItem(item: FramedItem): void {
    if (item.kind === 'prompt') {
      this.log.add('received', '> ');
      const command = this.current;
      if (command?.stage === 'awaiting-prompt' && command.options.payload !== undefined) {
        command.stage = 'awaiting-result';
        command.payloadWritten = true;
        this.log.add('sent', `${command.options.payload}${ctrlZ}`);
        this.port.write(`${command.options.payload}${ctrlZ}`);
        this.arm(command, command.options.timeoutMs ?? payloadTimeoutMs, () => this.timedOut(command));
      } else {
        this.log.add('note', 'unexpected prompt ignored');
      }
      return;
    }
    this.handleLine(item.text);
  }

  private handleLine(raw: string): void {
    this.log.add('received', raw);
    const line = raw.trim();
    if (line.length === 0) return;

    if (this.urcInProgress) {
      const { rule, lines } = this.urcInProgress;
      // A URC whose continuation never came: do not swallow a final result code.
      if (parseFinalResult(line)) {
        this.emitUrc(rule, lines);
        this.urcInProgress = null;
      } else if (rule.quotedTextMaySpanLines) {
        // The line break was inside the quoted text: keep it there.
        const joined = `${lines[0] ?? ''}\n${raw}`;
        if (hasOpenQuote(joined)) this.urcInProgress = { rule, lines: [joined] };
        else {
          this.emitUrc(rule, [joined]);
          this.urcInProgress = null;
        }
        return;
      } else {
        lines.push(line);
        this.emitUrc(rule, lines);
        this.urcInProgress = null;
        return;
      }
    }

    const command = this.current;
    const rule = findUrcRule(line);
    const claimedAsReply =
      rule?.alsoAReply === true &&
      command !== null &&
      command.replyPrefix !== null &&
      line.startsWith(command.replyPrefix);
    if (rule && !claimedAsReply) {
      if (rule.lines === 2 || (rule.quotedTextMaySpanLines && hasOpenQuote(line)))
        this.urcInProgress = { rule, lines: [line] };
      else this.emitUrc(rule, [line]);
      return;
    }

    if (!command) {
      if (Date.now() < this.settlingUntil)
        this.log.add('note', 'late answer to an abandoned command dropped');
      else this.log.add('note', 'line with no command in flight ignored');
      return;
    }
    if (line.toUpperCase() === command.command.toUpperCase() || /^AT/i.test(line)) return; // echo (ATE1)
    if (
      command.options.payload !== undefined &&
      line.replaceAll(ctrlZ, '').trim() === command.options.payload
    )
      return;

    const final = parseFinalResult(line);
    if (!final) {
      command.lines.push(line);
      return;
    }
    if (final.kind === 'ok') this.finish(command, { command: command.command, lines: command.lines });
    else this.finish(command, errorFromResult(command.command, final));
  }

  private emitUrc(rule: UrcRule, lines: string[]): void {
    const urc: Urc = { name: urcName(rule), lines };
    for (const listener of this.urcListeners) {
      try {
        listener(urc);
      } catch (error) {
        this.log.add(
          'note',
          `URC listener failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }
}
