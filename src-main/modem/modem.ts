// One physical (or virtual) modem as the rest of Fanout sees it: open it on a port, send
// messages, hear inbound messages and delivery reports, watch its health. It keeps working when
// the hardware misbehaves: a silent modem is woken (ESC, AT, then reopening the port), an
// unplugged one is re-attached when it comes back, on the same or another port, as long as its
// IMEI matches.

import type { SerialPortStream } from '@serialport/stream';
import { ConcatReferenceAllocator } from '../../src-shared/sms';
import { AtChannel, type Urc } from './at-channel';
import {
  AtTimeoutError,
  ModemError,
  NotAModemError,
  PortClosedError,
  PromptLostError,
  WrongPinError,
} from './errors';
import {
  identify,
  parseImei,
  readRegistration,
  readSignal,
  type ModemIdentity,
  type SimStatus,
} from './identify';
import { enableErrorCodes, initialiseModem, type InitReport } from './init';
import { OptionalCommands } from './optional-command';
import { Listeners } from './listeners';
import { InboundReceiver, type Acknowledge, type DeliveryReport, type InboundMessage } from './receive';
import { sendMessage, type SendProgress, type SendRequest, type SendResult } from './send';
import type { SerialBinding } from './serial-binding';
import { closeSerialPort, openSerialPort } from './serial-open';
import { isRegistered, parseCreg, type Registration, type SignalQuality } from './signal';
import { PinGuard } from './sim-pin';
import { TrafficLog } from './traffic-log';
import { requestUssd, type UssdReply } from './ussd';

export type ModemState =
  /** Opening the port and setting the modem up. */
  | 'starting'
  | 'ready'
  | 'pin-required'
  | 'puk-required'
  | 'no-sim'
  | 'no-network'
  /** It stopped answering; Fanout is trying ESC, AT and reopening the port. */
  | 'recovering'
  /** Recovery failed; Fanout keeps trying now and then. */
  | 'hung'
  /** The port vanished; Fanout re-attaches the modem when it comes back. */
  | 'unplugged'
  | 'closed';

export interface ModemOptions {
  readonly path: string;
  /** The OS serial ports by default; pass a VirtualSerialBinding for virtual modems. */
  readonly binding?: SerialBinding;
  readonly baudRate?: number;
  /** Entered once if the SIM asks; never retried automatically once refused. */
  readonly pin?: string;
  /** How often signal and registration are polled; 0 turns polling off. Default 15 s. */
  readonly healthIntervalMs?: number;
  /** How often an unplugged or hung modem is looked for again. Default 2 s. */
  readonly reconnectIntervalMs?: number;
  readonly commandTimeoutMs?: number;
  readonly promptTimeoutMs?: number;
  readonly submitTimeoutMs?: number;
  readonly logCapacity?: number;
  /**
   * How long the missing parts of a long inbound message are waited for before it is handed on
   * incomplete (checked with each health poll). Default 24 hours.
   */
  readonly partialMessageTimeoutMs?: number;
}

export interface ModemHealth {
  readonly state: ModemState;
  readonly signal: SignalQuality | null;
  readonly registration: Registration;
  readonly checkedAt: Date;
}

// A type alias rather than an interface, so it satisfies Listeners' index-signature constraint.
export type ModemEvents = {
  state: (state: ModemState, previous: ModemState) => void;
  health: (health: ModemHealth) => void;
  /** An inbound message, whole; call ack() once it is stored so the modem's copy is deleted. */
  message: (message: InboundMessage, ack: Acknowledge) => void;
  statusReport: (report: DeliveryReport, ack: Acknowledge) => void;
  /** Every URC, for diagnostics. */
  urc: (urc: Urc) => void;
  /** Something went wrong that does not change the state (an undecodable PDU, a failed delete). */
  problem: (description: string) => void;
};

const wakeAttempts = 3;
/** First wait before asking again for a registration the modem did not give while opening. */
const REGISTRATION_RECHECK_MS = 2000;

/** Sends AT until the modem answers; ESC first in case a previous session left it at the "> " prompt. */
async function wake(channel: AtChannel, path: string, attemptTimeoutMs = 1000): Promise<void> {
  channel.writeRaw('\x1b', 'ESC: leave any half-entered message');
  for (let attempt = 0; attempt < wakeAttempts; attempt++) {
    try {
      await channel.send('AT', { timeoutMs: attemptTimeoutMs });
      return;
    } catch (error) {
      if (!(error instanceof AtTimeoutError)) throw error;
    }
  }
  throw new NotAModemError(path);
}

export class Modem {
  readonly log: TrafficLog;
  private readonly events = new Listeners<ModemEvents>();
  private readonly pinGuard = new PinGuard();
  private readonly references = new ConcatReferenceAllocator();
  private currentPath: string;
  private port: SerialPortStream | null = null;
  private channel: AtChannel | null = null;
  private receiver: InboundReceiver | null = null;
  private currentState: ModemState = 'starting';
  private currentIdentity: ModemIdentity | null = null;
  private lastHealth: ModemHealth | null = null;
  private initReport: InitReport | null = null;
  private healthTimer: ReturnType<typeof setInterval> | null = null;
  private registrationRecheckTimer: ReturnType<typeof setTimeout> | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private healthCheckRunning = false;
  /** A message is being sent (its parts, and the records between them). */
  private sending = false;
  private recovery: Promise<void> | null = null;
  private reattaching: Promise<boolean> | null = null;
  private sendQueue: Promise<unknown> = Promise.resolve();
  private readonly pendingInbound: { message: InboundMessage; ack: Acknowledge }[] = [];
  private readonly pendingReports: { report: DeliveryReport; ack: Acknowledge }[] = [];

  private constructor(private readonly options: ModemOptions) {
    this.currentPath = options.path;
    this.log = new TrafficLog(options.logCapacity ?? 2000);
  }

  /**
   * Opens the port, checks that a modem answers, identifies it, unlocks the SIM if a PIN was
   * given, sets it up and reads stored messages. Throws PortOpenError or NotAModemError; a
   * modem that needs a PIN or has no network still opens, in that state.
   */
  static async open(options: ModemOptions): Promise<Modem> {
    const modem = new Modem(options);
    try {
      await modem.connect(options.path);
      await modem.prepare();
    } catch (error) {
      await modem.close();
      throw error;
    }
    modem.startHealthPolling();
    return modem;
  }

  get path(): string {
    return this.currentPath;
  }

  get state(): ModemState {
    return this.currentState;
  }

  get identity(): ModemIdentity | null {
    return this.currentIdentity;
  }

  get imei(): string | null {
    return this.currentIdentity?.imei ?? null;
  }

  get health(): ModemHealth | null {
    return this.lastHealth;
  }

  get setup(): InitReport | null {
    return this.initReport;
  }

  /**
   * Subscribes to an event. Inbound messages and reports that arrived before anyone listened
   * are handed to the first listener, so nothing read at start-up is lost.
   */
  on<E extends keyof ModemEvents>(event: E, listener: ModemEvents[E]): () => void {
    const off = this.events.on(event, listener);
    if (event === 'message')
      for (const item of this.pendingInbound.splice(0)) this.events.emit('message', item.message, item.ack);
    if (event === 'statusReport')
      for (const item of this.pendingReports.splice(0))
        this.events.emit('statusReport', item.report, item.ack);
    return off;
  }

  /**
   * Sends every part of a message. Never throws for modem trouble: the result says which parts
   * the network accepted (with their references), and why it stopped. An "unknown" outcome
   * means the text may have gone out; do not send it again without deciding to.
   */
  async send(request: SendRequest, progress?: SendProgress): Promise<SendResult> {
    // One message at a time: its parts go out back to back, and a message waiting behind one
    // that hung the modem fails at once (not sent) instead of being typed into a dead modem.
    const turn = this.sendQueue.then(() => this.sendNow(request, progress));
    this.sendQueue = turn.catch(() => undefined);
    return turn;
  }

  private async sendNow(request: SendRequest, progress?: SendProgress): Promise<SendResult> {
    const channel = this.channel;
    if (this.currentState !== 'ready' || !channel) {
      return {
        outcome: 'failed',
        parts: [],
        error: {
          name: 'ModemNotReady',
          message: `modem ${this.currentPath} is ${this.currentState}`,
          userMessage: `The modem on ${this.currentPath} cannot send now (${this.currentState}).`,
          failureClass: 'sim-or-modem',
          code: null,
        },
      };
    }
    // Between two parts the caller records the first (progress.onPartAccepted) and the channel
    // is idle: the health poll waits, so the parts follow each other as closely as that allows.
    this.sending = true;
    let result: SendResult;
    try {
      result = await sendMessage(channel, request, this.references.next(request.to), {
        promptTimeoutMs: this.options.promptTimeoutMs,
        submitTimeoutMs: this.options.submitTimeoutMs,
      }, progress);
    } finally {
      this.sending = false;
    }
    if (
      (result.outcome === 'unknown' || result.error?.name === 'AtResyncError') &&
      (result.error?.name === 'AtTimeoutError' ||
        result.error?.name === 'AtResyncError' ||
        result.error?.name === 'PromptLostError')
    ) {
      void this.recover();
    }
    return result;
  }

  /** A PIN typed by the user. A refused PIN is never retried on its own. */
  async enterPin(pin: string): Promise<SimStatus> {
    const channel = this.requireChannel();
    let status: SimStatus;
    try {
      status = await this.pinGuard.unlock(channel, pin, { userTyped: true });
    } catch (error) {
      if (error instanceof WrongPinError) this.setState('pin-required');
      throw error;
    }
    await this.prepare();
    return status;
  }

  /** Asks the network for the balance (or any USSD code) and returns its decoded answer. */
  async checkBalance(code = '*100#', timeoutMs = 20_000): Promise<UssdReply> {
    const manufacturer = this.currentIdentity?.manufacturer?.toLowerCase() ?? '';
    return this.guard(
      requestUssd(this.requireChannel(), code, {
        timeoutMs,
        packed: manufacturer.includes('huawei') ? true : undefined,
      }),
    );
  }

  /** Polls signal and registration now. */
  async checkHealth(): Promise<ModemHealth> {
    const channel = this.requireChannel();
    const signal = await this.guard(readSignal(channel));
    const registration = await this.guard(readRegistration(channel));
    this.recordHealth(signal, registration);
    return this.lastHealth as ModemHealth;
  }

  /** The AT traffic as text, for a support request. */
  exportLog(): string {
    return this.log.exportText();
  }

  /**
   * Looks for this modem on `path` (after an unplug it may come back under another name).
   * Resolves true if the modem there has the same IMEI and is in use again.
   */
  async reattach(path: string): Promise<boolean> {
    // One attempt at a time: the modem's own retry and a port watcher may both try.
    const previous = this.reattaching ?? Promise.resolve(false);
    const attempt = previous.then(() => this.tryReattach(path));
    this.reattaching = attempt;
    try {
      return await attempt;
    } finally {
      if (this.reattaching === attempt) this.reattaching = null;
    }
  }

  private async tryReattach(path: string): Promise<boolean> {
    if (this.currentState !== 'unplugged' && this.currentState !== 'hung') return false;
    const previousPath = this.currentPath;
    try {
      await this.connect(path);
      const imei = parseImei(
        (await this.requireChannel().send('AT+CGSN', { timeoutMs: 3000 })).lines[0] ?? null,
      );
      if (!imei || imei !== this.currentIdentity?.imei) {
        await this.disconnect();
        this.currentPath = previousPath;
        return false;
      }
      this.log.add('note', `re-attached on ${path}`);
      await this.prepare();
      this.startHealthPolling();
      return true;
    } catch {
      await this.disconnect();
      this.currentPath = previousPath;
      return false;
    }
  }

  async close(): Promise<void> {
    this.stopTimers();
    this.setState('closed');
    await this.disconnect();
  }

  // --- connection -----------------------------------------------------------------------------

  private async connect(path: string): Promise<void> {
    await this.disconnect();
    const port = await openSerialPort({
      path,
      binding: this.options.binding,
      baudRate: this.options.baudRate,
    });
    const channel = new AtChannel(port, {
      path,
      log: this.log,
      defaultTimeoutMs: this.options.commandTimeoutMs ?? 5000,
    });
    this.port = port;
    this.channel = channel;
    this.currentPath = path;
    channel.onUrc((urc) => this.handleUrc(urc));
    channel.onClose(() => {
      if (this.channel === channel) this.handleUnplug();
    });
    await wake(channel, path);
  }

  private async disconnect(): Promise<void> {
    const channel = this.channel;
    const port = this.port;
    this.channel = null;
    this.port = null;
    channel?.detach();
    if (port) await closeSerialPort(port);
  }

  // Identify, unlock, set up, read the store. Safe to run again after a reopen or a PIN.
  private async prepare(): Promise<void> {
    const channel = this.requireChannel();
    // One record of the optional commands for the whole open: what was refused or never
    // answered, identification included, ends up in the set-up report.
    const optional = new OptionalCommands(channel);
    await enableErrorCodes(channel, optional);
    this.currentIdentity = await identify(channel, optional);
    let sim = this.currentIdentity.sim;
    if (
      sim === 'pin-required' &&
      this.options.pin !== undefined &&
      !this.pinGuard.wasRejected(this.options.pin)
    ) {
      try {
        sim = await this.pinGuard.unlock(channel, this.options.pin, { userTyped: false });
        if (sim === 'ready') this.currentIdentity = await identify(channel, optional);
      } catch (error) {
        if (!(error instanceof WrongPinError)) throw error;
        this.events.emit('problem', error.userMessage);
      }
    }
    if (sim !== 'ready') {
      if (sim === 'busy' || sim === 'unknown')
        this.events.emit('problem', `the SIM did not become ready (${sim})`);
      this.setState(
        sim === 'pin-required' ? 'pin-required' : sim === 'puk-required' ? 'puk-required' : 'no-sim',
      );
      return;
    }
    this.initReport = await initialiseModem(
      channel,
      { manufacturer: this.currentIdentity.manufacturer },
      optional,
    );
    if (this.receiver) this.receiver.useChannel(channel, this.initReport.readStorage);
    else {
      this.receiver = new InboundReceiver(
        channel,
        {
          message: (message, ack) => this.deliverInbound(message, ack),
          statusReport: (report, ack) => this.deliverReport(report, ack),
          problem: (description) => this.events.emit('problem', description),
        },
        this.initReport.readStorage,
        this.options.partialMessageTimeoutMs,
      );
    }
    try {
      await this.receiver.readAll();
    } catch (error) {
      if (!(error instanceof ModemError)) throw error;
      this.events.emit('problem', `listing stored messages failed: ${error.message}`);
    }
    this.setState(isRegistered(this.currentIdentity.registration) ? 'ready' : 'no-network');
    this.recordHealth(this.currentIdentity.signal, this.currentIdentity.registration);
  }

  private deliverInbound(message: InboundMessage, ack: Acknowledge): void {
    if (this.events.count('message') === 0) this.pendingInbound.push({ message, ack });
    else this.events.emit('message', message, ack);
  }

  private deliverReport(report: DeliveryReport, ack: Acknowledge): void {
    if (this.events.count('statusReport') === 0) this.pendingReports.push({ report, ack });
    else this.events.emit('statusReport', report, ack);
  }

  private handleUrc(urc: Urc): void {
    this.events.emit('urc', urc);
    if (this.receiver?.handleUrc(urc)) return;
    if (urc.name === '+CREG' && urc.lines[0]) {
      const registration = parseCreg(urc.lines[0], false);
      if (registration) this.recordHealth(this.lastHealth?.signal ?? null, registration);
    }
  }

  // --- health ---------------------------------------------------------------------------------

  private recordHealth(signal: SignalQuality | null, registration: Registration): void {
    if (
      this.currentState === 'ready' ||
      this.currentState === 'no-network' ||
      this.currentState === 'recovering'
    ) {
      this.setState(isRegistered(registration) ? 'ready' : 'no-network');
    }
    this.lastHealth = { state: this.currentState, signal, registration, checkedAt: new Date() };
    this.events.emit('health', this.lastHealth);
  }

  private startHealthPolling(): void {
    const interval = this.options.healthIntervalMs ?? 15_000;
    if (interval <= 0 || this.healthTimer) return;
    this.healthTimer = setInterval(() => void this.pollHealth(), interval);
    this.healthTimer.unref?.();
    this.scheduleRegistrationRecheck(REGISTRATION_RECHECK_MS);
  }

  /**
   * A modem too slow to answer AT+CREG? while opening shows "no network" though it may well be
   * registered: ask again soon, then twice as late each time, until the regular poll takes over.
   */
  private scheduleRegistrationRecheck(delayMs: number): void {
    const interval = this.options.healthIntervalMs ?? 15_000;
    if (this.registrationRecheckTimer || delayMs >= interval || this.lastHealth?.registration !== 'unknown') return;
    if (this.currentState !== 'ready' && this.currentState !== 'no-network') return;
    this.registrationRecheckTimer = setTimeout(() => {
      this.registrationRecheckTimer = null;
      void this.pollHealth().then(() => this.scheduleRegistrationRecheck(delayMs * 2));
    }, delayMs);
    this.registrationRecheckTimer.unref?.();
  }

  private async pollHealth(): Promise<void> {
    const channel = this.channel;
    // A poll behind a long submit would only measure the queue; the next tick will do.
    if (this.healthCheckRunning || !channel || channel.busy || this.sending || this.recovery) return;
    if (this.currentState !== 'ready' && this.currentState !== 'no-network') return;
    this.healthCheckRunning = true;
    try {
      this.receiver?.expireStale();
      await this.checkHealth();
    } catch (error) {
      // A timeout has already started recovery; anything else is reported, as this runs on a timer.
      if (!(error instanceof ModemError))
        this.events.emit(
          'problem',
          `health check failed: ${error instanceof Error ? error.message : String(error)}`,
        );
    } finally {
      this.healthCheckRunning = false;
    }
  }

  // Commands that time out start a recovery; the caller still gets the error.
  private async guard<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (error) {
      if (error instanceof AtTimeoutError || error instanceof PromptLostError) void this.recover();
      throw error;
    }
  }

  /** ESC and AT first; if the modem stays silent, close and reopen the port (a DTR drop resets many sticks). */
  private recover(): Promise<void> {
    this.recovery ??= this.runRecovery()
      .catch((error: unknown) => {
        // Started in the background: a failure must become a report, never an unhandled rejection.
        this.events.emit(
          'problem',
          `recovery failed: ${error instanceof Error ? error.message : String(error)}`,
        );
        this.setState('hung');
      })
      .finally(() => {
        this.recovery = null;
      });
    return this.recovery;
  }

  private async runRecovery(): Promise<void> {
    if (this.currentState === 'closed' || this.currentState === 'unplugged') return;
    this.setState('recovering');
    const channel = this.channel;
    if (channel && !channel.isClosed) {
      try {
        await wake(channel, this.currentPath, Math.min(2000, this.options.commandTimeoutMs ?? 5000));
        this.log.add('note', 'modem answered again after ESC');
        await this.checkHealth();
        return;
      } catch (error) {
        if (error instanceof PortClosedError) return;
        if (!(error instanceof ModemError)) throw error;
      }
    }
    try {
      this.log.add('note', 'reopening the port');
      await this.connect(this.currentPath);
      await this.prepare();
      this.log.add('note', 'modem answered after the port was reopened');
    } catch (error) {
      if (!(error instanceof ModemError)) throw error;
      if ((this.currentState as ModemState) === 'closed' || (this.currentState as ModemState) === 'unplugged')
        return;
      this.setState('hung');
      this.scheduleReconnect(() => this.recover());
    }
  }

  private handleUnplug(): void {
    if (this.currentState === 'closed') return;
    this.channel = null;
    this.port = null;
    this.stopTimers();
    this.setState('unplugged');
    this.scheduleReconnect(async () => {
      if (!(await this.reattach(this.currentPath))) this.scheduleReconnect(() => this.retryReattach());
    });
  }

  private async retryReattach(): Promise<void> {
    if (this.currentState !== 'unplugged') return;
    if (!(await this.reattach(this.currentPath))) this.scheduleReconnect(() => this.retryReattach());
  }

  private scheduleReconnect(work: () => Promise<void>): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void work();
    }, this.options.reconnectIntervalMs ?? 2000);
    this.reconnectTimer.unref?.();
  }

  private stopTimers(): void {
    if (this.healthTimer) clearInterval(this.healthTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.registrationRecheckTimer) clearTimeout(this.registrationRecheckTimer);
    this.healthTimer = null;
    this.reconnectTimer = null;
    this.registrationRecheckTimer = null;
  }

  private setState(state: ModemState): void {
    const previous = this.currentState;
    if (previous === state || previous === 'closed') return;
    this.currentState = state;
    this.log.add('note', `state ${previous} → ${state}`);
    this.events.emit('state', state, previous);
  }

  private requireChannel(): AtChannel {
    if (!this.channel) throw new PortClosedError(this.currentPath);
    return this.channel;
  }
}
