import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startBackgroundCheckpoints, type BackgroundCheckpoints } from '../background-checkpoints';
import type { FanoutDatabase } from '../open-database';
import { createPhoneHasher } from '../phone-hash';
import { createStore } from '../store';
import { openTempStore, TEST_HASH_SECRET, type TempStore } from '../testing';
import { toStagedContacts, type StagedContact, type StagedContacts } from '../staged-contacts';
import { ImportInProgressError, StagingLostError } from './contact-import';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
/** The merge fields of the rows below. */
const FIELD_NAMES = ['Stadt', 'Nr'];

let temp: TempStore;
beforeEach(() => {
  temp = openTempStore('fanout-contact-import-');
});
afterEach(() => temp.cleanup());

function rows(count: number, first = 10_000_000, extra: Partial<StagedContact> = {}): StagedContacts {
  return toStagedContacts(
    Array.from({ length: count }, (_, i) => ({
      rowNumber: i + 2,
      phoneE164: `+49151${String(first + i)}`,
      name: `Name ${i}`,
      fields: ['Köln', String(i)],
      ...extra,
    })),
  );
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
    const session = temp.store.contactImport.begin({ target: { listName: 'Kunden' }, fileName: 'kunden.csv', fieldNames: FIELD_NAMES, now: T0, consent });
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

    const session = temp.store.contactImport.begin({ target: { listId: kunden.id }, fileName: 'k.csv', fieldNames: FIELD_NAMES, now: T0 });
    const batch = session?.stageBatch(rows(3));
    expect(batch).toEqual({ staged: 2, optedOut: 0, rejected: [{ index: 2, reason: 'already-in-list', fieldsJson: '["Köln","2"]' }] });
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

    const session = temp.store.contactImport.begin({ target: { listName: 'Neu' }, fileName: 'neu.csv', fieldNames: FIELD_NAMES, now: T0, consent });
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
    const session = temp.store.contactImport.begin({ target: { listName: 'Kurz' }, fileName: 'k.csv', fieldNames: FIELD_NAMES, now: T0 });
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

  it('refuses the next batch once the list is deleted (batches skip the row-by-row foreign key checks), leaving no member of a missing list', () => {
    const session = temp.store.contactImport.begin({ target: { listName: 'Kurz' }, fileName: 'k.csv', fieldNames: FIELD_NAMES, now: T0 });
    if (!session) throw new Error('no session');
    session.stageBatch(rows(10));
    temp.store.lists.delete(temp.store.lists.getByName('Kurz')?.id ?? 0);
    expect(() => session.stageBatch(rows(10, 20_000_000))).toThrow(expect.objectContaining({ name: 'StagingLostError', lost: 'list-deleted' }));
    expect(temp.database.sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(temp.database.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    session.discard();
    expect(rawCounts()).toMatchObject({ contacts: 0, members: 0, lists: 0, imports: 0 });
  });

  it('a discard after the commit (a clean-up by mistake) deletes nothing', () => {
    const session = temp.store.contactImport.begin({ target: { listName: 'Fertig' }, fileName: 'f.csv', fieldNames: FIELD_NAMES, now: T0 });
    session?.stageBatch(rows(7));
    session?.commit({}, T0);
    session?.discard();
    expect(rawCounts()).toMatchObject({ contacts: 7, members: 7, lists: 1, imports: 1 });
    expect(temp.store.contacts.count({})).toBe(7);
  });

  it('an import into an existing list leaves the list when it is discarded', () => {
    const kunden = temp.store.lists.create('Kunden', T0);
    const session = temp.store.contactImport.begin({ target: { listId: kunden.id }, fileName: 'k.csv', fieldNames: FIELD_NAMES, now: T0 });
    session?.stageBatch(rows(5));
    session?.discard();
    expect(rawCounts()).toMatchObject({ contacts: 0, members: 0, lists: 1, imports: 0 });
  });

  it('takes one import at a time: another one, from this process or a live other one, is refused until the first ends', () => {
    const first = temp.store.contactImport.begin({ target: { listName: 'Erste' }, fileName: 'a.csv', fieldNames: FIELD_NAMES, now: T0 });
    first?.stageBatch(rows(5));
    const refusal = (() => {
      try {
        temp.openAnother().contactImport.begin({ target: { listName: 'Zweite' }, fileName: 'b.csv', fieldNames: FIELD_NAMES, now: T0 + 1000 });
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refusal).toBeInstanceOf(ImportInProgressError);
    expect(refusal).toMatchObject({ listName: 'Erste', startedAt: T0 });
    // The refused one left nothing: no list, no import row.
    expect(rawCounts()).toMatchObject({ lists: 1, imports: 1 });
    first?.commit({}, T0);
    const second = temp.store.contactImport.begin({ target: { listName: 'Zweite' }, fileName: 'b.csv', fieldNames: FIELD_NAMES, now: T0 + 2000 });
    expect(second?.stageBatch(rows(5, 20_000_000))).toMatchObject({ staged: 5 });
    second?.discard();
    // An import whose process died does not hold the next one up.
    temp.database.sqlite.prepare("INSERT INTO contact_imports (list_id, list_name, file_name, state, started_at, created_list, owner_pid) VALUES (NULL, 'Tot', 'x.csv', 'staging', ?, 0, 2147483646)").run(T0);
    expect(temp.store.contactImport.begin({ target: { listName: 'Dritte' }, fileName: 'c.csv', fieldNames: FIELD_NAMES, now: T0 + 3000 })).toBeDefined();
  });

  it('a discarded import keeps the list it created when someone put a contact in it meanwhile', () => {
    const session = temp.store.contactImport.begin({ target: { listName: 'April' }, fileName: 'april.csv', fieldNames: FIELD_NAMES, now: T0 });
    session?.stageBatch(rows(5));
    const april = temp.store.lists.getByName('April');
    const byHand = temp.store.contacts.create({ phoneE164: '+4915199999999', name: 'Von Hand' }, T0);
    if (!april || !byHand) throw new Error('seed');
    temp.store.contacts.addToList(byHand.id, april.id, T0);
    session?.discard();
    expect(temp.store.lists.list()).toMatchObject([{ name: 'April', memberCount: 1 }]);
    expect(rawCounts()).toMatchObject({ contacts: 1, members: 1, imports: 0 });
  });

  it('flags rows of numbers that opted out or were erased while the import ran', () => {
    const session = temp.store.contactImport.begin({ target: { listName: 'Lauf' }, fileName: 'l.csv', fieldNames: FIELD_NAMES, now: T0 });
    if (!session) throw new Error('no session');
    expect(session.stageBatch(rows(3, 10_000_000))).toMatchObject({ staged: 3, optedOut: 0 });
    // Between two batches: a STOP for a number of the next batch.
    temp.store.suppressions.add({ phoneE164: '+4915120000001', reason: 'STOP', source: 'stop-reply' }, T0);
    expect(session.stageBatch(rows(3, 20_000_000))).toMatchObject({ staged: 3, optedOut: 1 });
    // And an erasure (the opt-out list then holds a hash only) for a number of the batch after.
    const erased = temp.store.contacts.create({ phoneE164: '+4915130000002' }, T0);
    if (!erased) throw new Error('seed');
    temp.store.erasure.erasePerson('+4915130000002', { reason: 'Art. 17', now: T0 });
    expect(session.stageBatch(rows(3, 30_000_000))).toMatchObject({ staged: 3, optedOut: 1 });
    session.commit({}, T0);
    expect(temp.store.contacts.getByPhone('+4915120000001')?.optedOut).toBe(true);
    expect(temp.store.contacts.getByPhone('+4915130000002')?.optedOut).toBe(true);
    expect(temp.store.contacts.getByPhone('+4915130000001')?.optedOut).toBe(false);
  });

  describe('checkpoints on a worker thread', () => {
    /** The temp store's database, with its background checkpoints started by `start` and recorded in `events`. */
    function storeRecordingCheckpoints(events: string[], start: FanoutDatabase['startBackgroundCheckpoints'] = temp.database.startBackgroundCheckpoints) {
      const database: FanoutDatabase = {
        ...temp.database,
        startBackgroundCheckpoints(onFailure) {
          events.push('start');
          const checkpoints = start(onFailure);
          return (
            checkpoints && {
              stop: (): Promise<void> => {
                events.push('stop');
                return checkpoints.stop();
              },
            }
          );
        },
      };
      return createStore(database, { phoneHasher: createPhoneHasher(TEST_HASH_SECRET) });
    }
    const autocheckpoint = () => temp.database.sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;

    it('start once an import has written 20,000 rows, raise the writer\'s own threshold to a safety net meanwhile, and end with the import', async () => {
      const events: string[] = [];
      const store = storeRecordingCheckpoints(events);
      const before = autocheckpoint();
      const session = store.contactImport.begin({ target: { listName: 'Groß' }, fileName: 'gross.csv', fieldNames: FIELD_NAMES, now: T0 });
      for (let batch = 0; batch < 3; batch++) session?.stageBatch(rows(5000, 10_000_000 + batch * 5000));
      // A small file never starts a thread; the writer checkpoints every 16 MB of log itself.
      expect(events).toEqual([]);
      expect(autocheckpoint()).toBe(4096);
      session?.stageBatch(rows(5000, 10_015_000));
      expect(events).toEqual(['start']);
      expect(autocheckpoint()).toBe(16_384);
      session?.stageBatch(rows(5000, 10_020_000));
      expect(events).toEqual(['start']);
      expect(session?.commit({}, T0)).toMatchObject({ addedToList: 25_000 });
      expect(events).toEqual(['start', 'stop']);
      expect(autocheckpoint()).toBe(before);
      // The worker copies the rest of the log before it ends: a checkpoint here has no page left that would grow the file.
      await session?.checkpointed();
      const copiedByWorker = statSync(temp.dbPath).size;
      temp.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      expect(statSync(temp.dbPath).size).toBe(copiedByWorker);
    });

    it('hand checkpoints back to the writer (every 16 MB of log) when the worker fails', async () => {
      const failures: string[] = [];
      let checkpoints: BackgroundCheckpoints | undefined;
      // A worker that cannot open the database: the wrong key for this (plain) file.
      const failing: FanoutDatabase['startBackgroundCheckpoints'] = (onFailure) => {
        checkpoints = startBackgroundCheckpoints(temp.dbPath, Buffer.alloc(32, 9), (message) => {
          failures.push(message);
          onFailure(message);
        });
        return checkpoints;
      };
      const store = storeRecordingCheckpoints([], failing);
      const session = store.contactImport.begin({ target: { listName: 'Groß' }, fileName: 'gross.csv', fieldNames: FIELD_NAMES, now: T0 });
      session?.stageBatch(rows(20_000));
      expect(autocheckpoint()).toBe(16_384);
      const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      try {
        const deadline = Date.now() + 5000;
        while (failures.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
        expect(failures).toHaveLength(1);
        expect(logged).toHaveBeenCalledWith(expect.stringMatching(/checkpoints on a worker thread stopped .*the import checkpoints as it writes/));
      } finally {
        logged.mockRestore();
      }
      expect(autocheckpoint()).toBe(4096);
      expect(session?.stageBatch(rows(5, 20_000_000))).toMatchObject({ staged: 5 });
      session?.commit({}, T0);
      await checkpoints?.stop();
    });
  });
});
