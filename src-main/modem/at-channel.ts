// One conversation with one modem: a queue of AT commands with exactly one in flight, each with
// its own timeout, while unsolicited result codes are cut out of the stream and handed to
// listeners. Work a URC triggers (read the new message) is queued like any other command, so it
// runs after the command in flight has ended: one queue, no interleaving.

import { AtFramer, type FramedItem } from './at-framer';
import { AtResyncError, AtTimeoutError, PortClosedError, PromptLostError, errorFromResult } from './errors';
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
  /**
   * How long the resynchronisation marker written in this command's place (after an earlier
   * command was given up on) may wait; by default as long as this command would.
   */
  readonly resyncTimeoutMs?: number;
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
  /**
   * After a resynchronisation that the modem answered with a bare final result (it does not
   * know the marker), how long the line must stay quiet before the next command goes out.
   */
  readonly settleMs?: number;
}

interface PendingCommand {
  readonly command: string;
  readonly options: AtCommandOptions;
  readonly replyPrefix: string | null;
  readonly lines: string[];
  readonly resolve: (reply: AtReply) => void;
  readonly reject: (error: Error) => void;
  stage: 'queued' | 'resync' | 'awaiting-prompt' | 'awaiting-result';
  payloadWritten: boolean;
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * What the channel knows about the modem's side of the conversation after a command it gave
 * up on. The answer to that command may still come, seconds later; until the modem has
 * answered a marker query, nothing it says can be attributed to a new command.
 */
interface Resync {
  /** Index into resyncMarkers of the marker written last. */
  marker: number;
  /** The marker's information line arrived; its final result ends the resynchronisation. */
  markerSeen: boolean;
  /** A final result without the marker's line came (a late answer, or the marker refused). */
  bareFinalAt: number | null;
  quietTimer: ReturnType<typeof setTimeout> | null;
}

const ctrlZ = '\x1a';
const escape = '\x1b';

// Markers for resynchronising after a timeout: reads of the V.250 §6.2 S-parameters S3, S4 and
// S5 (command line termination, response formatting and editing characters: CR, LF, BS).
// Every V.250 modem answers them, they change nothing, and Fanout sends them for no other
// reason, so their answer cannot be the late reply to any other command. They rotate, so that
// the late answer to a marker that itself timed out is not taken for the next marker's.
// V.250 §5.3.2 prints S-parameter values as three digits ("013"); some firmwares drop the
// leading zeros, which the pattern allows.
const resyncMarkers = [
  { command: 'ATS3?', answer: /^0*13$/ },
  { command: 'ATS4?', answer: /^0*10$/ },
  { command: 'ATS5?', answer: /^0*8$/ },
] as const;
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
  /** Set when a command was given up on; the next command waits until the modem has answered a marker. */
  private resync: Resync | null = null;
  private nextMarker = 0;
  private readonly urcListeners = new Set<(urc: Urc) => void>();
  private readonly closeListeners = new Set<(error: Error) => void>();
  /** A command's timeout unless it names its own. */
  readonly defaultTimeoutMs: number;
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
      return Promise.reject(new PortClosedError(this.options.path, { cause: this.closedBy, commandWritten: false }));
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

  /** Whether the next command will first resynchronise (a command was given up on). */
  get resynchronising(): boolean {
    return this.resync !== null;
  }

  private failAll(reason: Error): void {
    this.closedBy = reason;
    if (this.resync?.quietTimer) clearTimeout(this.resync.quietTimer);
    const pending = [...(this.current ? [this.current] : []), ...this.queue.splice(0)];
    this.current = null;
    for (const command of pending) {
      if (command.timer) clearTimeout(command.timer);
      const written = command.stage === 'awaiting-prompt' || command.stage === 'awaiting-result';
      command.reject(!written && reason instanceof PortClosedError ? reason.forUnwrittenCommand() : reason);
    }
  }

  private startNext(): void {
    if (this.current || this.closedBy) return;
    const next = this.queue.shift();
    if (!next) return;
    this.current = next;
    if (this.resync) {
      this.writeMarker(next, this.resync);
      return;
    }
    this.writeCommand(next);
  }

  private writeCommand(next: PendingCommand): void {
    const expectsPrompt = next.options.payload !== undefined;
    next.stage = expectsPrompt ? 'awaiting-prompt' : 'awaiting-result';
    this.log.add('sent', next.command);
    this.port.write(`${next.command}\r`);
    if (expectsPrompt) this.arm(next, next.options.promptTimeoutMs ?? 10_000, () => this.promptLost(next));
    else this.arm(next, next.options.timeoutMs ?? this.defaultTimeoutMs, () => this.timedOut(next));
  }

  // The marker goes out in place of the queued command, under that command's timeout (or its
  // resyncTimeoutMs): a modem that stays silent fails the command without it ever having been
  // written (AT+CMGS included).
  private writeMarker(next: PendingCommand, resync: Resync): void {
    const marker = resyncMarkers[this.nextMarker] ?? resyncMarkers[0];
    resync.marker = this.nextMarker;
    resync.markerSeen = false;
    resync.bareFinalAt = null;
    this.nextMarker = (this.nextMarker + 1) % resyncMarkers.length;
    next.stage = 'resync';
    this.log.add('sent', marker.command);
    this.log.add('note', `resynchronising before ${next.command}`);
    this.port.write(`${marker.command}\r`);
    const timeoutMs =
      next.options.resyncTimeoutMs ??
      (next.options.payload !== undefined
        ? (next.options.promptTimeoutMs ?? 10_000)
        : (next.options.timeoutMs ?? this.defaultTimeoutMs));
    this.arm(next, timeoutMs, () => this.resyncTimedOut(next, resync, timeoutMs));
  }

  private resyncTimedOut(command: PendingCommand, resync: Resync, timeoutMs: number): void {
    if (resync.bareFinalAt !== null) {
      // The modem answered with a final result and has been quiet since: whatever was late has
      // arrived. (A firmware without S-parameter reads answers ERROR to the marker.)
      this.resynced(command);
      return;
    }
    this.log.add('note', `no answer to the resynchronisation marker within ${timeoutMs} ms`);
    if (resync.quietTimer) clearTimeout(resync.quietTimer);
    resync.quietTimer = null;
    command.timer = null;
    if (this.current === command) this.current = null;
    command.reject(new AtResyncError(command.command, timeoutMs));
    this.startNext();
  }

  private resynced(command: PendingCommand): void {
    const resync = this.resync;
    if (resync?.quietTimer) clearTimeout(resync.quietTimer);
    this.resync = null;
    if (command.timer) clearTimeout(command.timer);
    command.timer = null;
    this.log.add('note', 'in step with the modem again');
    this.writeCommand(command);
  }

  private handleResyncLine(command: PendingCommand, resync: Resync, line: string): void {
    const marker = resyncMarkers[resync.marker] ?? resyncMarkers[0];
    if (/^AT/i.test(line)) return; // echo
    // Checked before final results: in numeric mode (ATV0) a firmware that drops leading
    // zeros answers S5 with "8", which is also a V.250 result code.
    if (!resync.markerSeen && marker.answer.test(line.replace(/^S\d+:\s*/i, ''))) {
      resync.markerSeen = true;
      return;
    }
    const final = parseFinalResult(line);
    if (!final) {
      this.log.add('note', 'late answer to an abandoned command dropped');
      // More is coming: the final result seen before was not the last word.
      if (resync.quietTimer) clearTimeout(resync.quietTimer);
      resync.quietTimer = null;
      resync.bareFinalAt = null;
      return;
    }
    if (resync.markerSeen) {
      this.resynced(command);
      return;
    }
    // A final result without the marker's answer: the end of the late reply, or the modem
    // refusing the marker. Wait for quiet; the marker's own answer may still follow.
    this.log.add('note', 'late answer to an abandoned command dropped');
    resync.bareFinalAt = Date.now();
    if (resync.quietTimer) clearTimeout(resync.quietTimer);
    resync.quietTimer = setTimeout(() => {
      resync.quietTimer = null;
      if (this.current === command && command.stage === 'resync' && resync.bareFinalAt !== null)
        this.resynced(command);
    }, this.settleMs);
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

  private finish(command: PendingCommand, outcome: AtReply | Error, gaveUp = false): void {
    if (command.timer) clearTimeout(command.timer);
    command.timer = null;
    if (this.current === command) this.current = null;
    if (gaveUp) this.resync ??= { marker: 0, markerSeen: false, bareFinalAt: null, quietTimer: null };
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
        // A late prompt (the AT+CMGS it belonged to was given up on): the modem would take
        // whatever comes next as the message text. Cancel it; never answer it with a PDU.
        this.writeRaw(escape, 'unexpected prompt; cancelled with ESC');
        if (command?.stage === 'resync' && this.resync) this.writeMarker(command, this.resync);
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
      if (this.resync) this.log.add('note', 'late answer to an abandoned command dropped');
      else this.log.add('note', 'line with no command in flight ignored');
      return;
    }
    if (command.stage === 'resync' && this.resync) {
      this.handleResyncLine(command, this.resync, line);
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
