// After an erasure the number must be gone from the bytes on disk, not only from query results:
// the database file, its write-ahead log and a backup are searched raw, for every notation of the
// number, as text, as UTF-16 and as the semi-octets of an SMS PDU. The database is a plain
// (unkeyed) one here, or the search would prove nothing.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importContacts } from '../../contacts/import-contacts';
import { backupInto } from '../../store/encryption';
import { CLI_ACTOR } from '../../store/repositories/audit';
import { openTempStore, type TempStore } from '../../store/testing';
import { ANNA, BERT, seedPerson } from './__fixtures__/seed-person';
import { erasePerson } from './erase-person';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const NATIONAL_DIGITS = '17012345678';

/** TS 23.040 9.1.2.3: digits in swapped nibbles, F-padded. */
function semiOctets(digits: string): Buffer {
  const padded = digits.length % 2 ? `${digits}F` : digits;
  const bytes = [];
  for (let i = 0; i < padded.length; i += 2) bytes.push(Number.parseInt(`${padded[i + 1]}${padded[i]}`, 16));
  return Buffer.from(bytes);
}

/** Every form the number could take in a file: digits with or without separators, UTF-16, PDU semi-octets (raw and as hex text). */
function findNumber(bytes: Buffer): string[] {
  const found: string[] = [];
  const text = bytes.toString('latin1');
  const separated = new RegExp(NATIONAL_DIGITS.split('').join('[ \\-/().]{0,2}'));
  if (separated.test(text)) found.push('digits');
  for (const encoding of ['utf16le'] as const) if (bytes.includes(Buffer.from(NATIONAL_DIGITS, encoding))) found.push(encoding);
  if (bytes.includes(Buffer.from(NATIONAL_DIGITS, 'utf16le').swap16())) found.push('utf16be');
  for (const digits of ['4917012345678', '017012345678']) {
    const octets = semiOctets(digits);
    if (bytes.includes(octets.subarray(0, octets.length - 1))) found.push(`semi-octets ${digits}`);
    const hex = octets.toString('hex');
    if (text.toLowerCase().includes(hex.slice(0, -2))) found.push(`PDU hex ${digits}`);
  }
  return found;
}

function filesOf(temp: TempStore): string[] {
  return readdirSync(temp.dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.startsWith(path.basename(temp.dbPath)))
    .map((entry) => path.join(temp.dir, entry.name));
}

function numberInFiles(files: readonly string[]): Record<string, string[]> {
  const hits: Record<string, string[]> = {};
  for (const file of files) {
    const found = findNumber(readFileSync(file));
    if (found.length > 0) hits[path.basename(file)] = found;
  }
  return hits;
}

let temp: TempStore;
beforeEach(() => {
  temp = openTempStore('fanout-erase-');
  expect(readFileSync(temp.dbPath).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
  seedPerson(temp.store, ANNA, T0);
  seedPerson(temp.store, BERT, T0);
});
afterEach(() => temp.cleanup());

const erase = (exportsDir?: string) =>
  erasePerson(temp.store, ANNA.e164, { reason: 'Art. 17 request by phone', actor: CLI_ACTOR, now: T0 + 100_000, audit: true, ...(exportsDir ? { exportsDir } : {}) });

describe('erasing a person', () => {
  it('the search finds the number before the erasure (in the file or its WAL)', () => {
    expect(Object.keys(numberInFiles(filesOf(temp))).length).toBeGreaterThan(0);
    expect(findNumber(Buffer.from(`x${'+49 170 1234 5678'}y`))).toContain('digits');
    expect(findNumber(semiOctets('4917012345678'))).toContain('semi-octets 4917012345678');
  });

  it('leaves the number nowhere in the database file or its WAL, when the data had been checkpointed into the file', () => {
    temp.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    expect(numberInFiles([temp.dbPath])).not.toEqual({});
    const result = erase();
    expect(result).toMatchObject({ contactsDeleted: 1, consentsDeleted: 2, listMemberships: 1, messagesScrubbed: 2, inboundScrubbed: 2, autoRepliesDeleted: 1, walTruncated: true });
    expect(numberInFiles(filesOf(temp))).toEqual({});
  });

  it('leaves the number nowhere when the data was still only in the WAL', () => {
    expect(erase().walTruncated).toBe(true);
    expect(numberInFiles(filesOf(temp))).toEqual({});
  });

  it('says so when a reader kept the WAL (with the old pages) from being emptied, and empties it once the reader is done', () => {
    const other = temp.openAnother();
    other.database.sqlite.pragma('busy_timeout = 0');
    temp.database.sqlite.pragma('busy_timeout = 0');
    const reading = other.database.sqlite.prepare('SELECT id FROM contacts').iterate();
    reading.next();
    expect(erase().walTruncated).toBe(false);
    reading.return?.();
    expect(temp.store.erasure.truncateWal()).toBe(true);
    expect(numberInFiles(filesOf(temp))).toEqual({});
  });

  it('leaves the number out of a backup made afterwards', () => {
    erase();
    const backup = path.join(temp.dir, 'backup.db');
    // The backup `fanout db backup` writes (VACUUM INTO; encrypted when the database is), here of a plain one so it can be searched.
    backupInto(temp.database.sqlite, backup);
    expect(readFileSync(backup).length).toBeGreaterThan(0);
    expect(numberInFiles([backup])).toEqual({});
  });

  it('keeps only the keyed hash on the opt-out list, with date and reason, and the other person untouched', () => {
    const hash = temp.store.suppressions.phoneHashOf(ANNA.e164);
    erase();
    expect(temp.store.suppressions.list({ limit: 10 }).find((entry) => entry.phoneHash === hash)).toMatchObject({
      phoneE164: null,
      reason: 'Art. 17 request by phone',
      source: 'erasure',
      createdAt: T0 + 100_000,
    });
    expect(temp.store.personData.counts(ANNA.e164)).toMatchObject({ autoReplies: 0, onOptOutList: true });
    const anna = temp.store.personData.collect(ANNA.e164);
    expect(anna.contact).toBeNull();
    expect(anna.messages.map((message) => [message.state, message.body])).toEqual([
      ['delivered', null],
      ['skipped', null],
    ]);
    expect(anna.replies.map((reply) => reply.body)).toEqual([null, null]);
    // Counts and states of the campaign stay.
    expect(temp.store.queue.countByState()).toMatchObject({ delivered: 2 });
    const bert = temp.store.personData.collect(BERT.e164);
    expect(bert.contact?.name).toBe(BERT.name);
    expect(bert.messages[0]?.body).toContain(BERT.name);
  });

  it('is audited by hash and reason, never the number', () => {
    const result = erase();
    const [entry] = temp.store.audit.list({ action: 'person.erase', limit: 5 }).entries;
    expect(entry).toMatchObject({ actor: CLI_ACTOR.name, action: 'person.erase', details: expect.objectContaining({ phoneHash: result.phoneHash, reason: 'Art. 17 request by phone' }) });
    expect(JSON.stringify(entry)).not.toContain(NATIONAL_DIGITS);
  });

  it('deletes exports waiting for download, which may list the person', () => {
    const exportsDir = path.join(temp.dir, 'exports');
    mkdirSync(exportsDir);
    writeFileSync(path.join(exportsDir, 'campaign-1-1.csv'), `"'${ANNA.e164}"`);
    expect(erase(exportsDir).exportFilesDeleted).toBe(1);
    expect(readdirSync(exportsDir)).toEqual([]);
  });

  it('keeps the number blocked when it is imported again, in any notation', async () => {
    erase();
    const file = path.join(temp.dir, 'wieder.csv');
    writeFileSync(file, `Name;Telefon\n${ANNA.written.map((written, i) => `Anna ${i};${written}`).join('\n')}\nNeu;0151 2222 3333\n`);
    const result = await importContacts({ store: temp.store, path: file, list: { listName: 'Wieder' }, defaultCountry: 'DE', rejectedCsvPath: path.join(temp.dir, 'rejected.csv'), now: () => T0 + 200_000 });
    expect(result).toMatchObject({ imported: 2, optedOut: 1 });
    expect(temp.store.contacts.getByPhone(ANNA.e164)?.optedOut).toBe(true);
    expect(temp.store.suppressions.isSuppressed(ANNA.e164)).toBe(true);

    // A campaign to the list: the engine's claim skips her, it never hands her to a modem.
    const list = temp.store.lists.getByName('Wieder');
    const campaign = temp.store.campaigns.create({ name: 'Nach dem Löschen', template: 'x', listIds: [list?.id ?? 0] }, T0);
    temp.store.queue.enqueueRecipients(campaign.id, [ANNA.e164, '+4915122223333'].map((recipientE164) => ({ contactId: null, recipientE164, body: 'x', partCount: 1, dueAt: T0 })), T0);
    temp.store.campaigns.setState(campaign.id, 'running', { now: T0 });
    const sim = temp.store.sims.list()[0];
    const claimed = [];
    for (let next = temp.store.queue.claimNext({ simId: sim?.id ?? 0, now: T0 + 300_000, campaignIds: [campaign.id] }); next; next = temp.store.queue.claimNext({ simId: sim?.id ?? 0, now: T0 + 300_000, campaignIds: [campaign.id] })) claimed.push(next.recipientE164);
    expect(claimed).toEqual(['+4915122223333']);
    expect(temp.store.queue.countByState(campaign.id)).toMatchObject({ skipped: 1 });
  });
});
