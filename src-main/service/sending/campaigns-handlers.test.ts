import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEventMessage, CampaignSummary } from '../../../src-shared/api';
import { createTestService } from '../test-service';

// The whole sending path behind the API: contacts in a real database, two demo modems (virtual
// modems answering AT commands through the serialport binding), the engine in between.
const service = createTestService();
const events: ApiEventMessage[] = [];
service.events.subscribe((event) => events.push(event));
let listId = 0;
const people = [
  { phone: '+4917011111111', name: 'Anna' },
  { phone: '+4917022222222', name: 'Björn' },
  { phone: '+4917033333333', name: '' },
  { phone: '+4917044444444', name: 'Chloé' },
  { phone: '+4917055555555', name: 'Dara' },
];

beforeAll(async () => {
  const now = Date.now();
  listId = service.store.lists.create('Kunden', now).id;
  for (const person of people) {
    const contact = service.store.contacts.create({ phoneE164: person.phone, name: person.name || null, fields: { Vorname: person.name } }, now);
    if (contact) service.store.contacts.addToList(contact.id, listId, now);
  }
  await service.call('modems.startDemo', { count: 2 }, { transport: 'test' });
});
afterAll(() => service.close());

const call = async <T>(method: string, args: unknown): Promise<T> => {
  const envelope = await service.call(method, args, { transport: 'test' });
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message} ${envelope.error.details?.join('; ') ?? ''}`);
  return envelope.value as T;
};

describe('campaigns domain', () => {
  it('previews the rendered texts and the cost before anything is queued', async () => {
    const preview = await call<{ samples: { text: string; parts: number }[]; estimate: { recipients: number; totalParts: number } }>(
      'campaigns.preview',
      { template: 'Hallo {{Vorname|Kunde}}, Ihr Termin 🗓 steht.', listIds: [listId] },
    );
    expect(preview.estimate).toMatchObject({ recipients: 5, totalParts: 5 });
    expect(preview.samples.map((sample) => sample.text)).toContain('Hallo Kunde, Ihr Termin 🗓 steht.');
  });

  it('sends a started campaign through the demo modems, each message once, and reports it completed', async () => {
    const created = await call<{ campaign: CampaignSummary; enqueued: number }>('campaigns.create', {
      name: 'Termine',
      template: 'Hallo {{Vorname|Kunde}}, Ihr Termin steht.',
      listIds: [listId],
      // This test is about sending; quiet hours have their own test and must not depend on the clock.
      quietHours: null,
    });
    expect(created.enqueued).toBe(5);
    expect(created.campaign).toMatchObject({ state: 'draft', counts: { queued: 5 } });

    const completed = new Promise<void>((resolve) =>
      service.events.subscribe((event) => {
        if (event.name === 'campaign.state' && event.payload.campaignId === created.campaign.id && event.payload.state === 'completed') resolve();
      }),
    );
    expect(await call('campaigns.start', { campaignId: created.campaign.id })).toEqual({ state: 'running' });
    await completed;

    const summary = await call<CampaignSummary>('campaigns.get', { campaignId: created.campaign.id });
    expect(summary.state).toBe('completed');
    expect((summary.counts.sent ?? 0) + (summary.counts.delivered ?? 0)).toBe(5);
    const reached = service.sending.demoNetwork.submittedMessages().map((message) => `${message.to} ${message.text}`);
    expect(reached.sort()).toEqual(people.map((person) => `${person.phone} Hallo ${person.name || 'Kunde'}, Ihr Termin steht.`).sort());
    expect(events.some((event) => event.name === 'message.status')).toBe(true);
    expect(events.some((event) => event.name === 'campaign.progress')).toBe(true);
    const lastCounts = new Map<number, number>();
    for (const event of events) if (event.name === 'modem.status') lastCounts.set(event.payload.simId, event.payload.partsSent);
    expect([...lastCounts.values()].reduce((sum, count) => sum + count, 0)).toBe(5);
  });

  it('holds a campaign scheduled for later, and sends it at once when started now', async () => {
    const startAt = new Date(Date.now() + 3_600_000).toISOString();
    const created = await call<{ campaign: CampaignSummary }>('campaigns.create', { name: 'Später', template: 'Bis bald', listIds: [listId], startAt, quietHours: null, purpose: 'service' });
    const campaignId = created.campaign.id;
    expect(await call('campaigns.start', { campaignId })).toEqual({ state: 'scheduled' });
    expect(await call<CampaignSummary>('campaigns.get', { campaignId })).toMatchObject({ state: 'scheduled', startAt, counts: { queued: 5 } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(service.sending.demoNetwork.submittedMessages().filter((message) => message.text === 'Bis bald')).toHaveLength(0);

    const completed = new Promise<void>((resolve) =>
      service.events.subscribe((event) => {
        if (event.name === 'campaign.state' && event.payload.campaignId === campaignId && event.payload.state === 'completed') resolve();
      }),
    );
    expect(await call('campaigns.start', { campaignId })).toEqual({ state: 'running' });
    await completed;
    const summary = await call<CampaignSummary>('campaigns.get', { campaignId });
    expect(Date.parse(summary.startAt ?? '')).toBeLessThan(Date.parse(startAt));
    expect(service.sending.demoNetwork.submittedMessages().filter((message) => message.text === 'Bis bald')).toHaveLength(5);
  });

  it('lists the recipients of a campaign with filters and exports them as a CSV to download', async () => {
    const done = (await call<{ campaigns: CampaignSummary[] }>('campaigns.list', {})).campaigns.find((campaign) => campaign.name === 'Termine');
    if (!done) throw new Error('no completed campaign');
    const all = await call<{ messages: { recipientE164: string; contactName: string | null; state: string; sentAt: string | null; simLabel: string | null }[]; total: number }>(
      'campaigns.messages',
      { campaignId: done.id, limit: 3 },
    );
    expect(all.total).toBe(5);
    expect(all.messages.map((message) => message.recipientE164)).toEqual(people.slice(0, 3).map((person) => person.phone));
    expect(all.messages[0]).toMatchObject({ contactName: 'Anna', sentAt: expect.stringMatching(/^\d{4}-/), simLabel: expect.any(String) });
    const found = await call<{ total: number; messages: { contactName: string | null }[] }>('campaigns.messages', { campaignId: done.id, search: '0170 444 44444' });
    expect(found).toMatchObject({ total: 1, messages: [{ contactName: 'Chloé' }] });
    const queued = await call<{ total: number }>('campaigns.messages', { campaignId: done.id, states: ['queued', 'sending'] });
    expect(queued.total).toBe(0);

    const anna = service.store.contacts.getByPhone(people[0]?.phone ?? '');
    service.store.contacts.update(anna?.id ?? -1, { name: '=HYPERLINK("http://x","Anna")' }, Date.now());
    const exported = await call<{ downloadId: string; name: string; rows: number }>('campaigns.export', { campaignId: done.id, delimiter: ';' });
    expect(exported).toMatchObject({ rows: 5, name: expect.stringMatching(/^Termine - results \d{4}-\d\d-\d\d\.csv$/) });
    const download = service.downloads.get(exported.downloadId);
    expect(download?.path.startsWith(path.join(service.dataDir, 'exports'))).toBe(true);
    const text = readFileSync(download?.path ?? '', 'utf8');
    expect(text.startsWith('\ufeff"Number";"Name";"State"')).toBe(true);
    expect(text).toContain(`"'+4917011111111";"'=HYPERLINK(""http://x"",""Anna"")"`);
    expect(text).toContain('"Hallo Björn, Ihr Termin steht."');
    const german = await call<{ downloadId: string; name: string }>('campaigns.export', { campaignId: done.id, delimiter: ';', language: 'de' });
    expect(german.name).toMatch(/^Termine - Ergebnisse \d{4}-\d\d-\d\d\.csv$/);
    expect(readFileSync(service.downloads.get(german.downloadId)?.path ?? '', 'utf8').startsWith('\ufeff"Nummer";"Name";"Status"')).toBe(true);
    expect(await service.call('campaigns.export', { campaignId: 424242 }, { transport: 'test' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it("takes the quiet hours from Settings unless the campaign says otherwise", async () => {
    await call('settings.update', { quietHours: { enabled: true, start: '20:30', end: '07:45' } });
    const inherited = await call<{ campaign: CampaignSummary }>('campaigns.create', { name: 'a', template: 'x', listIds: [listId] });
    expect(inherited.campaign.quietHours).toEqual({ start: '20:30', end: '07:45' });
    const own = await call<{ campaign: CampaignSummary }>('campaigns.create', { name: 'b', template: 'x', listIds: [listId], quietHours: { start: '19:00', end: '09:00' } });
    expect(own.campaign.quietHours).toEqual({ start: '19:00', end: '09:00' });
    const none = await call<{ campaign: CampaignSummary }>('campaigns.create', { name: 'c', template: 'x', listIds: [listId], quietHours: null });
    expect(none.campaign.quietHours).toBeNull();
    await call('settings.update', { quietHours: { enabled: false, start: '20:30', end: '07:45' } });
    const off = await call<{ campaign: CampaignSummary }>('campaigns.create', { name: 'd', template: 'x', listIds: [listId] });
    expect(off.campaign.quietHours).toBeNull();
  });

  it('explains what cannot be done instead of doing it', async () => {
    const finished = (await call<{ campaigns: CampaignSummary[] }>('campaigns.list', {})).campaigns.find((campaign) => campaign.state === 'completed');
    if (!finished) throw new Error('no completed campaign');
    expect(await service.call('campaigns.start', { campaignId: finished.id }, { transport: 'test' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('only a draft can be started') },
    });
    expect(await service.call('campaigns.get', { campaignId: 424242 }, { transport: 'test' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await service.call('campaigns.create', { name: 'x', template: 'y', listIds: [99999] }, { transport: 'test' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(
      await service.call('campaigns.create', { name: 'x', template: 'y', listIds: [listId], quietHours: { start: '25:00', end: '08:00' } }, { transport: 'test' }),
    ).toMatchObject({ ok: false, error: { code: 'bad-request', details: [expect.stringContaining('HH:MM')] } });
  });
});
