// Consent records, the contact's own time zone and the campaign rules of issue 8 behind the API.
import { afterAll, describe, expect, it } from 'vitest';
import type { CampaignSummary } from '../../src-shared/api';
import { createTestService } from './test-service';

const service = createTestService();
afterAll(() => service.close());
const operator = { id: 7, username: 'eva', displayName: 'Eva Office', role: 'sender' } as const;
const context = { transport: 'test', operator } as const;

async function call<T = Record<string, unknown>>(method: string, args: unknown): Promise<T> {
  const envelope = await service.call(method, args, context);
  if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.message} ${JSON.stringify(envelope.error.details ?? [])}`);
  return envelope.value as T;
}

async function refusal(method: string, args: unknown) {
  const envelope = await service.call(method, args, context);
  if (envelope.ok) throw new Error(`${method} was expected to be refused`);
  return envelope.error;
}

describe('consent records through the API', () => {
  it('records and withdraws with the operator’s name, keeps the history, and writes both to the audit log without the number', async () => {
    const list = await call<{ id: number }>('contacts.createList', { name: 'Newsletter' });
    const anna = await call<{ id: number }>('contacts.create', { phone: '0151 2345 6789', listIds: [list.id] });
    const recorded = await call('contacts.recordConsent', { contactId: anna.id, basis: 'consent', source: 'paper form', wording: 'Newsletter v3', grantedAt: '2026-01-15T10:00:00+01:00' });
    expect(recorded).toMatchObject({ purpose: 'marketing', basis: 'consent', grantedAt: '2026-01-15T09:00:00.000Z', recordedBy: 'Eva Office', withdrawnAt: null });
    expect(await call('contacts.withdrawConsent', { contactId: anna.id, source: 'phone call' })).toEqual({ withdrawn: 1 });
    const { records } = await call<{ records: { withdrawnSource: string | null; withdrawnAt: string | null }[] }>('contacts.consents', { contactId: anna.id });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ withdrawnSource: 'phone call' });
    expect(records[0]?.withdrawnAt).not.toBeNull();

    const log = service.store.audit.list({ action: 'consent', limit: 10 }).entries;
    expect(log.map((entry) => [entry.action, entry.actor, entry.subject])).toEqual([
      ['consent.withdraw', 'Eva Office', `contact ${anna.id}`],
      ['consent.record', 'Eva Office', `contact ${anna.id}`],
    ]);
    expect(JSON.stringify(log)).not.toContain('2345');

    expect(await refusal('contacts.recordConsent', { contactId: anna.id, basis: 'consent', source: 'x', grantedAt: '2099-01-01T00:00:00Z' })).toMatchObject({ code: 'bad-request' });
    expect(await refusal('contacts.recordConsent', { contactId: 99999, basis: 'consent', source: 'x' })).toMatchObject({ code: 'not-found' });
  });

  it('keeps a contact’s own time zone, and refuses one that does not exist', async () => {
    const ben = await call<{ id: number; timeZone: string | null }>('contacts.create', { phone: '+1 212 555 0101' });
    expect(ben.timeZone).toBeNull();
    const updated = await call<{ timeZone: string | null }>('contacts.update', { id: ben.id, name: 'Ben', fields: {}, timeZone: 'America/New_York' });
    expect(updated.timeZone).toBe('America/New_York');
    // Left out: unchanged. null: back to the number's zone.
    expect(await call('contacts.update', { id: ben.id, name: 'Ben', fields: {} })).toMatchObject({ timeZone: 'America/New_York' });
    expect(await call('contacts.update', { id: ben.id, name: 'Ben', fields: {}, timeZone: null })).toMatchObject({ timeZone: null });
    expect(await refusal('contacts.update', { id: ben.id, name: 'Ben', fields: {}, timeZone: 'Mars/Olympus' })).toMatchObject({ code: 'bad-request' });
  });
});

describe('campaign rules of the send policy', () => {
  it('refuses marketing to existing customers without an opt-out hint, naming what to add, at creation and again at start', async () => {
    const list = await call<{ id: number }>('contacts.createList', { name: 'Bestand' });
    const carl = await call<{ id: number }>('contacts.create', { phone: '0170 1234567', listIds: [list.id] });
    await call('contacts.recordConsent', { contactId: carl.id, basis: 'existing-customer', source: 'customer since 2019' });

    const error = await refusal('campaigns.create', { name: 'Sale', template: 'Sommerschlussverkauf: 20 % auf alles!', listIds: [list.id], purpose: 'marketing' });
    expect(error.code).toBe('bad-request');
    expect(error.message).toContain('1 recipient is messaged as existing customers');
    expect(error.message).toContain('STOP an');
    // The same text is fine as a service message, and for marketing with a hint.
    await call('campaigns.create', { name: 'Info', template: 'Sommerschlussverkauf: 20 % auf alles!', listIds: [list.id], purpose: 'service' });
    const ok = await call<{ campaign: CampaignSummary }>('campaigns.create', {
      name: 'Sale 2',
      template: 'Sommerschlussverkauf: 20 % auf alles! Abmelden: STOP an 0151 1234567',
      listIds: [list.id],
      purpose: 'marketing',
    });
    expect(ok.campaign.purpose).toBe('marketing');

    // A draft without a hint made before anyone in the list was an existing customer, started after one was added.
    const later = await call<{ id: number }>('contacts.createList', { name: 'Später' });
    const dana = await call<{ id: number }>('contacts.create', { phone: '0170 7654321', listIds: [later.id] });
    await call('contacts.recordConsent', { contactId: dana.id, basis: 'consent', source: 'web form' });
    const draft = await call<{ campaign: CampaignSummary }>('campaigns.create', { name: 'Sale 3', template: 'Nur heute!', listIds: [later.id], purpose: 'marketing', quietHours: null });
    await call('contacts.recordConsent', { contactId: dana.id, basis: 'existing-customer', source: 'bought in March' });
    await call('contacts.withdrawConsent', { contactId: dana.id, source: 'asked by phone' });
    await call('contacts.recordConsent', { contactId: dana.id, basis: 'existing-customer', source: 'bought in May' });
    expect(await refusal('campaigns.start', { campaignId: draft.campaign.id })).toMatchObject({ code: 'bad-request' });
  });

  it('gives marketing campaigns the marketing quiet hours and service campaigns the service ones, unless the campaign sets its own', async () => {
    const list = await call<{ id: number }>('contacts.createList', { name: 'Ruhe' });
    await call('contacts.create', { phone: '0170 1112223', listIds: [list.id] });
    const create = (purpose: string, extra: object = {}) =>
      call<{ campaign: CampaignSummary }>('campaigns.create', { name: `Q ${purpose}`, template: 'Hallo', listIds: [list.id], purpose, ...extra }).then((r) => r.campaign.quietHours);
    expect(await create('service')).toBeNull();
    expect(await create('marketing')).toEqual({ start: '21:00', end: '08:00' });
    await service.call('settings.update', { marketingQuietHours: { enabled: true, start: '20:00', end: '09:00' }, quietHours: { enabled: true, start: '22:00', end: '07:00' } }, { transport: 'test' });
    expect(await create('marketing')).toEqual({ start: '20:00', end: '09:00' });
    expect(await create('service')).toEqual({ start: '22:00', end: '07:00' });
    expect(await create('marketing', { quietHours: { start: '19:00', end: '10:00' } })).toEqual({ start: '19:00', end: '10:00' });
  });

  it('answers the blocked messages of a campaign counted per reason', async () => {
    const list = await call<{ id: number }>('contacts.createList', { name: 'Blockiert' });
    for (const phone of ['0170 5550001', '0170 5550002', '0170 5550003']) await call('contacts.create', { phone, listIds: [list.id] });
    await call('contacts.optOut', { phone: '0049 170 5550001' });
    const { campaign } = await call<{ campaign: CampaignSummary }>('campaigns.create', { name: 'B', template: 'x', listIds: [list.id], quietHours: null });
    await call('campaigns.cancel', { campaignId: campaign.id });
    expect(await call('campaigns.blocked', { campaignId: campaign.id })).toEqual({ blocked: [{ state: 'skipped', reason: 'cancelled', count: 3 }] });
  });
});
