import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEventMessage, CampaignSummary, ModemSummary } from '../../../src-shared/api';
import { createTestService } from '../test-service';

// What the new-campaign dialog sends when the user picks modems and limits: the campaign goes
// only through the chosen SIM, no faster than its limit, and its summary says what was chosen.
const service = createTestService();
const context = { transport: 'test' } as const;
let listId = 0;

const call = async <T>(method: string, args: unknown): Promise<T> => {
  const envelope = await service.call(method, args, context);
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message} ${envelope.error.details?.join('; ') ?? ''}`);
  return envelope.value as T;
};
const modems = async () => (await call<{ modems: ModemSummary[] }>('modems.list', {})).modems;

beforeAll(async () => {
  const now = Date.now();
  listId = service.store.lists.create('Praxis', now).id;
  for (let index = 0; index < 6; index++) {
    const contact = service.store.contacts.create({ phoneE164: `+49170123450${index}`, name: null, fields: {} }, now);
    if (contact) service.store.contacts.addToList(contact.id, listId, now);
  }
  await call('modems.startDemo', { count: 2 });
  for (let tries = 0; tries < 100 && (await modems()).filter((modem) => modem.state === 'ready').length < 2; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
});
afterAll(() => service.close());

describe('a campaign restricted to chosen SIMs with its own limits', () => {
  it('sends only through the chosen SIM and holds the rest at its per-minute limit', async () => {
    const [first, second] = await modems();
    if (!first || !second) throw new Error('two demo modems expected');
    const created = await call<{ campaign: CampaignSummary }>('campaigns.create', {
      name: 'Nur Modem 2',
      template: 'Ihr Termin steht.',
      listIds: [listId],
      simIds: [second.simId],
      limits: { perMinute: 2, perHour: null, perDay: null },
      quietHours: null,
    });
    expect(created.campaign).toMatchObject({ simIds: [second.simId], limits: { perMinute: 2, perHour: null, perDay: null } });

    const held = new Promise<void>((resolve) => {
      const off = service.events.subscribe((event: ApiEventMessage) => {
        if (event.name === 'message.status' && event.payload.changes.some((change) => change.state === 'queued' && /limit/.test(change.reason ?? ''))) {
          off();
          resolve();
        }
      });
    });
    await call('campaigns.start', { campaignId: created.campaign.id });
    await held;

    const summary = await call<CampaignSummary>('campaigns.get', { campaignId: created.campaign.id });
    expect(summary.counts.sent ?? 0).toBe(2);
    expect(summary.counts.queued).toBe(4);
    const { blocked } = await call<{ blocked: { reason: string; count: number }[] }>('campaigns.blocked', { campaignId: created.campaign.id });
    expect(blocked.map((entry) => entry.reason)).toContain('SIM limit of 2 per minute reached');
    const after = new Map((await modems()).map((modem) => [modem.simId, modem.sentToday]));
    expect(after.get(second.simId)).toBe(2);
    expect(after.get(first.simId)).toBe(0);
    await call('campaigns.cancel', { campaignId: created.campaign.id });
  });

  it('keeps "every SIM" and "the SIMs\' own limits" as the empty choice', async () => {
    const created = await call<{ campaign: CampaignSummary }>('campaigns.create', { name: 'Alle', template: 'x', listIds: [listId] });
    expect(created.campaign).toMatchObject({ simIds: [], limits: null });
  });

  it('refuses a SIM Fanout does not know, before anything is queued', async () => {
    const before = service.store.campaigns.list().length;
    const envelope = await service.call('campaigns.create', { name: 'x', template: 'x', listIds: [listId], simIds: [9999] }, context);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(service.store.campaigns.list().length).toBe(before);
  });
});
