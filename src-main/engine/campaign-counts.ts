// Messages per state of a campaign, for progress events. Counting is a scan over the campaign's
// messages (a million-row campaign takes tens of milliseconds), so a count is reused until it
// is older than twenty times what it cost: the event loop, which also reads the serial ports,
// spends at most ~5% of its time counting, however big the campaign.
import type { QueueRepository, StateCounts } from '../store';

const MIN_AGE_MS = 250;
const COST_FACTOR = 20;

export class CampaignCounts {
  private readonly cache = new Map<number, { counts: StateCounts; at: number; reuseForMs: number }>();
  /** Campaigns whose counts were last given from the cache, so may miss the latest changes. */
  private readonly reused = new Set<number>();

  constructor(private readonly queue: Pick<QueueRepository, 'countByState'>) {}

  of(campaignId: number, options: { fresh?: boolean } = {}): StateCounts {
    const cached = this.cache.get(campaignId);
    const now = performance.now();
    if (cached && !options.fresh && now - cached.at < cached.reuseForMs) {
      this.reused.add(campaignId);
      return cached.counts;
    }
    this.reused.delete(campaignId);
    const counts = this.queue.countByState(campaignId);
    const cost = performance.now() - now;
    this.cache.set(campaignId, { counts, at: now, reuseForMs: Math.max(MIN_AGE_MS, cost * COST_FACTOR) });
    return counts;
  }

  /**
   * The campaigns whose counts were given from the cache since the last call, each with the wait
   * until a new count is allowed: whoever showed those counts should show a fresh one then, or
   * the last changes of a burst (the last messages of a night held by quiet hours) would never
   * reach the totals on screen.
   */
  takeReused(): { campaignId: number; inMs: number }[] {
    const now = performance.now();
    const due = [...this.reused].map((campaignId) => {
      const cached = this.cache.get(campaignId);
      return { campaignId, inMs: cached ? Math.max(0, cached.at + cached.reuseForMs - now) : 0 };
    });
    this.reused.clear();
    return due;
  }
}
