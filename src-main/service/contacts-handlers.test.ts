import { afterAll, describe, expect, it } from 'vitest';
import { toStagedContacts } from '../store';
import { createTestService } from './test-service';

const service = createTestService();
afterAll(() => service.close());
const context = { transport: 'test' } as const;

async function call<T = Record<string, unknown>>(method: string, args: unknown): Promise<T> {
  const envelope = await service.call(method, args, context);
  if (!envelope.ok)
    throw new Error(
      `${method} failed: ${envelope.error.message} ${JSON.stringify(envelope.error.details ?? [])}`,
    );
  return envelope.value as T;
}

async function refusal(method: string, args: unknown) {
  const envelope = await service.call(method, args, context);
  if (envelope.ok) throw new Error(`${method} was expected to be refused`);
  return envelope.error;
}

describe('contacts handlers', () => {
  it('creates lists and contacts, normalising numbers with the default country', async () => {
    const list = await call<{ id: number }>('contacts.createList', { name: 'Kunden' });
    const anna = await call<{ phoneE164: string; fields: Record<string, string> }>('contacts.create', {
      phone: '0151 2345 6789',
      name: 'Anna Muster',
      fields: { Vorname: 'Anna' },
      listIds: [list.id],
    });
    expect(anna).toMatchObject({ phoneE164: '+4915123456789', fields: { Vorname: 'Anna' }, optedOut: false });
    await call('contacts.create', {
      phone: '+44 7911 123456',
      name: 'Ben',
      fields: { Vorname: 'Ben', Stadt: 'London' },
      listIds: [list.id],
    });

    const lists = await call<{ lists: { name: string; memberCount: number }[]; allContacts: number }>('contacts.lists', {});
    expect(lists.allContacts).toBe(2);
    expect(lists.lists).toEqual([expect.objectContaining({ name: 'Kunden', memberCount: 2 })]);
    const { fields } = await call<{ fields: string[] }>('contacts.listFields', { listId: list.id });
    expect(fields.sort()).toEqual(['Stadt', 'Vorname']);
  });

  it('notices new fields once the list changes', async () => {
    const list = await call<{ id: number }>('contacts.createList', { name: 'Felder' });
    const first = await call<{ id: number }>('contacts.create', { phone: '+4915155555501', fields: { Termin: 'Mo' }, listIds: [list.id] });
    expect(await call('contacts.listFields', { listId: list.id })).toEqual({ fields: ['Termin'] });
    const second = await call<{ id: number }>('contacts.create', { phone: '+4915155555502', fields: { Raum: '3' }, listIds: [list.id] });
    expect(await call<{ fields: string[] }>('contacts.listFields', { listId: list.id })).toEqual({ fields: ['Termin', 'Raum'] });
    await call('contacts.delete', { ids: [first.id, second.id] });
    await call('contacts.deleteList', { id: list.id });
  });

  it('refuses duplicates, bad numbers and taken list names in plain words', async () => {
    expect(await refusal('contacts.create', { phone: '+4915123456789' })).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('already a contact (Anna Muster)'),
    });
    // A number in a file being imported right now is taken, though no search finds it yet.
    const importing = service.store.contactImport.begin({ target: { listName: 'Import läuft' }, fileName: 'x.csv', fieldNames: [], now: Date.now() });
    importing?.stageBatch(toStagedContacts([{ rowNumber: 2, phoneE164: '+4915177777777', name: null, fields: [] }]));
    expect(await refusal('contacts.create', { phone: '+4915177777777' })).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('is in a file being imported right now'),
    });
    importing?.discard();
    expect(await refusal('contacts.create', { phone: 'hello' })).toMatchObject({
      code: 'bad-request',
      message: expect.stringContaining('country code'),
    });
    expect(await refusal('contacts.createList', { name: 'Kunden' })).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('already a list'),
    });
    expect(await refusal('contacts.createList', { name: '   ' })).toMatchObject({
      code: 'bad-request',
      details: [expect.stringContaining('Give the list a name')],
    });
  });

  it('searches and counts in the database, by number, name and field, page by page', async () => {
    for (let i = 0; i < 30; i++)
      await call('contacts.create', {
        phone: `+4917000000${String(i).padStart(2, '0')}`,
        name: `Person ${i}`,
        fields: { Stadt: i % 2 ? 'Köln' : 'Bonn' },
      });
    expect(await call('contacts.count', {})).toEqual({ total: 32 });
    expect(await call('contacts.count', { text: 'Köln' })).toEqual({ total: 15 });
    expect(await call('contacts.count', { text: '0151 2345' })).toEqual({ total: 1 });
    const first = await call<{ contacts: { phoneE164: string }[] }>('contacts.search', {
      offset: 0,
      limit: 10,
    });
    const second = await call<{ contacts: { phoneE164: string }[] }>('contacts.search', {
      offset: 10,
      limit: 10,
    });
    expect(first.contacts).toHaveLength(10);
    const numbers = [...first.contacts, ...second.contacts].map((c) => c.phoneE164);
    expect(numbers).toEqual([...numbers].sort());
    expect(new Set(numbers).size).toBe(20);
    const listId = (await call<{ lists: { id: number }[] }>('contacts.lists', {})).lists[0]?.id;
    expect(await call('contacts.count', { listId })).toEqual({ total: 2 });
  });

  it('edits a contact, deletes it and restores it with its lists (undo)', async () => {
    const [anna] = (
      await call<{ contacts: { id: number }[] }>('contacts.search', { text: 'Anna', offset: 0, limit: 5 })
    ).contacts;
    if (!anna) throw new Error('Anna not found');
    const edited = await call('contacts.update', {
      id: anna.id,
      name: 'Anna Beispiel',
      fields: { Vorname: 'Anna', Termin: 'Mo 9:00' },
    });
    expect(edited).toMatchObject({ name: 'Anna Beispiel', fields: { Vorname: 'Anna', Termin: 'Mo 9:00' } });

    const deleted = await call<{ deleted: number; removed: unknown[] }>('contacts.delete', {
      ids: [anna.id],
    });
    expect(deleted.deleted).toBe(1);
    expect(await call('contacts.count', { text: 'Anna' })).toEqual({ total: 0 });
    expect(await refusal('contacts.update', { id: anna.id, name: 'x', fields: {} })).toMatchObject({
      code: 'not-found',
    });

    expect(await call('contacts.restore', { contacts: deleted.removed })).toEqual({ restored: 1 });
    const lists = await call<{ lists: { memberCount: number }[] }>('contacts.lists', {});
    expect(lists.lists[0]?.memberCount).toBe(2);
    const [back] = (
      await call<{ contacts: unknown[] }>('contacts.search', { text: 'Anna', offset: 0, limit: 5 })
    ).contacts;
    expect(back).toMatchObject({ name: 'Anna Beispiel', fields: { Termin: 'Mo 9:00' } });
  });

  it('puts a number on the opt-out list, flags the contact, and takes it off again', async () => {
    expect(await call('contacts.optOut', { phone: '0151 23456789' })).toMatchObject({
      phoneE164: '+4915123456789',
      added: true,
    });
    expect(await call('contacts.optOut', { phone: '+4915123456789' })).toMatchObject({ added: false });
    expect(await call('contacts.count', { optedOut: true })).toEqual({ total: 1 });
    const page = await call<{ total: number; entries: { phoneE164: string; source: string }[] }>(
      'contacts.optOuts',
      { offset: 0, limit: 10 },
    );
    expect(page.total).toBe(1);
    expect(page.entries[0]).toMatchObject({ phoneE164: '+4915123456789', source: 'manual' });
    expect(await call('contacts.optIn', { phoneE164: '+4915123456789' })).toEqual({ removed: true });
    expect(await call('contacts.count', { optedOut: true })).toEqual({ total: 0 });
  });

  it('renames and deletes a list, keeping its contacts', async () => {
    const list = await call<{ id: number }>('contacts.createList', { name: 'Temp' });
    expect(await call('contacts.renameList', { id: list.id, name: 'Später' })).toEqual({
      id: list.id,
      name: 'Später',
    });
    expect(await refusal('contacts.renameList', { id: list.id, name: 'Kunden' })).toMatchObject({
      code: 'conflict',
    });
    const before = await call<{ allContacts: number }>('contacts.lists', {});
    expect(await call('contacts.deleteList', { id: list.id })).toEqual({ deleted: true });
    expect((await call<{ allContacts: number }>('contacts.lists', {})).allContacts).toBe(before.allContacts);
  });

  it('erases a person completely, keeping only a hash on the opt-out list', async () => {
    const erin = await call<{ id: number }>('contacts.create', { phone: '+4915166666601', name: 'Erin Erase', fields: { Notiz: 'privat' } });
    service.store.inbound.record({ simId: null, senderE164: '+4915166666601', senderRaw: null, body: 'Bitte löschen Sie meine Daten', sentAt: null, receivedAt: Date.now(), keyword: null });
    const before = await call<{ total: number }>('contacts.optOuts', { offset: 0, limit: 500 });
    expect(await call('privacy.erasePerson', { contactId: erin.id, reason: 'Request by phone' })).toMatchObject({ contactsDeleted: 1, messagesScrubbed: 0, repliesScrubbed: 1 });
    expect(await call('contacts.count', { text: 'Erin' })).toEqual({ total: 0 });
    const after = await call<{ total: number; entries: { phoneE164: string | null; source: string }[] }>('contacts.optOuts', { offset: 0, limit: 500 });
    expect(after.total).toBe(before.total + 1);
    expect(after.entries[0]).toMatchObject({ phoneE164: null, source: 'erasure' });
    expect(service.store.suppressions.isSuppressed('+4915166666601')).toBe(true);
    expect(JSON.stringify(service.store.inbound.listRecent({ limit: 50 }))).not.toContain('löschen');
    // Adding the number again is allowed, but it stays opted out.
    expect(await call('contacts.create', { phone: '+4915166666601' })).toMatchObject({ optedOut: true });
    expect(await refusal('privacy.erasePerson', { contactId: 999_999, reason: 'Request by phone' })).toMatchObject({ code: 'not-found' });
  });
});
