import { createHash } from 'node:crypto';
import type { ModemSummary } from '../../../src-shared/api';
import type { SimLimitsInput } from '../../../src-shared/api/methods/modems';
import { createEngine, type Engine, type SimStatus } from '../../engine';
import { Modem, ModemError, ModemFleet, WrongPinError, type ProbeResult, type SendResult } from '../../modem';
import { startInProcessSimulator, VirtualNetwork, type InProcessSimulator } from '../../simulator';
import { startPinLockedDemo } from './pin-locked-demo';
import { ServiceError } from '../service-error';
import type { Store } from '../../store';
import type { CountryCode } from 'libphonenumber-js';
import type { AppSettings } from '../../../src-shared/api/methods/settings';
import { readAppSettings } from '../app-settings';
import type { EventHub } from '../event-hub';
import { keywordPolicyFromSettings } from '../keyword-settings';
import { AutoReplyWorker, readyReplyModems } from './auto-reply-worker';
import type { KeywordPolicy } from '../../engine';

export interface SendingRuntimeOptions {
  store: Store;
  events: EventHub;
  /** Look at the computer's serial ports at start and keep watching (off in tests). */
  scanSerialPorts: boolean;
}

/**
 * Everything that sends: the campaign engine, the modems of this computer and the virtual modems
 * of demo mode. Modems found are handed to the engine; the engine's news becomes API events.
 */
export class SendingRuntime {
  readonly engine: Engine;
  /** Sends the STOP/START confirmations and HELP answers the engine queues. */
  readonly autoReplies: AutoReplyWorker;
  private keywords: KeywordPolicy;
  private readonly fleet: ModemFleet;
  private readonly modems = new Map<number, { modem: Modem; demo: boolean }>();
  private readonly skipped = new Map<string, string>();
  private readonly publishedPartsSent = new Map<number, number>();
  private readonly unsubscribes: (() => void)[] = [];
  private readonly demoSimulators: InProcessSimulator[] = [];
  /** The pretend mobile network of demo mode: what its modems "sent" is recorded here. */
  readonly demoNetwork = new VirtualNetwork();
  private scanning: Promise<unknown> | null = null;
  private pinLockedDemos = 0;
  private readonly balances = new Map<number, { text: string; checkedAt: string }>();

  constructor(private readonly options: SendingRuntimeOptions) {
    const settings = readAppSettings(options.store.settings);
    this.keywords = keywordPolicyFromSettings(options.store.settings);
    this.engine = createEngine({
      store: options.store,
      keywords: this.keywords,
      // The settings contract only accepts countries libphonenumber knows.
      defaultCountry: settings.defaultCountry as CountryCode,
    });
    this.autoReplies = new AutoReplyWorker({
      store: options.store,
      readyModems: () => readyReplyModems(this.engine, (simId) => this.modems.get(simId)?.modem),
      settled: (reply) => options.events.emit('inbox.answered', { autoReplyId: reply.id, inboundId: reply.inboundId, state: reply.state }),
      problem: (description) => console.error(`Fanout: ${description}`),
    });
    this.fleet = new ModemFleet();
    this.unsubscribes.push(
      this.fleet.on('added', (modem) => this.attach(modem, false)),
      this.fleet.on('skipped', (result) => this.noteSkipped(result)),
      this.engine.on('sim', (status) => {
        this.publish(status.simId);
        // A modem back in service may send the answers that waited for one.
        if (status.inService) this.autoReplies.wake();
      }),
      this.engine.on('progress', (batch) => {
        if (batch.changes.length > 0) {
          options.events.emit('message.status', {
            changes: batch.changes.map((change) => ({ ...change, reason: change.reason ?? null })),
          });
        }
        this.publishChangedCounts();
        if (batch.campaigns.length > 0) {
          options.events.emit('campaign.progress', {
            campaigns: batch.campaigns.map(({ campaignId, counts }) => ({ campaignId, counts: { ...counts } })),
          });
        }
      }),
      this.engine.on('campaign', ({ campaignId, state }) => options.events.emit('campaign.state', { campaignId, state })),
      this.engine.on('inbound', (notice) => {
        if (notice.autoReplyId !== null) this.autoReplies.wake();
        options.events.emit('inbox.received', {
          inboundId: notice.inboundId,
          senderE164: notice.senderE164,
          text: notice.text,
          optedOut: notice.optedOut,
          keyword: notice.keyword,
        });
      }),
      this.engine.on('problem', (description) => console.error(`Fanout engine: ${description}`)),
    );
  }

  start(): void {
    const { interruptedAsUnknown } = this.engine.start();
    if (interruptedAsUnknown > 0) {
      console.log(`${interruptedAsUnknown} message(s) were in a modem's hands when Fanout last stopped; they are marked "unknown".`);
    }
    this.autoReplies.start();
    if (this.options.scanSerialPorts) void this.scan();
  }

  get isScanning(): boolean {
    return this.scanning !== null;
  }

  /** Probes every serial port now; the first call also starts watching for new ones. */
  async scan(): Promise<{ found: number; skipped: { path: string; reason: string }[] }> {
    const before = this.countReal();
    this.skipped.clear();
    this.scanning ??= this.fleet.start().finally(() => {
      this.scanning = null;
    });
    await this.scanning;
    return {
      found: this.countReal() - before,
      skipped: [...this.skipped].map(([path, reason]) => ({ path, reason })),
    };
  }

  /**
   * Adds virtual modems (SIMCom, Huawei and Quectel personalities) that answer like real ones.
   * With a PIN (demo and testing only) their SIMs ask for it, and they keep the same identity in
   * every run, so a refused PIN is recognised after a restart as it would be for a real SIM.
   */
  async startDemo(count: number, pin?: string, replyStopEvery?: number, replies: readonly string[] = ['STOP']): Promise<number> {
    let messagesSeen = 0;
    let repliesSent = 0;
    // A pretend person answers once: Fanout's confirmation to them is not counted or answered.
    const answered = new Set<string>();
    const replyFrom = (recipient: string): string | null => {
      if (replyStopEvery === undefined || answered.has(recipient)) return null;
      messagesSeen += 1;
      if (messagesSeen % replyStopEvery !== 0) return null;
      answered.add(recipient);
      return replies[repliesSent++ % replies.length] ?? 'STOP';
    };
    const options = {
      count,
      profile: ['sim800', 'huawei-e173', 'quectel-ec25'] as const,
      pathPrefix: `demo:${this.demoSimulators.length}:modem`,
      network: this.demoNetwork,
      submitLatencyMs: 600,
      statusReportDelayMs: 2_000,
      // Counted over all modems of this demo, so "every 4th" holds for the campaign as a whole.
      replyFrom: replyStopEvery === undefined ? undefined : replyFrom,
      replyDelayMs: 1_000,
    };
    const simulator =
      pin === undefined ? startInProcessSimulator(options) : startPinLockedDemo({ ...options, pin, firstIndex: this.pinLockedDemos });
    if (pin !== undefined) this.pinLockedDemos += count;
    this.demoSimulators.push(simulator);
    const opened = await Promise.all(
      simulator.paths.map((path) => Modem.open({ path, binding: simulator.binding }).catch((error: unknown) => error)),
    );
    let added = 0;
    for (const modem of opened) {
      if (modem instanceof Modem) {
        this.attach(modem, true);
        added++;
      }
    }
    return added;
  }

  /** The user saved settings: what the engine can take while running, it takes now. */
  applySettings(settings: AppSettings): void {
    void settings;
    // The added STOP words and the default country (the language of answers) are both in there.
    this.applyKeywordSettings();
  }

  /** The keyword words, answers and texts were saved: the next reply is judged and answered by them. */
  applyKeywordSettings(): void {
    this.keywords = keywordPolicyFromSettings(this.options.store.settings);
    this.engine.setKeywordPolicy(this.keywords);
  }

  /** The words and answers in force now. */
  get keywordPolicy(): KeywordPolicy {
    return this.keywords;
  }

  get store(): Store {
    return this.options.store;
  }

  list(): ModemSummary[] {
    return this.engine.sims().flatMap((status) => {
      const summary = this.summarise(status);
      return summary ? [summary] : [];
    });
  }

  /**
   * Unlocks a SIM with a PIN the user typed. A PIN this SIM refused before (even in an earlier
   * run) is not sent again: three refusals lock the SIM, and only the PUK from the operator opens it.
   */
  async enterPin(simId: number, pin: string): Promise<ModemSummary['state']> {
    const modem = this.requireModem(simId);
    if (modem.state !== 'pin-required')
      throw new ServiceError('conflict', 'This SIM does not ask for a PIN (any more).');
    const { sims } = this.options.store;
    const digest = pinDigest(simId, pin);
    const refusal = sims.pinRefusal(simId);
    if (refusal?.digest === digest)
      throw new ServiceError(
        'conflict',
        refusalText('This SIM already refused that PIN, so Fanout did not try it again.', refusal.refusals),
      );
    try {
      await modem.enterPin(pin);
    } catch (error) {
      if (error instanceof WrongPinError) {
        const recorded = sims.recordPinRefusal(simId, digest, Date.now());
        this.publish(simId);
        throw new ServiceError('conflict', refusalText('The PIN was refused.', recorded.refusals), undefined, { cause: error });
      }
      if (error instanceof ModemError) throw new ServiceError('unavailable', error.userMessage, undefined, { cause: error });
      throw error;
    }
    sims.clearPinRefusal(simId);
    this.publish(simId);
    return modem.state;
  }

  /** Asks the operator for the balance; the code given is remembered for this SIM. */
  async checkBalance(simId: number, code?: string): Promise<{ text: string; checkedAt: string; code: string }> {
    const modem = this.requireModem(simId);
    if (modem.state !== 'ready')
      throw new ServiceError('unavailable', 'The balance can be checked once the modem is ready (SIM unlocked, network found).');
    const { sims } = this.options.store;
    const usedCode = code ?? sims.balanceCode(simId) ?? DEFAULT_BALANCE_CODE;
    let text: string;
    try {
      text = (await modem.checkBalance(usedCode)).text.trim();
    } catch (error) {
      if (error instanceof ModemError) throw new ServiceError('unavailable', balanceFailureText(error, usedCode), undefined, { cause: error });
      throw error;
    }
    if (code !== undefined) sims.setBalanceCode(simId, code, Date.now());
    const balance = { text, checkedAt: new Date().toISOString() };
    this.balances.set(simId, balance);
    this.publish(simId);
    return { ...balance, code: usedCode };
  }

  updateLimits(simId: number, limits: SimLimitsInput): SimLimitsInput {
    this.requireModem(simId);
    this.options.store.sims.update(simId, { limitPerMinute: limits.perMinute, limitPerHour: limits.perHour, limitPerDay: limits.perDay }, Date.now());
    this.engine.refreshSimSettings();
    this.publish(simId);
    return this.limitsOf(simId);
  }

  /**
   * Sends one message outside any campaign through the first modem in service. It is not
   * recorded in the queue: it is the user's own check on a phone at hand.
   */
  async sendOne(to: string, text: string): Promise<{ modemLabel: string; result: SendResult }> {
    const status = this.engine.sims().find((sim) => sim.inService && this.modems.get(sim.simId)?.modem.state === 'ready');
    const attached = status ? this.modems.get(status.simId) : undefined;
    if (!status || !attached)
      throw new ServiceError('unavailable', 'No modem is ready to send. Open Modems to scan for one or add virtual modems (demo).');
    return { modemLabel: status.label, result: await attached.modem.send({ to, text }) };
  }

  trafficLog(simId: number): string | null {
    return this.modems.get(simId)?.modem.log.exportText() ?? null;
  }

  async close(): Promise<void> {
    for (const unsubscribe of this.unsubscribes) unsubscribe();
    await this.autoReplies.stop();
    await this.engine.stop();
    await this.fleet.stop();
    await Promise.all([...this.modems.values()].filter(({ demo }) => demo).map(({ modem }) => modem.close()));
    for (const simulator of this.demoSimulators) simulator.stop();
  }

  private requireModem(simId: number): Modem {
    const attached = this.modems.get(simId);
    if (!attached) throw new ServiceError('not-found', 'That modem is not connected any more.');
    return attached.modem;
  }

  private limitsOf(simId: number): SimLimitsInput {
    const sim = this.options.store.sims.get(simId);
    return { perMinute: sim?.limitPerMinute ?? null, perHour: sim?.limitPerHour ?? null, perDay: sim?.limitPerDay ?? null };
  }

  private attach(modem: Modem, demo: boolean): void {
    const { simId } = this.engine.attachModem(modem);
    this.modems.set(simId, { modem, demo });
    this.publish(simId);
  }

  private noteSkipped(result: ProbeResult): void {
    this.skipped.set(result.path, result.error?.userMessage ?? 'It answered, but not like a modem Fanout can use.');
  }

  private countReal(): number {
    return [...this.modems.values()].filter(({ demo }) => !demo).length;
  }

  private publish(simId: number): void {
    const status = this.engine.sims().find((sim) => sim.simId === simId);
    const summary = status ? this.summarise(status) : null;
    if (summary) {
      this.publishedPartsSent.set(simId, summary.partsSent);
      this.options.events.emit('modem.status', summary);
    }
  }

  /** The engine announces a SIM when its health changes; its count moves with every batch of progress. */
  private publishChangedCounts(): void {
    for (const status of this.engine.sims()) {
      if (this.publishedPartsSent.get(status.simId) !== status.partsSent) this.publish(status.simId);
    }
  }

  private summarise(status: SimStatus): ModemSummary | null {
    const attached = this.modems.get(status.simId);
    if (!attached) return null;
    const identity = attached.modem.identity;
    const refusal = this.options.store.sims.pinRefusal(status.simId);
    return {
      simId: status.simId,
      label: status.label,
      path: status.path,
      state: status.modemState,
      inService: status.inService,
      problem: status.problem,
      manufacturer: identity?.manufacturer ?? null,
      model: identity?.model ?? null,
      imei: identity?.imei ?? null,
      operator: status.operator,
      signalBars: status.signalBars,
      partsSent: status.partsSent,
      demo: attached.demo,
      sentToday: this.options.store.queue.partsSentSince(status.simId, localMidnight()),
      limits: this.limitsOf(status.simId),
      pinRefused: refusal ? { triesLeft: Math.max(0, SIM_PIN_TRIES - refusal.refusals) } : null,
      balance: this.balances.get(status.simId) ?? null,
      balanceCode: this.options.store.sims.balanceCode(status.simId) ?? DEFAULT_BALANCE_CODE,
    };
  }
}

/** The balance code of most European operators; a SIM can be given its own. */
export const DEFAULT_BALANCE_CODE = '*100#';
/** A SIM locks after three wrong PINs in a row (TS 31.102 §6.3). */
const SIM_PIN_TRIES = 3;

function pinDigest(simId: number, pin: string): string {
  return createHash('sha256').update(`fanout-sim-pin:${simId}:${pin}`).digest('hex');
}

function refusalText(what: string, refusals: number): string {
  const left = Math.max(0, SIM_PIN_TRIES - refusals);
  if (left === 0) return `${what} The SIM is probably locked now and needs the PUK from your operator.`;
  return `${what} ${left === 1 ? '1 try' : `${left} tries`} left before the SIM locks — check the PIN and enter it again.`;
}

function balanceFailureText(error: ModemError, code: string): string {
  if (error.name === 'UssdTimeoutError') return `The operator did not answer ${code}. Try again in a minute, or check the code.`;
  if (error.name === 'AtTimeoutError') return 'The modem did not answer. Fanout is waking it up; try again in a minute.';
  return `The modem or operator does not accept the USSD code ${code}. Check the code with your operator (often *100# or *101#).`;
}

function localMidnight(): number {
  const midnight = new Date();
  midnight.setHours(0, 0, 0, 0);
  return midnight.getTime();
}
