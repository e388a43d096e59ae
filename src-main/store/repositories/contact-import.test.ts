import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore } from '../testing';
import { StagingLostError, type StagedContact } from './contact-import';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

let temp: TempStore;
beforeEach(() => {
  temp = openTempStore('fanout-contact-import-');
});
afterEach(() => temp.cleanup());

function rows(count: number, first = 10_000_000, extra: Partial<StagedContact> = {}): StagedContact[] {
  return Array.from({ length: count }, (_, i) => ({
    rowNumber: i + 2,
    phoneE164: `+49151${String(first + i)}`,
    name: `Name ${i}`,
    fieldsJson: `{"Stadt":"Köln","Nr":"${i}"}`,
    ...extra,
  }));
}

/** Every table an import writes, counted raw (hidden rows included). */
function rawCounts() {
  const count = (table: string) => (temp.database.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    contacts: count('contacts'),
    members: count('list_members'),
    lists: count('contact_lists'),
    consents: count('consents'),
    imports: count('contact_imports'),
    staging: count('import_staging_batches'),
  };
}

const consent = { basis: 'consent' as const, wording: 'Ja, per SMS', recordedBy: 'admin', source: 'import kunden.csv' };

describe('contact import storage', () => {
  it('writes new contacts once and hides them from every query of another connection until the commit', () => {
    const session = temp.store.contactImport.begin({ target: { listName: 'Kunden' }, fileName: 'kunden.csv', now: T0, consent });
    if (!session) throw new Error('no session');
    expect(session.stageBatch(rows(3, 10_000_000, { consentAt: T0 - 1000 }))).toEqual({ staged: 3, optedOut: 0, rejected: [] });
    expect(rawCounts()).toMatchObject({ contacts: 3, members: 3, consents: 3, staging: 0 });

    const other = temp.openAnother();
    const list = other.lists.getByName('Kunden');
    if (!list) throw new Error('the list is created at begin');
    expect(other.contacts.count({})).toBe(0);
    expect(other.contacts.search({ listId: list.id }, { limit: 10, orderBy: 'phone' })).toEqual([]);
    expect(other.contacts.getByPhone('+4915110000000')).toBeUndefined();
    expect(other.lists.list()).toMatchObject([{ name: 'Kunden', memberCount: 0 }]);
    expect(other.consents.countInLists([list.id], 'marketing')).toEqual({ consent: 0, existingCustomer: 0, none: 0 });

    expect(session.commit({ rows: 3 }, T0)).toEqual({ listId: list.id, addedToList: 3, newContacts: 3, consentsRecorded: 3 });
    expect(other.contacts.search({ listId: list.id }, { limit: 10, orderBy: 'phone' }).map((c) => c.phoneE164)).toEqual(['+4915110000000', '+4915110000001', '+4915110000002']);
    expect(other.contacts.getByPhone('+4915110000001')).toMatchObject({ name: 'Name 1', fields: { Stadt: 'Köln', Nr: '1' } });
    expect(other.lists.list()).toMatchObject([{ name: 'Kunden', memberCount: 3 }]);
    expect(other.consents.countInLists([list.id], 'marketing')).toEqual({ consent: 3, existingCustomer: 0, none: 0 });
    expect(other.consents.history(other.contacts.getByPhone('+4915110000002')?.id ?? 0)).toMatchObject([{ source: 'import kunden.csv row 4', grantedAt: T0 - 1000 }]);
  });

  it('applies rows of known numbers only at commit, and counts those already in the list as duplicates', () => {
    const kunden = temp.store.lists.create('Kunden', T0);
    const known = temp.store.contacts.create({ phoneE164: '+4915110000001', fields: { Stadt: 'Bonn', Alt: 'ja' } }, T0);
    const member = temp.store.contacts.create({ phoneE164: '+4915110000002' }, T0);
    if (!known || !member) throw new Error('seed');
    temp.store.contacts.addToList(member.id, kunden.id, T0);

    const session = temp.store.contactImport.begin({ target: { listId: kunden.id }, fileName: 'k.csv', now: T0 });
    const batch = session?.stageBatch(rows(3));
    expect(batch).toEqual({ staged: 2, optedOut: 0, rejected: [{ index: 2, reason: 'already-in-list' }] });
    // Until the commit the known contact is as it was, and not in the list.
    expect(temp.store.contacts.get(known.id)?.fields).toEqual({ Stadt: 'Bonn', Alt: 'ja' });
    expect(temp.store.contacts.listIdsOf(known.id)).toEqual([]);
    expect(session?.commit({}, T0)).toMatchObject({ addedToList: 2, newContacts: 1 });
    expect(temp.store.contacts.get(known.id)?.fields).toEqual({ Stadt: 'Köln', Alt: 'ja', Nr: '1' });
    expect(temp.store.contacts.count({ listId: kunden.id })).toBe(3);
  });

  it('a discarded import deletes its rows range by range, a list it created and its staged rows, and nothing else', () => {
    const vorher = temp.store.lists.create('Vorher', T0);
    const known = temp.store.contacts.create({ phoneE164: '+4915110000005', fields: { Stadt: 'Bonn' } }, T0);
    if (!known) throw new Error('seed');
    temp.store.contacts.addToList(known.id, vorher.id, T0);
    const before = rawCounts();

    const session = temp.store.contactImport.begin({ target: { listName: 'Neu' }, fileName: 'neu.csv', now: T0, consent });
    if (!session) throw new Error('no session');
    // More than one clean-up range (5,000 ids), and one known number that waits in staging.
    for (let start = 0; start < 12_000; start += 3000) session.stageBatch(rows(3000, 10_000_000 + start, { consentAt: T0 }));
    expect(rawCounts()).toMatchObject({ contacts: before.contacts + 11_999, members: before.members + 11_999, lists: 2, staging: 1, imports: 1 });
    session.discard();
    expect(rawCounts()).toEqual(before);
    expect(temp.store.contacts.get(known.id)?.fields).toEqual({ Stadt: 'Bonn' });
    expect(temp.store.lists.list().map((l) => l.name)).toEqual(['Vorher']);
  });

  it('stops the commit when the list is deleted while the import runs, and the discard then leaves nothing', () => {
    const session = temp.store.contactImport.begin({ target: { listName: 'Kurz' }, fileName: 'k.csv', now: T0 });
    if (!session) throw new Error('no session');
    session.stageBatch(rows(10));
    const list = temp.store.lists.getByName('Kurz');
    temp.store.lists.delete(list?.id ?? 0);
    // The import's row outlives the list, so its contacts stay hidden.
    expect(temp.store.contacts.count({})).toBe(0);
    expect(() => session.commit({}, T0)).toThrow(StagingLostError);
    session.discard();
    expect(rawCounts()).toMatchObject({ contacts: 0, members: 0, lists: 0, imports: 0 });
  });

  it('a discard after the commit (a clean-up by mistake) deletes nothing', () => {
    const session = temp.store.contactImport.begin({ target: { listName: 'Fertig' }, fileName: 'f.csv', now: T0 });
    session?.stageBatch(rows(7));
    session?.commit({}, T0);
    session?.discard();
    expect(rawCounts()).toMatchObject({ contacts: 7, members: 7, lists: 1, imports: 1 });
    expect(temp.store.contacts.count({})).toBe(7);
  });

  it('an import into an existing list leaves the list when it is discarded', () => {
    const kunden = temp.store.lists.create('Kunden', T0);
    const session = temp.store.contactImport.begin({ target: { listId: kunden.id }, fileName: 'k.csv', now: T0 });
    session?.stageBatch(rows(5));
    session?.discard();
    expect(rawCounts()).toMatchObject({ contacts: 0, members: 0, lists: 1, imports: 0 });
  });
});
