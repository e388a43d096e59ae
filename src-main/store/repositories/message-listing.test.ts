import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore } from '../testing';
import { numberFragment } from './message-listing';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
let temp: TempStore;
beforeEach(() => {
  temp = openTempStore();
});
afterEach(() => temp.cleanup());

/** A campaign of `count` recipients; every third one is a contact with a name. */
function seedCampaign(count: number, firstNumber: number) {
  const { store } = temp;
  const campaign = store.campaigns.create({ name: 'Test', template: 'Hallo', listIds: [] }, T0);
  const rows = Array.from({ length: count }, (_, i) => {
    const recipientE164 = `+49160${String(firstNumber + i).padStart(7, '0')}`;
    const contact = i % 3 === 0 ? store.contacts.create({ phoneE164: recipientE164, name: i === 3 ? '=Özlem Kaya' : `Person ${i}` }, T0) : undefined;
    return { contactId: contact?.id ?? null, recipientE164, body: `Hallo ${i}`, partCount: 1 + (i % 2), dueAt: T0 };
  });
  store.queue.enqueueRecipients(campaign.id, rows, T0);
  store.campaigns.setState(campaign.id, 'running', { now: T0 });
  return campaign;
}

describe('listing the messages of a campaign', () => {
  it('pages through one campaign in recipient order with the total, leaving other campaigns out', () => {
    seedCampaign(5, 9_000_000);
    const campaign = seedCampaign(25, 5_550_000);
    seedCampaign(5, 8_000_000);
    const { queue } = temp.store;
    const first = queue.listMessages({ campaignId: campaign.id }, { limit: 10 });
    expect(first.total).toBe(25);
    expect(first.messages.map((m) => m.recipientE164)).toEqual(Array.from({ length: 10 }, (_, i) => `+49160${5_550_000 + i}`));
    const last = queue.listMessages({ campaignId: campaign.id }, { limit: 10, offset: 20 });
    expect(last.messages.map((m) => m.body)).toEqual(['Hallo 20', 'Hallo 21', 'Hallo 22', 'Hallo 23', 'Hallo 24']);
    expect(first.messages[3]).toMatchObject({ contactName: '=Özlem Kaya', state: 'queued', attempts: 0, partCount: 2, sentAt: null, simLabel: null });
    expect(first.messages[1]?.contactName).toBeNull();
    expect(queue.listMessages({ campaignId: 999 }, { limit: 10 })).toEqual({ messages: [], total: 0 });
  });

  it('filters by state and shows who sent it, when and with which outcome', () => {
    const campaign = seedCampaign(6, 1);
    const { queue, sims } = temp.store;
    const sim = sims.recordSeen({ iccid: '8949000000000000001', label: 'Büro 1' }, T0);
    const claimed = [queue.claimNext({ simId: sim.id, now: T0 }), queue.claimNext({ simId: sim.id, now: T0 }), queue.claimNext({ simId: sim.id, now: T0 })];
    const [a, b, c] = claimed.map((message) => message?.id ?? -1) as [number, number, number];
    queue.recordHandover(a, [{ partNumber: 1, reference: 7 }], T0 + 1000);
    queue.recordOutcome(b, { kind: 'failed', reason: '+CMS ERROR: 21' }, T0 + 2000);
    queue.recordHandover(c, [{ partNumber: 1, reference: 8 }, { partNumber: 2, reference: 9 }], T0 + 3000);

    const done = queue.listMessages({ campaignId: campaign.id, states: ['sent', 'failed'] }, { limit: 10 });
    expect(done.total).toBe(3);
    expect(done.messages.map((m) => [m.id, m.state])).toEqual([
      [a, 'sent'],
      [b, 'failed'],
      [c, 'sent'],
    ]);
    expect(done.messages[0]).toMatchObject({ sentAt: T0 + 1000, simLabel: 'Büro 1', attempts: 1 });
    expect(done.messages[1]).toMatchObject({ reason: '+CMS ERROR: 21', finishedAt: T0 + 2000 });
    expect(queue.listMessages({ campaignId: campaign.id, states: ['queued'] }, { limit: 2, offset: 2 }).messages.map((m) => m.body)).toEqual(['Hallo 5']);
    expect(queue.listMessages({ campaignId: campaign.id, states: ['delivered'] }, { limit: 10 })).toEqual({ messages: [], total: 0 });
  });

  it('finds a number however it is typed, and a name by any part of it', () => {
    const campaign = seedCampaign(30, 5_550_000);
    const { queue } = temp.store;
    for (const typed of ['0160 5550012', '+49 160 555-0012', '004916055500 12', '5550012']) {
      const found = queue.listMessages({ campaignId: campaign.id, search: typed }, { limit: 10 });
      expect(found.messages.map((m) => m.recipientE164), typed).toEqual(['+491605550012']);
      expect(found.total).toBe(1);
    }
    expect(queue.listMessages({ campaignId: campaign.id, search: '555001' }, { limit: 100 }).total).toBe(10);
    expect(queue.listMessages({ campaignId: campaign.id, search: 'Özlem k' }, { limit: 10 }).messages.map((m) => m.contactName)).toEqual(['=Özlem Kaya']);
    expect(queue.listMessages({ campaignId: campaign.id, search: 'Person 2' }, { limit: 10 }).messages.map((m) => m.contactName)).toEqual(['Person 21', 'Person 24', 'Person 27']);
    // LIKE wildcards typed by the user are taken literally.
    expect(queue.listMessages({ campaignId: campaign.id, search: '%' }, { limit: 10 }).total).toBe(0);
    expect(queue.listMessages({ campaignId: campaign.id, search: 'Person', states: ['failed'] }, { limit: 10 }).total).toBe(0);
  });

  it('walks every message page by page for an export, each once', () => {
    const campaign = seedCampaign(23, 100);
    seedCampaign(4, 900);
    const pages = [...temp.store.queue.messagePages({ campaignId: campaign.id }, 10)];
    expect(pages.map((page) => page.length)).toEqual([10, 10, 3]);
    const ids = pages.flat().map((m) => m.id);
    expect(new Set(ids).size).toBe(23);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect([...temp.store.queue.messagePages({ campaignId: 999 }, 10)]).toEqual([]);
  });

  it('reads a page without sorting the whole campaign (the plan SQLite chooses)', () => {
    const campaign = seedCampaign(3, 1);
    const plan = (sql: string, ...params: unknown[]) =>
      temp.database.sqlite
        .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...params)
        .map((row) => row.detail)
        .join(' | ');
    // The same statements message-listing.ts prepares for an unfiltered and a state-filtered page.
    expect(plan('SELECT m.id FROM messages m WHERE +m.campaign_id = ? AND m.id >= ? ORDER BY m.id LIMIT 50 OFFSET 0', campaign.id, 1)).not.toMatch(/TEMP B-TREE|SCAN/);
    expect(plan("SELECT m.id FROM messages m INDEXED BY messages_claim_idx WHERE m.campaign_id = ? AND m.state IN ('failed') ORDER BY m.id LIMIT 50", campaign.id)).toMatch(
      /COVERING INDEX messages_claim_idx/,
    );
  });
});

describe('numberFragment', () => {
  it('turns the ways people type numbers into part of the stored E.164 form', () => {
    expect(numberFragment('0160 555-0012')).toBe('1605550012');
    expect(numberFragment('0049 (160) 5550012')).toBe('+491605550012');
    expect(numberFragment('+49 160')).toBe('+49160');
    expect(numberFragment('Anna')).toBeNull();
    expect(numberFragment('12a')).toBeNull();
  });
});
