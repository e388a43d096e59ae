// Sends the answers queued for keyword replies (STOP and START confirmations, the HELP text),
// outside any campaign, through a modem in service: the SIM the keyword came in on when it can,
// because the person answered that number and expects the answer from it.
//
// Campaign quiet hours do not apply. The answer follows the person's own message within seconds:
// CTIA's Messaging Principles expect the opt-out confirmation right away, and TCPA's calling-hour
// rule is about solicitations, which a confirmation is not. An answer that could not go out
// within ANSWER_WITHIN_MS is not sent at all (a late "you are unsubscribed" at night confuses
// more than it helps); it is recorded as failed with that reason.
import type { Engine } from '../../engine';
import type { Modem, SendRequest, SendResult } from '../../modem';
import type { AutoReply, Store } from '../../store';

/** A modem in service, as the sending runtime offers it. */
export interface ReplyModem {
  readonly simId: number;
  send(request: SendRequest): Promise<SendResult>;
}

/** The engine's SIMs that are in service and whose modem is ready, as ReplyModems. */
export function readyReplyModems(engine: Pick<Engine, 'sims'>, modemOf: (simId: number) => Pick<Modem, 'state' | 'send'> | undefined): ReplyModem[] {
  return engine.sims().flatMap((status) => {
    const modem = modemOf(status.simId);
    if (!status.inService || !modem || modem.state !== 'ready') return [];
    return [{ simId: status.simId, send: (request: SendRequest) => modem.send(request) }];
  });
}

export interface AutoReplyWorkerOptions {
  readonly store: Store;
  /** Modems that can send now (in service, ready). */
  readyModems(): ReplyModem[];
  readonly now?: () => number;
  /** How often queued answers are looked at without a wake() (a modem came back). Default 5 s. */
  readonly pollMs?: number;
  /** An answer was sent or failed. */
  settled?(reply: AutoReply): void;
  problem?(description: string): void;
}

export const ANSWER_WITHIN_MS = 60 * 60_000;
export const TOO_LATE_REASON = 'No modem could send it within an hour of the reply; a later answer would only confuse, so it was not sent.';
const BATCH = 20;

export class AutoReplyWorker {
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private readonly now: () => number;

  constructor(private readonly options: AutoReplyWorkerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Answers a modem had in hand when Fanout last stopped are recorded as failed (see failInterrupted). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const interrupted = this.options.store.autoReplies.failInterrupted();
    if (interrupted > 0) this.options.problem?.(`${interrupted} automatic answer(s) were being sent when Fanout stopped; they were not sent again.`);
    this.timer = setInterval(() => this.wake(), this.options.pollMs ?? 5_000);
    this.timer.unref?.();
    this.wake();
  }

  /** Look at the queue now (a keyword reply was just stored, a modem became ready). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.again && !this.stopped) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** Sends what is queued now (while the modems are still open), then stops: for a CLI run that ends. */
  async finish(): Promise<void> {
    if (!this.stopped) {
      while (this.running) await this.running;
      this.wake();
      while (this.running) await this.running;
    }
    await this.stop();
  }

  /** Resolves once the answer in a modem's hands (if any) is recorded. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private async drain(): Promise<void> {
    try {
      const { autoReplies } = this.options.store;
      autoReplies.expire(this.now() - ANSWER_WITHIN_MS, TOO_LATE_REASON);
      for (const reply of autoReplies.due(BATCH)) {
        if (this.stopped) return;
        const modems = this.options.readyModems();
        if (modems.length === 0) return;
        const modem = modems.find((candidate) => candidate.simId === reply.receivedOnSimId) ?? modems[reply.id % modems.length];
        if (!modem || !autoReplies.handOver(reply.id, modem.simId)) continue;
        await this.send(reply, modem);
      }
    } catch (error) {
      this.options.problem?.(`automatic answers: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async send(reply: AutoReply, modem: ReplyModem): Promise<void> {
    const { autoReplies } = this.options.store;
    if (reply.recipientE164 === null || reply.body === null) {
      autoReplies.markFailed(reply.id, 'The person was erased before it could be sent.');
    } else {
      let result: SendResult | null = null;
      let failure: string | null = null;
      try {
        result = await modem.send({ to: reply.recipientE164, text: reply.body });
      } catch (error) {
        failure = error instanceof Error ? error.message : String(error);
      }
      if (result?.outcome === 'accepted') autoReplies.markSent(reply.id, this.now());
      else if (result?.outcome === 'unknown') autoReplies.markFailed(reply.id, `The modem lost track of it; it may have arrived, so it was not sent again. ${result.error?.userMessage ?? ''}`.trim());
      else autoReplies.markFailed(reply.id, result?.error?.userMessage ?? failure ?? 'The network did not accept it.');
    }
    const settled = autoReplies.get(reply.id);
    if (settled) this.options.settled?.(settled);
  }
}
