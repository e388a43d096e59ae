import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore } from '../testing';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
let temp: TempStore;
beforeEach(() => {
  temp = openTempStore();
});
afterEach(() => temp.cleanup());

function runningCampaignOf(count: number) {
  const { store } = temp;
  const campaign = store.campaigns.create({ name: 'Defer', template: 'x', listIds: [] }, T0);
  store.queue.enqueueRecipients(
    campaign.id,
    Array.from({ length: count }, (_, i) => ({ contactId: null, recipientE164: `+4917012300${String(i).padStart(2, '0')}`, body: 'x', partCount: 1, dueAt: T0 })),
    T0,
  );
  store.campaigns.setState(campaign.id, 'running', { now: T0 });
  const sim = store.sims.recordSeen({ iccid: '8949000000000000009', imsi: null, imei: null }, T0);
  return { campaign, simId: sim.id };
}

describe('queue.defer', () => {
  it('puts a claimed message back until the given time with its reason, without counting an attempt', () => {
    const { store } = temp;
    const { campaign, simId } = runningCampaignOf(1);
    const claimed = store.queue.claimNext({ simId, now: T0 });
    expect(claimed?.attempts).toBe(1);
    const until = T0 + 3600_000;
    expect(store.queue.defer(claimed?.id ?? 0, until, 'quiet hours (21:00–08:00 recipient’s time)', T0)).toBe(true);

    const [row] = store.queue.listMessages({ campaignId: campaign.id }, { limit: 10 }).messages;
    expect(row).toMatchObject({ state: 'queued', attempts: 0, reason: 'quiet hours (21:00–08:00 recipient’s time)' });
    expect(store.queue.nextDueAt([campaign.id])).toBe(until);
    expect(store.queue.claimNext({ simId, now: until - 1 })).toBeUndefined();

    // Deferred a hundred times (a hundred nights, or a SIM budget re-checked all day): still no attempt counted.
    let at = until;
    for (let night = 0; night < 100; night++) {
      const again = store.queue.claimNext({ simId, now: at });
      expect(again?.attempts).toBe(1);
      at += 1000;
      store.queue.defer(again?.id ?? 0, at, 'SIM limit of 10 per day reached', at);
    }
    const handed = store.queue.claimNext({ simId, now: at });
    expect(store.queue.recordHandover(handed?.id ?? 0, [{ partNumber: 1, reference: 7 }], at)).toBe(true);
    expect(store.queue.listMessages({ campaignId: campaign.id }, { limit: 10 }).messages[0]).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('refuses a message that is not in a modem’s hands, or of which a part already went out', () => {
    const { store } = temp;
    const { campaign, simId } = runningCampaignOf(2);
    const [queued] = store.queue.listMessages({ campaignId: campaign.id }, { limit: 10 }).messages;
    expect(store.queue.defer(queued?.id ?? 0, T0 + 1, 'x', T0)).toBe(false);

    const claimed = store.queue.claimNext({ simId, now: T0 });
    store.queue.recordPartHandover(claimed?.id ?? 0, { partNumber: 1, reference: 1 }, T0);
    // Its only part went out: it is sent, and putting it back would send it twice.
    expect(store.queue.defer(claimed?.id ?? 0, T0 + 1, 'x', T0)).toBe(false);
  });
});

describe('queue: holding waiting messages together', () => {
  it('walks the due messages page by page in claim order, even when all share one due time', () => {
    const { store } = temp;
    const { campaign } = runningCampaignOf(25);
    const seen: number[] = [];
    let after: { id: number; nextAttemptAt: number } | undefined;
    for (let page = store.queue.dueMessages(campaign.id, T0, after, 10); page.length > 0; page = store.queue.dueMessages(campaign.id, T0, after, 10)) {
      expect(page.length).toBeLessThanOrEqual(10);
      seen.push(...page.map((m) => m.id));
      after = page.at(-1);
    }
    expect(seen).toHaveLength(25);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(store.queue.dueMessages(campaign.id, T0 - 1, undefined, 10)).toEqual([]);
  });

  it('defers queued messages together, never brings one forward, leaves claimed ones alone; skips with a reason', () => {
    const { store } = temp;
    const { campaign, simId } = runningCampaignOf(6);
    const claimed = store.queue.claimNext({ simId, now: T0 });
    const ids = store.queue.dueMessages(campaign.id, T0, undefined, 10).map((m) => m.id);
    expect(ids).toHaveLength(5);
    // The head of the queue is claimed and put back for ten hours: it must not come forward.
    const [waitingLonger = 0, ...rest] = ids;
    expect(store.queue.claimNext({ simId, now: T0 })?.id).toBe(waitingLonger);
    store.queue.defer(waitingLonger, T0 + 10 * 3600_000, 'SIM limit', T0);

    const until = T0 + 3600_000;
    expect(store.queue.deferQueued([...ids, claimed?.id ?? 0], until, 'quiet hours', T0)).toBe(rest.length);
    const rows = new Map(store.queue.listMessages({ campaignId: campaign.id }, { limit: 10 }).messages.map((m) => [m.id, m]));
    expect(rows.get(claimed?.id ?? 0)?.state).toBe('sending');
    expect(rows.get(waitingLonger)?.reason).toBe('SIM limit');
    for (const id of rest) expect(rows.get(id)).toMatchObject({ state: 'queued', reason: 'quiet hours', attempts: 0 });
    expect(store.queue.nextDueAt([campaign.id])).toBe(until);

    expect(store.queue.skipQueuedMessages([...rest.slice(0, 2), claimed?.id ?? 0], 'no consent for marketing', T0)).toBe(2);
    expect(store.queue.countByState(campaign.id)).toMatchObject({ skipped: 2, queued: 3, sending: 1 });
    expect(store.queue.deferQueued([], until, 'x', T0)).toBe(0);
  });
});
