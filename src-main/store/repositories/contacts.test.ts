import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toStagedContacts } from '../staged-contacts';
import { openTempStore, type TempStore } from '../testing';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
let temp: TempStore;
beforeEach(() => {
  temp = openTempStore();
});
afterEach(() => temp.cleanup());

function addPeople(count: number, listName = 'Kunden') {
  const { store } = temp;
  const list = store.lists.ensure(listName, T0);
  for (let i = 0; i < count; i++) {
    const contact = store.contacts.create({ phoneE164: `+4917000000${String(i).padStart(2, '0')}`, name: `Person ${String(i).padStart(2, '0')}`, fields: { Stadt: i % 2 ? 'Köln' : 'Berlin' }, tags: i % 3 === 0 ? ['vip'] : [] }, T0 + i);
    if (!contact) throw new Error('duplicate');
    store.contacts.addToList(contact.id, list.id, T0);
  }
  return list;
}

describe('contacts', () => {
  it('refuses a second contact with the same number', () => {
    expect(temp.store.contacts.create({ phoneE164: '+4917012345678' }, T0)).toBeDefined();
    expect(temp.store.contacts.create({ phoneE164: '+4917012345678', name: 'Again' }, T0)).toBeUndefined();
  });

  it('searches number, name and merge fields with paging done in SQLite', () => {
    const list = addPeople(25);
    const { contacts } = temp.store;
    expect(contacts.count({ listId: list.id })).toBe(25);
    const page1 = contacts.search({ listId: list.id }, { limit: 10 });
    const page3 = contacts.search({ listId: list.id }, { limit: 10, offset: 20 });
    expect(page1.map((c) => c.name)).toEqual(Array.from({ length: 10 }, (_, i) => `Person 0${i}`));
    expect(page3).toHaveLength(5);
    expect(contacts.count({ text: 'Köln' })).toBe(12);
    expect(contacts.search({ text: 'person 07' }, { limit: 5 }).map((c) => c.phoneE164)).toEqual(['+491700000007']);
    // As people type it, with spaces.
    expect(contacts.search({ text: '0000 024' }, { limit: 5 }).map((c) => c.name)).toEqual(['Person 24']);
    expect(contacts.count({ text: '100%' })).toBe(0);
    expect(contacts.count({ tag: 'vip' })).toBe(9);
    expect(contacts.search({}, { limit: 1, orderBy: 'created' })[0]?.name).toBe('Person 24');
  });

  it('finds names in any case beyond ASCII (Müller, Ørsted, Ελένη), in a real database file and a second connection', () => {
    const names = ['Müller', 'Jürgen MÜLLER', 'Ørsted', 'Ελένη Παπαδοπούλου', 'Straße 5', 'Mu\u0308ller zerlegt', 'Mueller', 'Zoë', 'İpek Yılmaz'];
    names.forEach((name, i) => temp.store.contacts.create({ phoneE164: `+4917100000${String(i).padStart(2, '0')}`, name }, T0));
    const found = (text: string, store = temp.store) => store.contacts.search({ text }, { limit: 20, orderBy: 'phone' }).map((c) => c.name);
    expect(found('müller')).toEqual(['Müller', 'Jürgen MÜLLER', 'Mu\u0308ller zerlegt']);
    expect(found('MÜLLER')).toEqual(['Müller', 'Jürgen MÜLLER', 'Mu\u0308ller zerlegt']);
    expect(found('ørsted')).toEqual(['Ørsted']);
    expect(found('ØRSTED')).toEqual(['Ørsted']);
    expect(found('ΕΛΈΝΗ')).toEqual(['Ελένη Παπαδοπούλου']);
    expect(found('ΠΑΠΑΔΟΠΟΎΛΟΥ')).toEqual(['Ελένη Παπαδοπούλου']);
    expect(found('straße')).toEqual(['Straße 5']);
    expect(found('ZOË')).toEqual(['Zoë']);
    expect(found('İPEK')).toEqual(['İpek Yılmaz']);
    expect(found('yılmaz')).toEqual(['İpek Yılmaz']);
    expect(found('ελένη παπα')).toEqual(['Ελένη Παπαδοπούλου']);
    // Case, not accents: "Muller" is another name than "Müller".
    expect(found('muller')).toEqual([]);
    expect(temp.store.contacts.count({ text: 'MÜLLER' })).toBe(3);
    expect(found('müller', temp.openAnother())).toHaveLength(3);
  });

  it('finds merge field values, not their names or the punctuation around them, whether a contact was imported or edited by hand', () => {
    // Imported: the values alone, their names once for the import.
    const session = temp.store.contactImport.begin({ target: { listName: 'Import' }, fileName: 'k.csv', fieldNames: ['Vorname', 'Notiz'], now: T0 });
    session?.stageBatch(toStagedContacts([{ rowNumber: 2, phoneE164: '+4917100000001', name: 'Importiert', fields: ['Anna', 'sagt "ja", \\ fertig'] }]));
    session?.commit({}, T0);
    // By hand: names and values together.
    temp.store.contacts.create({ phoneE164: '+4917100000002', name: 'Von Hand', fields: { Vorname: 'Jörg', Notiz: 'Ölbild, "groß"' } }, T0);
    const found = (text: string) => temp.store.contacts.search({ text }, { limit: 20, orderBy: 'phone' }).map((c) => c.name);
    expect(found('Vorname')).toEqual([]);
    expect(found('notiz')).toEqual([]);
    expect(found('","')).toEqual([]);
    expect(found(':')).toEqual([]);
    expect(found('anna')).toEqual(['Importiert']);
    expect(found('JÖRG')).toEqual(['Von Hand']);
    expect(found('"ja"')).toEqual(['Importiert']);
    expect(found('\\ fertig')).toEqual(['Importiert']);
    expect(found('"GROSS"')).toEqual([]);
    expect(found('"groß"')).toEqual(['Von Hand']);
    expect(found('ölbild, "')).toEqual(['Von Hand']);
    expect(temp.store.contacts.count({ text: ',' })).toBe(2);
  });

  it('pages through a list by number without OFFSET', () => {
    const list = addPeople(25);
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = temp.store.contacts.search({ listId: list.id }, { limit: 7, orderBy: 'phone', ...(after ? { afterPhone: after } : {}) });
      if (page.length === 0) break;
      seen.push(...page.map((c) => c.phoneE164));
      after = page.at(-1)?.phoneE164;
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect(seen).toEqual([...seen].sort());
    expect(() => temp.store.contacts.search({}, { limit: 1, afterPhone: '+49' })).toThrow(RangeError);
  });

  it('edits and deletes contacts; a contact can be in several lists', () => {
    const first = addPeople(2, 'A');
    const second = temp.store.lists.create('B', T0);
    const { contacts } = temp.store;
    const someone = contacts.getByPhone('+491700000001');
    if (!someone) throw new Error('missing');
    expect(contacts.addToList(someone.id, second.id, T0)).toBe(true);
    expect(contacts.addToList(someone.id, second.id, T0)).toBe(false);
    expect(contacts.listIdsOf(someone.id)).toEqual([first.id, second.id]);
    const edited = contacts.update(someone.id, { fields: { Vorname: 'Jörg' }, tags: ['neu'] }, T0 + 99);
    expect(edited).toMatchObject({ name: 'Person 01', fields: { Vorname: 'Jörg' }, tags: ['neu'], updatedAt: T0 + 99 });
    expect(contacts.update(someone.id, { name: null }, T0 + 100)?.name).toBeNull();
    expect(contacts.delete(someone.id)).toBe(true);
    expect(contacts.get(someone.id)).toBeUndefined();
    expect(temp.store.lists.list().map((l) => [l.name, l.memberCount])).toEqual([
      ['A', 1],
      ['B', 0],
    ]);
  });
});

describe('suppression list', () => {
  it('flags the contact and skips its queued messages when the number opts out, and undoes the flag on removal', () => {
    addPeople(2);
    const { store } = temp;
    const campaign = store.campaigns.create({ name: 'C', template: 'x', listIds: [] }, T0);
    store.queue.enqueueRecipients(campaign.id, [{ contactId: null, recipientE164: '+491700000001', body: 'x', partCount: 1, dueAt: T0 }], T0);
    expect(store.suppressions.add({ phoneE164: '+491700000001', reason: 'STOP', source: 'stop-reply' }, T0)).toEqual({ added: true, skippedMessages: 1 });
    expect(store.suppressions.add({ phoneE164: '+491700000001', reason: 'STOP', source: 'stop-reply' }, T0).added).toBe(false);
    expect(store.contacts.getByPhone('+491700000001')?.optedOut).toBe(true);
    expect(store.contacts.count({ optedOut: true })).toBe(1);
    expect(store.suppressions.isSuppressed('+491700000001')).toBe(true);
    expect(store.suppressions.remove('+491700000001')).toBe(true);
    expect(store.suppressions.isSuppressed('+491700000001')).toBe(false);
    expect(store.contacts.getByPhone('+491700000001')?.optedOut).toBe(false);
  });

  it('a STOP reply is stored and puts the sender on the list in one step', () => {
    addPeople(1);
    const { store } = temp;
    const { contactId } = store.inbound.record(
      { simId: null, senderE164: '+491700000000', senderRaw: null, body: 'STOP', sentAt: T0, receivedAt: T0, keyword: 'stop' },
      { optOut: { reason: 'replied STOP', source: 'stop-reply' } },
    );
    expect(contactId).toBe(store.contacts.getByPhone('+491700000000')?.id);
    expect(store.suppressions.isSuppressed('+491700000000')).toBe(true);
    expect(store.inbound.listForContact(contactId ?? 0, { limit: 10 }).map((m) => m.body)).toEqual(['STOP']);
  });
});

describe('erasure', () => {
  const NUMBER = '+4917098765432';
  const MARKERS = [NUMBER, '17098765432', 'Zacharias', 'Quxstraße 17', 'Geheimtext-4711'];

  function seedPerson() {
    const { store } = temp;
    const list = store.lists.ensure('Kunden', T0);
    const person = store.contacts.create({ phoneE164: NUMBER, name: 'Zacharias', fields: { Adresse: 'Quxstraße 17' } }, T0);
    if (!person) throw new Error('duplicate');
    store.contacts.addToList(person.id, list.id, T0);
    // Some unrelated people, so the pages are shared with other data.
    for (let i = 0; i < 200; i++) store.contacts.create({ phoneE164: `+4915100000${String(i).padStart(3, '0')}`, name: `Other ${i}` }, T0);
    const campaign = store.campaigns.create({ name: 'C', template: 'x', listIds: [list.id] }, T0);
    store.queue.enqueueRecipients(campaign.id, [{ contactId: person.id, recipientE164: NUMBER, body: 'Hallo Zacharias, Geheimtext-4711', partCount: 1, dueAt: T0 }], T0);
    store.campaigns.setState(campaign.id, 'running', { now: T0 });
    const sim = store.sims.recordSeen({ iccid: '8949000000000000001' }, T0);
    const claimed = store.queue.claimNext({ simId: sim.id, now: T0 });
    if (!claimed) throw new Error('not claimed');
    store.queue.recordHandover(claimed.id, [{ partNumber: 1, reference: 9 }], T0);
    store.inbound.record({ simId: sim.id, senderE164: NUMBER, senderRaw: NUMBER, body: 'Danke, Zacharias hier', sentAt: T0, receivedAt: T0, keyword: null });
    return { campaign };
  }

  function rawBytes(): string {
    const files = [temp.dbPath, `${temp.dbPath}-wal`];
    return files.map((f) => {
      try {
        return readFileSync(f).toString('latin1') + readFileSync(f).toString('utf8');
      } catch {
        return '';
      }
    }).join('');
  }

  it('leaves no trace of the number or the person in the database file, only a hash on the suppression list', () => {
    const { campaign } = seedPerson();
    temp.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    for (const marker of MARKERS) expect(rawBytes()).toContain(marker);

    const result = temp.store.erasure.erasePerson(NUMBER, { reason: 'Art. 17 request', now: T0 + 1 });
    expect(result).toMatchObject({ contactsDeleted: 1, messagesScrubbed: 1, inboundScrubbed: 1, walTruncated: true });
    temp.database.sqlite.exec('VACUUM');
    temp.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    for (const marker of MARKERS) expect(rawBytes()).not.toContain(marker);

    // Still blocked, still counted.
    expect(temp.store.suppressions.isSuppressed(NUMBER)).toBe(true);
    expect(temp.store.suppressions.stats()).toEqual({ total: 1, hashOnly: 1 });
    expect(temp.store.queue.countByState(campaign.id).sent).toBe(1);
    // A later re-add of the same number is flagged at once.
    expect(temp.store.contacts.create({ phoneE164: NUMBER }, T0 + 2)?.optedOut).toBe(true);
  });

  it('zeroes the erased rows even without a VACUUM', () => {
    seedPerson();
    temp.store.erasure.erasePerson(NUMBER, { reason: 'Art. 17 request', now: T0 + 1 });
    for (const marker of MARKERS) expect(rawBytes()).not.toContain(marker);
  });
});
