// One worker per attached SIM: claim the next due message, ask the send policy, hand it to the
// modem, record the outcome, claim the next — with no pause in between, so every modem is kept
// busy while work is due. The queue is shared: a SIM that drops out simply stops claiming and
// the others take what is left, which is how its work is "handed on".
//
// Crash safety is the queue's commits around each hand-over: claimNext() commits 'sending'
// before the first AT+CMGS, recordPartHandover() each part of a long message but the last as
// the network accepts it (before the next part is written), recordHandover() 'sent' after the
// last +CMGS answer. An unknown outcome (timeout, lost prompt, port gone mid-submit, a crash)
// is recorded as such, with the parts that did go out, and never re-sent by the engine.
import type { PartResult, SendProgress, SendRequest, SendResult } from '../modem/send';
import type { Campaign, ClaimedMessage, MessageOutcome, MessageState, Store } from '../store';
import type { Clock } from './clock';
import type { MessageChange, SimStatus } from './events';
import type { EngineModem } from './engine-modem';
import { combineLimits, type SendDecision, type SendPolicy, type SimLimits } from './send-policy';
import { WakeableSleep } from './wakeable-sleep';

export interface RetryPolicy {
  /** Transient failures of one message before it is failed for good. */
  readonly maxTransientAttempts: number;
  /** Delay before the n-th retry (n from 1). */
  readonly backoffMs: (retry: number) => number;
  /** How long a SIM stays out after a SIM-level error (no credit, barred, not registered). */
  readonly simCooldownMs: number;
}

/** What a worker needs from the engine around it. */
export interface WorkerHost {
  readonly store: Store;
  /** This engine's lease: claims carry it, so only a dead engine's claims become 'unknown'. */
  readonly leaseOwner: string;
  readonly clock: Clock;
  readonly policy: SendPolicy;
  readonly retry: RetryPolicy;
  /** Running campaigns this SIM may send for. */
  campaignsFor(simId: number): readonly Campaign[];
  campaign(id: number): Campaign | undefined;
  messageChanged(change: MessageChange): void;
  /**
   * Runs store writes in the next shared transaction: the commits of modems that finish at the
   * same moment share one fsync (group commit). Resolves after the commit.
   */
  commit<T>(work: () => T): Promise<T>;
  simChanged(status: SimStatus): void;
  problem(description: string): void;
  /** A message of this campaign was held by the recipient's quiet hours: hold the others who are too (quiet-hours-sweep.ts). */
  quietHoursHeld(campaignId: number): void;
  /** Transient failures per message in this run (the store's attempts count every hand-over, not deferrals). */
  transientFailures: Map<number, number>;
}

/** Longest idle sleep: a fake clock moved by a test, or another process's writes, are noticed this soon. */
const IDLE_POLL_MS = 500;
const ERROR_PAUSE_MS = 1000;

export class SimWorker {
  private readonly sleeper = new WakeableSleep();
  private stopping = false;
  private loop: Promise<void> | null = null;
  private outOfServiceUntil = 0;
  private problem: string | null = null;
  private partsSent = 0;
  private lastHandedAt = 0;
  // The SIM's lifetime total is statistics, not crash-critical (limits count message_parts), so
  // it is written on the engine's tick instead of costing a third commit per message.
  private uncountedParts = 0;
  private readonly pendingCommits = new Set<Promise<void>>();
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    readonly simId: number,
    readonly label: string,
    readonly modem: EngineModem,
    private readonly host: WorkerHost,
    private limits: SimLimits,
    private enabled: boolean,
  ) {
    this.unsubscribe.push(
      modem.on('state', () => {
        this.host.simChanged(this.status());
        this.sleeper.wake();
      }),
      modem.on('health', () => this.host.simChanged(this.status())),
    );
  }

  status(): SimStatus {
    const modemState = this.modem.state;
    const coolingDown = this.outOfServiceUntil > this.host.clock.now();
    const inService = this.enabled && modemState === 'ready' && !coolingDown;
    const problem = !this.enabled
      ? 'switched off in the SIM settings'
      : coolingDown
        ? this.problem
        : modemState === 'ready'
          ? null
          : `modem is ${modemState}`;
    const signalBars = this.modem.health?.signal?.bars ?? this.modem.identity?.signal?.bars ?? null;
    const operator = this.modem.identity?.operator ?? null;
    return { simId: this.simId, label: this.label, path: this.modem.path, modemState, inService, problem, partsSent: this.partsSent, signalBars, operator };
  }

  updateSettings(limits: SimLimits, enabled: boolean): void {
    this.limits = limits;
    this.enabled = enabled;
  }

  start(): void {
    this.stopping = false;
    this.loop ??= this.run().finally(() => {
      this.loop = null;
    });
  }

  /** Finishes the message in hand (never abandons a submit half-way), then stops claiming. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.sleeper.wake();
    await this.loop;
    await Promise.all([...this.pendingCommits]);
  }

  /** Adds the parts sent since the last call to the SIM's lifetime total. */
  flushCounters(): Promise<void> {
    const parts = this.uncountedParts;
    if (parts === 0) return Promise.resolve();
    this.uncountedParts = 0;
    // Joins the next group commit instead of paying an fsync of its own.
    return this.host.commit(() => this.host.store.sims.addPartsSent(this.simId, parts));
  }

  dispose(): void {
    for (const off of this.unsubscribe.splice(0)) off();
  }

  wake(): void {
    this.sleeper.wake();
  }

  /**
   * When this SIM is next in line among free SIMs: its last hand-over plus the spacing its
   * tightest limit asks for (a SIM allowed 600 an hour comes round ten times as often as one
   * allowed 60). Unlimited SIMs simply take turns.
   */
  turn(): number {
    let spacingMs = 0;
    for (const [limit, windowMs] of [
      [this.limits.perMinute, 60_000],
      [this.limits.perHour, 3_600_000],
      [this.limits.perDay, 86_400_000],
    ] as const) {
      if (limit != null && limit > 0) spacingMs = Math.max(spacingMs, windowMs / limit);
    }
    return this.lastHandedAt + spacingMs;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        const next = await this.claimOrWait();
        if (typeof next === 'number') await this.sleeper.sleep(next);
        else await this.deliver(next);
      } catch (error) {
        // A store call failed (disk full, database locked too long). A failed claim changed
        // nothing; a failed record leaves the message 'sending', which the next start reports as
        // unknown. Either way this SIM keeps going after a pause rather than dying silently.
        this.host.problem(`${this.label}: ${error instanceof Error ? error.message : String(error)}`);
        await this.sleeper.sleep(ERROR_PAUSE_MS);
      }
    }
  }

  /** The next message for this SIM, or how long to sleep before looking again. */
  private async claimOrWait(): Promise<ClaimedMessage | number> {
    const { store, clock, policy } = this.host;
    const now = clock.now();
    if (!this.enabled || this.modem.state !== 'ready') return IDLE_POLL_MS;
    if (this.outOfServiceUntil > now) return Math.min(IDLE_POLL_MS, this.outOfServiceUntil - now);
    if (this.problem !== null) {
      this.problem = null;
      this.host.simChanged(this.status());
    }
    const campaignIds: number[] = [];
    let limitWait = Infinity;
    for (const campaign of this.host.campaignsFor(this.simId)) {
      const wait = policy.simWaitMs(this.simId, combineLimits(this.limits, campaign.limits), now);
      if (wait === 0) campaignIds.push(campaign.id);
      else limitWait = Math.min(limitWait, wait);
    }
    if (campaignIds.length === 0) return Math.min(IDLE_POLL_MS, limitWait);
    // Committed before the modem sees a byte of it: after a crash it is 'unknown', never re-sent.
    const message = await this.host.commit(() => store.queue.claimNext({ simId: this.simId, now, campaignIds, owner: this.host.leaseOwner }));
    if (message) return message;
    const due = store.queue.nextDueAt(campaignIds);
    return Math.min(IDLE_POLL_MS, limitWait, due === undefined ? IDLE_POLL_MS : Math.max(0, due - now));
  }

  private async deliver(message: ClaimedMessage): Promise<void> {
    const { store, clock, policy } = this.host;
    const campaign = this.host.campaign(message.campaignId) ?? store.campaigns.get(message.campaignId);
    const decision: SendDecision = campaign
      ? policy.check({ message, campaign, simId: this.simId, simLimits: this.limits, now: clock.now() })
      : { kind: 'skip', reason: 'campaign deleted' };
    if (decision.kind === 'defer') {
      // Back to the queue with its reason; not an attempt, so a night of quiet hours fails nothing.
      const at = clock.now();
      const deferred = await this.host.commit(() => store.queue.defer(message.id, decision.until, decision.reason, at));
      this.finish(message, deferred ? 'queued' : undefined, decision.reason);
      if (decision.cause === 'quiet-hours') this.host.quietHoursHeld(message.campaignId);
      return;
    }
    if (decision.kind === 'skip') {
      const outcome: MessageOutcome = { kind: 'skipped', reason: decision.reason };
      const at = clock.now();
      this.finish(message, await this.host.commit(() => store.queue.recordOutcome(message.id, outcome, at)), decision.reason);
      return;
    }
    this.host.messageChanged({ messageId: message.id, campaignId: message.campaignId, state: 'sending', reason: null });
    const request: SendRequest = { to: message.recipientE164, text: message.body, requestStatusReport: campaign?.requestStatusReport ?? false };
    let result: SendResult;
    try {
      this.lastHandedAt = performance.now();
      result = await this.modem.send(request, this.partRecorder(message));
    } catch (error) {
      // Modem.send reports trouble in its result; a throw means we cannot know what left.
      const text = error instanceof Error ? error.message : String(error);
      result = { outcome: 'unknown', parts: [], error: { name: 'Error', message: text, userMessage: `Sending stopped unexpectedly: ${text}`, failureClass: 'sim-or-modem', code: null } };
    }
    await this.record(message, result);
  }

  /**
   * Records each part of a long message but the last the moment the network accepts it, so a
   * crash between parts leaves the message 'unknown' saying which parts went out (and their
   * status reports still match). The last part is recorded with the message's outcome: one
   * write fewer per message, and a crash just before that leaves it 'unknown' either way.
   * Committed in the group commit, so it survives a power cut too and shares its fsync with
   * the other modems' claims (bench/engine-throughput.ts: no slower than writing it alone
   * without an fsync, which measured 1,005 against 1,340 three-part messages/s).
   */
  private partRecorder(message: ClaimedMessage): SendProgress | undefined {
    if (message.partCount < 2) return undefined;
    const { store, clock } = this.host;
    return {
      onPartAccepted: async (part: PartResult) => {
        if (part.partNumber >= part.totalParts) return;
        const state = await this.host.commit(() => store.queue.recordPartHandover(message.id, { partNumber: part.partNumber, reference: part.reference ?? -1 }, clock.now()));
        // Another engine took the message for lost (this one's lease lapsed): write no more of it.
        if (state === undefined) throw new Error(`message ${message.id} is no longer this engine's to send`);
      },
    };
  }

  private async record(message: ClaimedMessage, result: SendResult): Promise<void> {
    const { store, clock } = this.host;
    const at = clock.now();
    const accepted = result.parts.filter((part) => part.status === 'accepted').map((part) => ({ partNumber: part.partNumber, reference: part.reference ?? -1 }));
    this.partsSent += accepted.length;
    this.uncountedParts += accepted.length;
    if (result.outcome === 'accepted') {
      // Not awaited: the loop's next claim joins the same group commit (one fsync for both).
      this.track(
        this.host.commit(() => store.queue.recordHandover(message.id, accepted, at)).then(() => {
          this.host.transientFailures.delete(message.id);
          this.finish(message, 'sent', null);
        }),
      );
      return;
    }
    const reason = result.error?.userMessage ?? 'The modem did not say why.';
    const outcome = this.outcomeOf(message, result, reason, at);
    const state = await this.host.commit(() => {
      // Parts that did go out are recorded first: recordOutcome then refuses to retry (it would duplicate them).
      for (const part of accepted) store.queue.recordPartHandover(message.id, part, at);
      return store.queue.recordOutcome(message.id, outcome, at);
    });
    this.finish(message, state, outcome.reason);
    // Not the message's fault: it went back to the queue for another SIM, and this one rests.
    // A modem that is merely not ready is watched through its state instead.
    if (result.outcome === 'failed' && result.error?.failureClass === 'sim-or-modem' && result.error.name !== 'ModemNotReady') this.takeOutOfService(reason, at);
  }

  private track(commit: Promise<void>): void {
    const tracked = commit
      .catch((error: unknown) => this.host.problem(`recording a hand-over failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => this.pendingCommits.delete(tracked));
    this.pendingCommits.add(tracked);
  }

  private outcomeOf(message: ClaimedMessage, result: SendResult, reason: string, at: number): MessageOutcome {
    // The modem recovers by itself (ESC, AT, reopen); until it is 'ready' this worker waits.
    if (result.outcome === 'unknown') return { kind: 'unknown', reason };
    switch (result.error?.failureClass) {
      case 'permanent-recipient':
        return { kind: 'failed', reason };
      case 'sim-or-modem':
        return { kind: 'retry', reason, nextAttemptAt: at, avoidSimId: this.simId };
      default: {
        const failures = (this.host.transientFailures.get(message.id) ?? 0) + 1;
        if (failures >= this.host.retry.maxTransientAttempts) {
          this.host.transientFailures.delete(message.id);
          return { kind: 'failed', reason: `${reason} (gave up after ${failures} attempts)` };
        }
        this.host.transientFailures.set(message.id, failures);
        return { kind: 'retry', reason, nextAttemptAt: at + this.host.retry.backoffMs(failures), avoidSimId: this.simId };
      }
    }
  }

  private takeOutOfService(reason: string, now: number): void {
    this.outOfServiceUntil = now + this.host.retry.simCooldownMs;
    this.problem = reason;
    this.host.simChanged(this.status());
  }

  private finish(message: ClaimedMessage, state: MessageState | undefined, reason: string | null): void {
    if (state === undefined) return;
    this.host.messageChanged({ messageId: message.id, campaignId: message.campaignId, state, reason: state === 'sent' ? null : reason });
  }
}
