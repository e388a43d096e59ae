// One worker per attached SIM: claim the next due message, ask the send policy, hand it to the
// modem, record the outcome, claim the next — with no pause in between, so every modem is kept
// busy while work is due. The queue is shared: a SIM that drops out simply stops claiming and
// the others take what is left, which is how its work is "handed on".
//
// Crash safety is the queue's two commits around each hand-over: claimNext() commits 'sending'
// before the first AT+CMGS, recordHandover() commits 'sent' after the last +CMGS answer. An
// unknown outcome (timeout, lost prompt, port gone mid-submit) is recorded as such and never
// re-sent by the engine.
import type { SendRequest, SendResult } from '../modem/send';
import type { Campaign, ClaimedMessage, MessageState, Store } from '../store';
import type { Clock } from './clock';
import type { MessageChange, SimStatus } from './events';
import type { EngineModem } from './engine-modem';
import { combineLimits, type SendPolicy, type SimLimits } from './send-policy';
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
  readonly clock: Clock;
  readonly policy: SendPolicy;
  readonly retry: RetryPolicy;
  /** Running campaigns this SIM may send for. */
  campaignsFor(simId: number): readonly Campaign[];
  campaign(id: number): Campaign | undefined;
  messageChanged(change: MessageChange): void;
  simChanged(status: SimStatus): void;
  /** Transient failures per message in this run (attempts in the store also count deferrals). */
  transientFailures: Map<number, number>;
}

/** Longest idle sleep: a fake clock moved by a test, or another process's writes, are noticed this soon. */
const IDLE_POLL_MS = 500;

export class SimWorker {
  private readonly sleeper = new WakeableSleep();
  private stopping = false;
  private loop: Promise<void> | null = null;
  private outOfServiceUntil = 0;
  private problem: string | null = null;
  private partsSent = 0;
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
    return { simId: this.simId, label: this.label, path: this.modem.path, modemState, inService, problem, partsSent: this.partsSent };
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
  }

  dispose(): void {
    for (const off of this.unsubscribe.splice(0)) off();
  }

  wake(): void {
    this.sleeper.wake();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const waitMs = this.claimOrWait();
      if (typeof waitMs === 'number') {
        await this.sleeper.sleep(waitMs);
        continue;
      }
      await this.deliver(waitMs);
    }
  }

  /** The next message for this SIM, or how long to sleep before looking again. */
  private claimOrWait(): ClaimedMessage | number {
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
    const message = store.queue.claimNext({ simId: this.simId, now, campaignIds });
    if (message) return message;
    const due = store.queue.nextDueAt(campaignIds);
    return Math.min(IDLE_POLL_MS, limitWait, due === undefined ? IDLE_POLL_MS : Math.max(0, due - now));
  }

  private async deliver(message: ClaimedMessage): Promise<void> {
    const { store, clock, policy } = this.host;
    const campaign = this.host.campaign(message.campaignId) ?? store.campaigns.get(message.campaignId);
    if (!campaign) {
      this.finish(message, store.queue.recordOutcome(message.id, { kind: 'skipped', reason: 'campaign deleted' }, clock.now()), 'campaign deleted');
      return;
    }
    const decision = policy.check({ message, campaign, simId: this.simId, simLimits: this.limits, now: clock.now() });
    if (decision.kind === 'defer') {
      this.finish(message, store.queue.recordOutcome(message.id, { kind: 'retry', reason: decision.reason, nextAttemptAt: decision.until }, clock.now()), decision.reason);
      return;
    }
    if (decision.kind === 'skip') {
      this.finish(message, store.queue.recordOutcome(message.id, { kind: 'skipped', reason: decision.reason }, clock.now()), decision.reason);
      return;
    }
    this.host.messageChanged({ messageId: message.id, campaignId: message.campaignId, state: 'sending', reason: null });
    const request: SendRequest = { to: message.recipientE164, text: message.body, requestStatusReport: campaign.requestStatusReport };
    let result: SendResult;
    try {
      result = await this.modem.send(request);
    } catch (error) {
      // Modem.send reports trouble in its result; a throw means we cannot know what left.
      const text = error instanceof Error ? error.message : String(error);
      result = { outcome: 'unknown', parts: [], error: { name: 'Error', message: text, userMessage: `Sending stopped unexpectedly: ${text}`, failureClass: 'sim-or-modem', code: null } };
    }
    this.record(message, result);
  }

  private record(message: ClaimedMessage, result: SendResult): void {
    const { store, clock, retry } = this.host;
    const at = clock.now();
    const accepted = result.parts.filter((part) => part.status === 'accepted').map((part) => ({ partNumber: part.partNumber, reference: part.reference ?? -1 }));
    if (accepted.length > 0) {
      this.partsSent += accepted.length;
      store.sims.addPartsSent(this.simId, accepted.length);
    }
    if (result.outcome === 'accepted') {
      store.queue.recordHandover(message.id, accepted, at);
      this.host.transientFailures.delete(message.id);
      this.finish(message, 'sent', null);
      return;
    }
    for (const part of accepted) store.queue.recordPartHandover(message.id, part, at);
    const reason = result.error?.userMessage ?? 'The modem did not say why.';
    if (result.outcome === 'unknown') {
      // The modem recovers by itself (ESC, AT, reopen); until it is 'ready' this worker waits.
      this.finish(message, store.queue.recordOutcome(message.id, { kind: 'unknown', reason }, at), reason);
      return;
    }
    switch (result.error?.failureClass) {
      case 'permanent-recipient':
        this.finish(message, store.queue.recordOutcome(message.id, { kind: 'failed', reason }, at), reason);
        return;
      case 'sim-or-modem':
        // Not the message's fault: straight back to the queue for another SIM, this one rests.
        this.finish(message, store.queue.recordOutcome(message.id, { kind: 'retry', reason, nextAttemptAt: at, avoidSimId: this.simId }, at), reason);
        // A modem that is not ready is watched through its state; only a real SIM-level answer rests the SIM.
        if (result.error?.name !== 'ModemNotReady') this.takeOutOfService(reason, at);
        return;
      default: {
        const failures = (this.host.transientFailures.get(message.id) ?? 0) + 1;
        if (failures >= retry.maxTransientAttempts) {
          this.host.transientFailures.delete(message.id);
          const final = `${reason} (gave up after ${failures} attempts)`;
          this.finish(message, store.queue.recordOutcome(message.id, { kind: 'failed', reason: final }, at), final);
          return;
        }
        this.host.transientFailures.set(message.id, failures);
        const nextAttemptAt = at + retry.backoffMs(failures);
        this.finish(message, store.queue.recordOutcome(message.id, { kind: 'retry', reason, nextAttemptAt, avoidSimId: this.simId }, at), reason);
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
