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
