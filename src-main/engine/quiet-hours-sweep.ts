// A campaign held by quiet hours is held as a whole, not one claim at a time. When a claimed
// message is deferred for the recipient's quiet hours, the other recipients of that campaign
// are usually in the same night: claiming each only to put it back would cost two commits per
// recipient (a million for a million-recipient campaign). Instead the campaign's due messages
// are walked in pages in claim order, each checked against the same recipient rules
// (SendPolicy.checkRecipient, so each keeps its own time zone), and the held ones of a page are
// deferred in one transaction: one statement per wake time, i.e. per zone. Recipients whose zone
// is awake stay due and are sent as usual; those that may never go are skipped on the way.
import type { Campaign, Store, WaitingCursor } from '../store';
import type { Clock } from './clock';
import type { MessageChange } from './events';
import type { SendPolicy } from './send-policy';

export interface QuietHoursSweepHost {
  readonly store: Pick<Store, 'queue'>;
  readonly clock: Clock;
  readonly policy: Pick<SendPolicy, 'checkRecipient'>;
  /** The engine's group commit: a page's writes share the fsync of the claims around them. */
  commit<T>(work: () => T): Promise<T>;
  /** The campaign as it stands now (undefined once it is no longer running). */
  campaign(id: number): Campaign | undefined;
  messageChanged(change: MessageChange): void;
}

/** Messages checked per transaction: a page is a few milliseconds of work for the event loop. */
export const SWEEP_PAGE_SIZE = 2000;
/**
 * A campaign is swept at most this often (campaign clock). Messages that become due meanwhile
 * (retries, a paused campaign resumed) are held one by one; the next sweep takes the rest.
 */
const RESWEEP_AFTER_MS = 60_000;

export class QuietHoursSweep {
  private readonly sweeping = new Map<number, Promise<void>>();
  private readonly lastSweptAt = new Map<number, number>();
  private stopping = false;

  constructor(private readonly host: QuietHoursSweepHost) {}

  /** One recipient of this campaign was held by quiet hours: hold the others who are too. */
  requested(campaignId: number): Promise<void> {
    const last = this.lastSweptAt.get(campaignId);
    if (this.stopping || this.sweeping.has(campaignId) || (last !== undefined && this.host.clock.now() - last < RESWEEP_AFTER_MS)) return Promise.resolve();
    const sweep = this.sweep(campaignId).finally(() => {
      this.sweeping.delete(campaignId);
      this.lastSweptAt.set(campaignId, this.host.clock.now());
    });
    this.sweeping.set(campaignId, sweep);
    return sweep;
  }

  /** Ends the sweeps under way after their current page (the engine is stopping). */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.sweeping.values()]);
    this.stopping = false;
  }

  private async sweep(campaignId: number): Promise<void> {
    const { store, policy, clock } = this.host;
    let after: WaitingCursor | undefined;
    for (;;) {
      const campaign = this.host.campaign(campaignId);
      if (!campaign || this.stopping) return;
      const now = clock.now();
      const page = store.queue.dueMessages(campaignId, now, after, SWEEP_PAGE_SIZE);
      if (page.length === 0) return;
      after = page.at(-1);
      const deferrals = new Map<string, { until: number; reason: string; ids: number[] }>();
      const skips = new Map<string, number[]>();
      for (const message of page) {
        const decision = policy.checkRecipient({ recipient: message, campaign, now });
        if (decision.kind === 'defer') {
          const key = `${decision.until}|${decision.reason}`;
          const group = deferrals.get(key) ?? { until: decision.until, reason: decision.reason, ids: [] };
          group.ids.push(message.id);
          deferrals.set(key, group);
        } else if (decision.kind === 'skip') {
          const ids = skips.get(decision.reason) ?? [];
          ids.push(message.id);
          skips.set(decision.reason, ids);
        }
      }
      if (deferrals.size === 0 && skips.size === 0) {
        // Nothing held on this page: give the serial ports and claims their turn before the next.
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      await this.host.commit(() => {
        for (const group of deferrals.values()) store.queue.deferQueued(group.ids, group.until, group.reason, now);
        for (const [reason, ids] of skips) store.queue.skipQueuedMessages(ids, reason, now);
      });
      this.announce(campaignId, deferrals, skips);
    }
  }

  /**
   * Skipped messages changed state and are announced one by one. A deferred one stays 'queued'
   * (only its time and reason changed), so a page's deferrals are announced by one change per
   * wake time: enough for the monitor to refresh its counts and held-back panel, without a
   * million changes crossing the bridge for a held million-recipient campaign.
   */
  private announce(campaignId: number, deferrals: Map<string, { reason: string; ids: number[] }>, skips: Map<string, number[]>): void {
    for (const group of deferrals.values()) {
      const messageId = group.ids.at(-1);
      if (messageId !== undefined) this.host.messageChanged({ messageId, campaignId, state: 'queued', reason: group.reason });
    }
    for (const [reason, ids] of skips) for (const messageId of ids) this.host.messageChanged({ messageId, campaignId, state: 'skipped', reason });
  }
}
