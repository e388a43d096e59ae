// What the engine tells the outside (the service forwards these as API events).
import type { CampaignState, MessageState, StateCounts } from '../store';
import type { ModemState } from '../modem/modem';

export interface MessageChange {
  readonly messageId: number;
  readonly campaignId: number;
  readonly state: MessageState;
  readonly reason: string | null;
}

/**
 * Emitted at most once per progress interval; a message changed several times appears once, with
 * its latest state. Messages held back together by quiet hours stay 'queued' and are announced by
 * one change per wake time and page (quiet-hours-sweep.ts), not one each: the counts tell the rest.
 */
export interface ProgressBatch {
  readonly changes: readonly MessageChange[];
  /** Counts per state of every campaign that changed in this batch. */
  readonly campaigns: readonly { readonly campaignId: number; readonly counts: StateCounts }[];
}

export interface SimStatus {
  readonly simId: number;
  readonly label: string;
  readonly path: string;
  readonly modemState: ModemState;
  /** Whether the dispatcher gives this SIM work now. */
  readonly inService: boolean;
  /** Why it is out of service (SIM-level error, modem hung, unplugged …), for the user. */
  readonly problem: string | null;
  /** Parts this SIM handed over since it was attached. */
  readonly partsSent: number;
  /** 0–5 bars from the last signal poll, null before the first. */
  readonly signalBars: number | null;
  readonly operator: string | null;
}

export interface InboundNotice {
  readonly inboundId: number;
  readonly simId: number;
  readonly senderE164: string | null;
  readonly text: string;
  /** What the reply was recognised as (keywords/keyword-matcher.ts). */
  readonly keyword: 'stop' | 'start' | 'help' | 'near-miss' | null;
  /** The reply was a STOP word: the sender is on the opt-out list now (perhaps already before). */
  readonly optedOut: boolean;
  /** The reply was a START word and took the sender off the opt-out list. */
  readonly optedIn: boolean;
  /** The answer queued for the auto-reply worker (a confirmation, the HELP text), if any. */
  readonly autoReplyId: number | null;
}

export interface EngineEvents {
  progress: (batch: ProgressBatch) => void;
  sim: (status: SimStatus) => void;
  campaign: (change: { readonly campaignId: number; readonly state: CampaignState }) => void;
  inbound: (notice: InboundNotice) => void;
  /** Something went wrong that the engine survived (a failing store call in an event handler). */
  problem: (description: string) => void;
}

export class EngineEmitter<Events extends { [E in keyof Events]: (...args: never[]) => void }> {
  private readonly listeners = new Map<keyof Events, Set<Events[keyof Events]>>();

  on<E extends keyof Events>(event: E, listener: Events[E]): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  emit<E extends keyof Events>(event: E, ...args: Parameters<Events[E]>): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        (listener as (...a: Parameters<Events[E]>) => void)(...args);
      } catch (error) {
        // A failing listener (the UI bridge) must not stop the dispatcher that emitted.
        console.error(`engine listener for "${String(event)}" failed:`, error);
      }
    }
  }
}
