// A campaign held by quiet hours is held as a whole: a few transactions for ten thousand
// recipients instead of a claim and a deferral each, and still in each recipient's own zone.
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../store';
import { openTempStore, type TempStore } from '../store/testing';
import type { Clock } from './clock';
import { createEngine, type Engine } from './engine';
import type { ProgressBatch } from './events';
import { seedList, seedNumbers, waitUntil } from './testing/seed';
import { openVirtualModems, type VirtualModemSetup } from './testing/virtual-modems';

let temp: TempStore | undefined;
let modems: VirtualModemSetup | undefined;
let engine: Engine | undefined;

afterEach(async () => {
  await engine?.stop();
  await modems?.close();
  temp?.cleanup();
  engine = modems = temp = undefined;
});

const QUIET = { start: '22:00', end: '08:00' };
const QUIET_REASON = "quiet hours (22:00–08:00 recipient's time)";
// 20:30 UTC on 1 July: 22:30 in Berlin (quiet until 06:00 UTC), 21:30 in London (not quiet),
// 05:30 the next morning in Tokyo (quiet until 08:00 there, 23:00 UTC).
const NIGHT = Date.parse('2026-07-01T20:30:00Z');
const BERLIN_MORNING = Date.parse('2026-07-02T06:00:00Z');
const TOKYO_MORNING = Date.parse('2026-07-01T23:00:00Z');

/** The store with every transaction it runs counted (the engine commits only through inTransaction). */
function countingTransactions(store: Store): { store: Store; count: () => number } {
  let transactions = 0;
  return {
    store: {
      ...store,
      inTransaction: (work) => {
        transactions += 1;
        return store.inTransaction(work);
      },
    },
    count: () => transactions,
  };
}

describe('quiet hours hold a campaign as a whole', () => {
  it('defers a 10,000-recipient campaign held by quiet hours in a bounded number of transactions', async () => {
    temp = openTempStore('fanout-engine-');
    const { listId } = seedList(temp.store, 'Nacht', 10_000);
    const counted = countingTransactions(temp.store);
    let now = NIGHT;
    const clock: Clock = { now: () => now };
    modems = await openVirtualModems({ count: 2 });
    engine = createEngine({ store: counted.store, clock, progressIntervalMs: 50 });
    const batches: ProgressBatch[] = [];
    engine.on('progress', (batch) => batches.push(batch));
    for (const modem of modems.modems) engine.attachModem(modem);
    engine.start();
    const { campaign } = await engine.createCampaign({ name: 'N', template: 'Hallo {{Vorname}}', listIds: [listId], quietHours: QUIET });
    const before = counted.count();
    engine.startCampaign(campaign.id);

    const { queue, campaigns } = temp.store;
    await waitUntil(() => queue.nextDueAt([campaign.id]) === BERLIN_MORNING, 30_000, 'every recipient held until the Berlin morning');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(queue.blockedCounts(campaign.id)).toEqual([{ state: 'queued', reason: QUIET_REASON, count: 10_000 }]);
    expect(queue.countByState(campaign.id)).toMatchObject({ queued: 10_000, sending: 0 });
    expect(modems.network.submittedParts()).toHaveLength(0);
    // One claim and one deferral per recipient would be 20,000 transactions; a page of 2,000 is one.
    const transactions = counted.count() - before;
    expect(transactions).toBeGreaterThanOrEqual(5);
    expect(transactions).toBeLessThan(40);
    // The monitor hears about it (counts included) without ten thousand changes.
    const changes = batches.flatMap((batch) => batch.changes);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.length).toBeLessThan(50);
    // The last event's totals are fresh, even where earlier events reused a count taken mid-sweep.
    const lastQueued = () => batches.at(-1)?.campaigns.find((c) => c.campaignId === campaign.id)?.counts.queued;
    await waitUntil(() => lastQueued() === 10_000, 5000, "the last progress event to count all 10,000 as queued");

    // Morning in Berlin: they go out, and the campaign runs on.
    now = BERLIN_MORNING;
    engine.wake();
    await waitUntil(() => (modems?.network.submittedParts().length ?? 0) >= 100, 30_000, 'sending to resume in the morning');
    expect(campaigns.get(campaign.id)?.state).toBe('running');
  });

  it('holds each recipient in their own zone: a page is deferred per wake time, the awake ones are sent', async () => {
    temp = openTempStore('fanout-engine-');
    const { store: base } = temp;
    const berlin = Array.from({ length: 300 }, (_, i) => `+4915112${String(340000 + i)}`);
    const london = Array.from({ length: 50 }, (_, i) => `+4474001${String(23400 + i)}`);
    const tokyo = Array.from({ length: 100 }, (_, i) => `+4915113${String(340000 + i)}`);
    const { listId } = seedNumbers(base, 'Zonen', [...berlin, ...tokyo, ...london]);
    // German numbers of people living in Tokyo: their own zone was set by hand.
    for (const number of tokyo) base.contacts.update(base.contacts.getByPhone(number)?.id ?? 0, { timeZone: 'Asia/Tokyo' }, NIGHT);
    const clock: Clock = { now: () => NIGHT };
    modems = await openVirtualModems({ count: 2 });
    engine = createEngine({ store: base, clock });
    for (const modem of modems.modems) engine.attachModem(modem);
    engine.start();
    const { campaign } = await engine.createCampaign({ name: 'Z', template: 'Hallo', listIds: [listId], quietHours: QUIET });
    engine.startCampaign(campaign.id);

    const { queue } = base;
    await waitUntil(() => queue.countByState(campaign.id).sent === 50 && queue.nextDueAt([campaign.id]) === TOKYO_MORNING, 30_000, 'London sent, the rest held');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(modems.network.submittedMessages().map((m) => m.to).sort()).toEqual([...london].sort());
    expect(queue.countByState(campaign.id)).toMatchObject({ sent: 50, queued: 400, sending: 0 });
    const dueBy = (at: number) => queue.dueMessages(campaign.id, at, undefined, 1000).map((m) => m.recipientE164).sort();
    expect(dueBy(TOKYO_MORNING - 60_000)).toEqual([]);
    expect(dueBy(TOKYO_MORNING)).toEqual([...tokyo].sort());
    expect(dueBy(BERLIN_MORNING)).toEqual([...berlin, ...tokyo].sort());
  });

  it('skips on the way the held recipients who may never be sent to', async () => {
    temp = openTempStore('fanout-engine-');
    const { store: base } = temp;
    const { listId, numbers } = seedList(base, 'Werbung', 40);
    // Marketing needs a basis per contact: half of them have one.
    for (const number of numbers.slice(0, 20)) {
      const contactId = base.contacts.getByPhone(number)?.id ?? 0;
      base.consents.record({ contactId, purpose: 'marketing', basis: 'consent', grantedAt: NIGHT, source: 'test', recordedBy: 'test' }, NIGHT);
    }
    const clock: Clock = { now: () => NIGHT };
    modems = await openVirtualModems({ count: 1 });
    engine = createEngine({ store: base, clock });
    engine.attachModem(modems.modems[0] as NonNullable<(typeof modems.modems)[0]>);
    engine.start();
    const { campaign } = await engine.createCampaign({ name: 'W', template: 'Angebot. Abmelden: STOP', listIds: [listId], quietHours: QUIET, purpose: 'marketing' });
    engine.startCampaign(campaign.id);

    const { queue } = base;
    await waitUntil(() => queue.countByState(campaign.id).skipped === 20 && queue.nextDueAt([campaign.id]) === BERLIN_MORNING, 30_000, 'the sweep');
    expect(queue.blockedCounts(campaign.id)).toEqual([
      { state: 'skipped', reason: 'no consent for marketing', count: 20 },
      { state: 'queued', reason: QUIET_REASON, count: 20 },
    ]);
  });
});
