import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toStagedContacts } from '../store';
import { openTempStore, type TempStore } from '../store/testing';
import { importContacts, type ImportContactsOptions, type ImportProgress } from './import-contacts';
import { ContactImportError } from './import-error';

const fixture = (name: string) => fileURLToPath(new URL(`../../test-fixtures/csv/${name}`, import.meta.url));
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

let temp: TempStore;
beforeEach(() => {
  temp = openTempStore('fanout-import-');
});
afterEach(() => temp.cleanup());

function run(file: string, options: Partial<ImportContactsOptions> = {}) {
  return importContacts({
    store: temp.store,
    path: file,
    list: { listName: 'Kunden' },
    defaultCountry: 'DE',
    rejectedCsvPath: path.join(temp.dir, `rejected-${path.basename(file)}.csv`),
    now: () => T0,
    ...options,
  });
}

function readRejected(file: string | undefined): string[][] {
  if (!file) return [];
  const text = readFileSync(file, 'utf8');
  expect(text.startsWith('\ufeff')).toBe(true);
  return Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
}

/** Everything an import could change, to compare before and after a failed one. */
function snapshot() {
  const { sqlite } = temp.database;
  const count = (table: string) => (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    contacts: count('contacts'),
    lists: count('contact_lists'),
    members: count('list_members'),
    imports: count('contact_imports'),
    staging: count('import_staging_batches'),
    suppressions: count('suppressions'),
  };
}

describe('importContacts', () => {
  it('imports a UTF-8 file, counts duplicates and invalid numbers, and writes the rejected rows', async () => {
    const result = await run(fixture('utf8-bom-comma.csv'));
    expect(result).toMatchObject({ imported: 4, newContacts: 4, duplicates: 1, invalid: 1, optedOut: 0, rows: 6, encoding: 'utf-8', delimiter: ',', hasHeader: true, phoneColumn: 'Phone' });
    expect(readRejected(result.rejectedCsvPath)).toEqual([
      ['Row', 'Reason', 'Name', 'Phone', 'City', 'Note'],
      ['5', 'duplicate: same number as row 2', 'Anna Again', '+4915123456701', 'Berlin', 'duplicate of row 2'],
      ['6', 'not a phone number', 'Nobody', 'n/a', 'Hamburg', ''],
    ]);
    const { contacts, lists } = temp.store;
    const list = lists.getByName('Kunden');
    expect(list?.id).toBe(result.listId);
    expect(contacts.search({ listId: result.listId }, { limit: 10, orderBy: 'phone' }).map((c) => c.phoneE164)).toEqual(['+4915123456701', '+4915123456702', '+4915123456703', '+8613800138000']);
    expect(contacts.getByPhone('+8613800138000')).toMatchObject({ name: '李伟', fields: { Name: '李伟', City: '北京', Note: 'VIP' } });
    expect(contacts.getByPhone('+4915123456702')?.fields.Note).toBe('likes "quotes"');
  });

  it('keeps the umlauts of a Windows-1252 file from German Excel', async () => {
    const result = await run(fixture('excel-de-windows1252.csv'));
    expect(result).toMatchObject({ imported: 4, invalid: 0, encoding: 'windows-1252', delimiter: ';', phoneColumn: 'Handy' });
    expect(temp.store.contacts.getByPhone('+491701234567')).toMatchObject({ name: 'Jörg Müller', fields: { Vorname: 'Jörg', Nachname: 'Müller', Straße: 'Hauptstraße 1', Ort: 'Köln' } });
    expect(temp.store.contacts.getByPhone('+491712345678')?.fields.Ort).toBe('Düsseldorf');
    expect(temp.store.contacts.getByPhone('+491734567890')?.name).toBe('Åsa Ærø');
  });

  it('imports UTF-16 (Excel "Unicode text"), a TSV without header and quoted multi-line fields', async () => {
    expect(await run(fixture('excel-unicode-utf16le.txt'))).toMatchObject({ imported: 3, encoding: 'utf-16le', delimiter: '\t' });
    expect(temp.store.contacts.getByPhone('+48512345678')?.fields.Stadt).toBe('Kraków');
    expect(await run(fixture('no-header.tsv'), { list: { listName: 'Ohne Kopf' } })).toMatchObject({ imported: 3, hasHeader: false, rows: 3, phoneColumn: 'Column 1' });
    expect(temp.store.contacts.getByPhone('+4915123456723')?.fields).toEqual({ 'Column 2': 'Lisa', 'Column 3': 'Meier' });
    expect(await run(fixture('quoted-fields.csv'), { list: { listName: 'Zitate' } })).toMatchObject({ imported: 3, invalid: 0 });
    expect(temp.store.contacts.getByPhone('+4915123456731')).toMatchObject({ name: 'Müller; Hans', fields: { Comment: 'first line\nsecond line; with delimiter' } });
  });

  it('rejects rows with the wrong number of fields, with the reason, and imports the rest', async () => {
    const result = await run(fixture('ragged-rows.csv'));
    expect(result).toMatchObject({ imported: 3, invalid: 2, duplicates: 0, rows: 5 });
    expect(readRejected(result.rejectedCsvPath).slice(1)).toEqual([
      ['3', 'wrong number of fields: 2 instead of 3', '+49 151 23456742', 'Bernd'],
      ['4', 'wrong number of fields: 5 instead of 3', '+49 151 23456743', 'Clara', 'Cremer', 'extra', 'fields'],
    ]);
    // Trailing empty fields are only delimiters Excel wrote.
    expect(temp.store.contacts.getByPhone('+4915123456744')?.fields).toEqual({ Vorname: 'Dora', Nachname: 'Dorn' });
  });

  it('counts numbers already in the list as duplicates, and adds known contacts to another list', async () => {
    await run(fixture('utf8-bom-comma.csv'));
    const again = await run(fixture('utf8-bom-comma.csv'));
    expect(again).toMatchObject({ imported: 0, newContacts: 0, duplicates: 5, invalid: 1 });
    expect(readRejected(again.rejectedCsvPath).filter((r) => r[1] === 'duplicate: already in the list')).toHaveLength(4);
    const other = await run(fixture('utf8-bom-comma.csv'), { list: { listName: 'Newsletter' } });
    expect(other).toMatchObject({ imported: 4, newContacts: 0, duplicates: 1 });
    expect(temp.store.contacts.count({})).toBe(4);
    expect(temp.store.lists.list().map((l) => [l.name, l.memberCount])).toEqual([
      ['Kunden', 4],
      ['Newsletter', 4],
    ]);
  });

  it('keeps the merge fields of a contact imported again from another file, the newer file winning per field', async () => {
    const first = path.join(temp.dir, 'first.csv');
    writeFileSync(first, 'Vorname;Mobil;Stadt\nAnna;0151 11111111;Bonn\nBen;0151 22222222;Köln\n');
    await run(first);
    expect(temp.store.contacts.getByPhone('+4915111111111')?.fields).toEqual({ Vorname: 'Anna', Stadt: 'Bonn' });
    const second = path.join(temp.dir, 'second.csv');
    writeFileSync(second, 'Mobil;Stadt;__proto__\n0151 11111111;Berlin;x\n0151 33333333;Essen;y\n');
    expect(await run(second, { list: { listName: 'Zweite' } })).toMatchObject({ imported: 2, newContacts: 1 });
    expect(temp.store.contacts.getByPhone('+4915111111111')?.fields).toEqual(JSON.parse('{"Vorname":"Anna","Stadt":"Berlin","__proto__":"x"}'));
    expect(temp.store.contacts.getByPhone('+4915122222222')?.fields).toEqual({ Vorname: 'Ben', Stadt: 'Köln' });
    expect(Object.keys(temp.store.contacts.getByPhone('+4915133333333')?.fields ?? {})).toEqual(['Stadt', '__proto__']);
    // An edit by hand replaces the fields as they are, whichever way they were stored.
    const ben = temp.store.contacts.getByPhone('+4915122222222');
    temp.store.contacts.update(ben?.id ?? 0, { fields: { Vorname: 'Benno' } }, T0);
    expect(temp.store.contacts.getByPhone('+4915122222222')?.fields).toEqual({ Vorname: 'Benno' });
    expect(temp.store.contacts.count({ text: 'essen' })).toBe(1);
  });

  it('imports opted-out numbers flagged, including a number erased earlier (hash only)', async () => {
    temp.store.suppressions.add({ phoneE164: '+4915123456701', reason: 'STOP', source: 'stop-reply' }, T0);
    const result = await run(fixture('utf8-bom-comma.csv'));
    expect(result).toMatchObject({ imported: 4, optedOut: 1 });
    expect(temp.store.contacts.getByPhone('+4915123456701')?.optedOut).toBe(true);
    expect(temp.store.contacts.getByPhone('+4915123456702')?.optedOut).toBe(false);

    temp.store.erasure.erasePerson('+4915123456703', { reason: 'Art. 17', now: T0 });
    const reimport = await run(fixture('utf8-bom-comma.csv'), { list: { listName: 'Wieder' } });
    expect(reimport).toMatchObject({ imported: 4, optedOut: 2 });
    expect(temp.store.contacts.getByPhone('+4915123456703')?.optedOut).toBe(true);
  });

  it('reports progress while reading, up to the whole file', async () => {
    const file = path.join(temp.dir, 'many.csv');
    writeFileSync(file, `phone,n\n${Array.from({ length: 12_000 }, (_, i) => `+49151${String(20_000_000 + i)},${i}`).join('\n')}\n`);
    const progress: ImportProgress[] = [];
    const result = await run(file, { onProgress: (p) => progress.push(p), batchSize: 1000 });
    expect(result).toMatchObject({ imported: 12_000, rows: 12_000 });
    expect(progress.length).toBeGreaterThanOrEqual(12);
    expect(progress.map((p) => p.rowsRead)).toEqual([...progress.map((p) => p.rowsRead)].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({ rowsRead: 12_000, bytesRead: progress.at(-1)?.totalBytes });
  });

  it('streams the rejected rows of a file full of bad numbers, with progress, and imports none', async () => {
    const file = path.join(temp.dir, 'all-bad.csv');
    writeFileSync(file, `phone,n\n${Array.from({ length: 2500 }, (_, i) => `0000${i},${i}`).join('\n')}\n`);
    const progress: ImportProgress[] = [];
    const result = await run(file, { mapping: { phoneColumn: 'phone' }, batchSize: 500, onProgress: (p) => progress.push(p) });
    expect(result).toMatchObject({ imported: 0, invalid: 2500, rows: 2500 });
    expect(progress.length).toBeGreaterThanOrEqual(5);
    const rejected = readRejected(result.rejectedCsvPath);
    expect(rejected).toHaveLength(2501);
    expect(rejected[2500]).toEqual(['2501', 'not a valid phone number for its country', '00002499', '2499']);
  });

  it('starts over as Windows-1252 when invalid UTF-8 appears after the sampled start', async () => {
    const file = path.join(temp.dir, 'late-umlaut.csv');
    const head = Buffer.from(`Telefon;Name\n${Array.from({ length: 4000 }, (_, i) => `+49151${String(30_000_000 + i)};Name ${i}`).join('\n')}\n`);
    expect(head.length).toBeGreaterThan(64 * 1024);
    writeFileSync(file, Buffer.concat([head, Buffer.from('+4915139999999;J\xf6rg\n', 'latin1')]));
    const result = await run(file);
    expect(result).toMatchObject({ imported: 4001, encoding: 'windows-1252' });
    expect(temp.store.contacts.getByPhone('+4915139999999')?.name).toBe('Jörg');
  });

  it('keeps every merge field of a file wider than one SQL function call takes, and a re-import adds to them', async () => {
    // 600 fields: the commit builds each contact's fields in parts of 400 (SQLite's argument limit).
    const titles = Array.from({ length: 600 }, (_, i) => `Feld ${i}`);
    const file = path.join(temp.dir, 'wide.csv');
    writeFileSync(file, `Mobil;${titles.join(';')}\n+4915122220001;${titles.map((_, i) => `v${i}`).join(';')}\n`);
    expect(await run(file)).toMatchObject({ imported: 1 });
    const fields = temp.store.contacts.getByPhone('+4915122220001')?.fields ?? {};
    expect(Object.keys(fields)).toHaveLength(600);
    expect(fields).toMatchObject({ 'Feld 0': 'v0', 'Feld 399': 'v399', 'Feld 400': 'v400', 'Feld 599': 'v599' });
    const again = path.join(temp.dir, 'again.csv');
    writeFileSync(again, 'Mobil;Feld 0;Stadt\n+4915122220001;neu;Köln\n');
    expect(await run(again, { list: { listName: 'Zweite' } })).toMatchObject({ imported: 1, newContacts: 0 });
    expect(temp.store.contacts.getByPhone('+4915122220001')?.fields).toMatchObject({ 'Feld 0': 'neu', 'Feld 599': 'v599', Stadt: 'Köln' });
  });

  it('takes the phone column the user chose, by title', async () => {
    const result = await run(fixture('utf8-bom-comma.csv'), { mapping: { phoneColumn: 'Phone', nameColumns: ['City'] } });
    expect(result.imported).toBe(4);
    expect(temp.store.contacts.getByPhone('+4915123456701')?.name).toBe('Berlin');
    await expect(run(fixture('utf8-bom-comma.csv'), { mapping: { phoneColumn: 'Fax' } })).rejects.toMatchObject({ code: 'unknown-column' });
  });

  describe('imports nothing half-way when the file is broken', () => {
    async function expectNothingImported(file: string, code: string, message: RegExp, options: Partial<ImportContactsOptions> = {}) {
      // Existing data must survive untouched.
      await run(fixture('utf8-bom-comma.csv'), { list: { listName: 'Vorher' } });
      const before = snapshot();
      const rejectedCsvPath = path.join(temp.dir, 'rejected-broken.csv');
      const attempt = run(file, { rejectedCsvPath, ...options });
      await expect(attempt).rejects.toBeInstanceOf(ContactImportError);
      await expect(attempt).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
      expect(snapshot()).toEqual(before);
      expect(temp.store.lists.getByName('Kunden')).toBeUndefined();
      expect(existsSync(rejectedCsvPath)).toBe(false);
    }

    it('an empty file', () => expectNothingImported(fixture('empty.csv'), 'empty-file', /The file is empty/));
    it('binary garbage', () => expectNothingImported(fixture('binary-garbage.csv'), 'binary-file', /binary data/));
    it('an unterminated quote at the end', () => expectNothingImported(fixture('unterminated-quote.csv'), 'unterminated-quote', /never closed.*Nothing was imported/s));

    it('a 10 MB single field, quoted or not', async () => {
      const quoted = path.join(temp.dir, 'huge-quoted.csv');
      writeFileSync(quoted, `phone,name\n+4915123456701,"${'x'.repeat(10 * 1024 * 1024)}"\n`);
      await expectNothingImported(quoted, 'unterminated-quote', /row 2/);
      const bare = path.join(temp.dir, 'huge-bare.csv');
      writeFileSync(bare, `phone,name\n+4915123456701,${'y'.repeat(10 * 1024 * 1024)}\n`);
      await expectNothingImported(bare, 'field-too-long', /Row 2 has a field longer than 100,000 characters/);
    });

    it('a broken end after thousands of good rows were already staged', async () => {
      const file = path.join(temp.dir, 'late-break.csv');
      const good = Array.from({ length: 12_000 }, (_, i) => `+49151${String(40_000_000 + i)},Good ${i}`).join('\n');
      writeFileSync(file, `phone,name\n${good}\n+4915149999999,"open quote\n`);
      await expectNothingImported(file, 'unterminated-quote', /never closed/, { batchSize: 1000 });
    });

    it('binary data after a good start', async () => {
      const file = path.join(temp.dir, 'late-binary.csv');
      const good = Buffer.from(`phone,name\n${Array.from({ length: 5000 }, (_, i) => `+49151${String(50_000_000 + i)},Good ${i}`).join('\n')}\n`);
      writeFileSync(file, Buffer.concat([good, readFileSync(fixture('binary-garbage.csv'))]));
      await expectNothingImported(file, 'binary-file', /binary data/, { batchSize: 1000 });
    });

    it('a file without any phone numbers', async () => {
      const file = path.join(temp.dir, 'no-phones.csv');
      writeFileSync(file, 'Name,City\nAnna,Berlin\nBen,Köln\n');
      await expectNothingImported(file, 'no-phone-column', /No column of this file looks like phone numbers/);
    });
  });

  /** Imports 3,000 numbers from `first` on in batches of 1,000, doing `meanwhile` once after the first batch. */
  function importWhile(fileName: string, first: number, meanwhile: () => void) {
    const file = path.join(temp.dir, fileName);
    writeFileSync(file, `phone\n${Array.from({ length: 3000 }, (_, i) => `+49151${String(first + i)}`).join('\n')}\n`);
    let done = false;
    const onProgress = () => {
      if (done) return;
      done = true;
      meanwhile();
    };
    return { file, attempt: run(file, { batchSize: 1000, onProgress }) };
  }

  it('stops, importing nothing, when a person in the file is erased while it is imported', async () => {
    const { file, attempt } = importWhile('erased-meanwhile.csv', 70_000_000, () => temp.store.erasure.erasePerson('+4915170000000', { reason: 'Art. 17', now: T0 }));
    await expect(attempt).rejects.toMatchObject({ code: 'interrupted', message: expect.stringMatching(/Import the file again/) });
    expect(snapshot()).toMatchObject({ contacts: 0, lists: 0, members: 0, imports: 0, staging: 0, suppressions: 1 });
    // Run again: the erased number is imported flagged, as the opt-out list demands.
    expect(await run(file)).toMatchObject({ imported: 3000, optedOut: 1 });
  });

  it('stops, importing nothing, when its list is deleted while it is imported', async () => {
    const { attempt } = importWhile('list-deleted-meanwhile.csv', 71_000_000, () => temp.store.lists.delete(temp.store.lists.list()[0]?.id ?? 0));
    await expect(attempt).rejects.toMatchObject({ code: 'interrupted', message: expect.stringMatching(/^The list was deleted while this file was being imported/) });
    expect(snapshot()).toMatchObject({ contacts: 0, lists: 0, members: 0, imports: 0, staging: 0 });
  });

  it('drops the staging an import left behind when its process died', async () => {
    const abandoned = temp.store.contactImport.begin({ target: { listName: 'Crashed' }, fileName: 'old.csv', fieldNames: [], now: T0 - 2 * 3600_000 });
    abandoned?.stageBatch(toStagedContacts([{ rowNumber: 2, phoneE164: '+4915180000000', name: null, fields: [] }]));
    // Written once, hidden: no contact or member shows until the import commits.
    expect(snapshot()).toMatchObject({ imports: 1, contacts: 1, members: 1, lists: 1 });
    expect(temp.store.contacts.count({})).toBe(0);
    expect(temp.store.lists.list()).toMatchObject([{ name: 'Crashed', memberCount: 0 }]);
    await run(fixture('utf8-bom-comma.csv'));
    expect(snapshot()).toMatchObject({ imports: 1, staging: 0, contacts: 4 });
    expect(temp.store.lists.getByName('Crashed')).toBeUndefined();
  });

  describe('the order rows reach the database in', () => {
    /** The numbers of each batch the store was given. */
    function recordingStore(batches: string[][]): ImportContactsOptions['store'] {
      return {
        contactImport: {
          ...temp.store.contactImport,
          begin(request) {
            const session = temp.store.contactImport.begin(request);
            if (!session) return session;
            return {
              ...session,
              importId: session.importId,
              stageBatch: (rows) => {
                // SQLite reads the batch, as the store does.
                const json = temp.database.sqlite.prepare<[Uint8Array], { json: string }>('SELECT json(?) AS json').get(rows.rows)?.json ?? '[]';
                batches.push((JSON.parse(json) as [string][]).map(([phone]) => phone));
                return session.stageBatch(rows);
              },
            };
          },
        },
      };
    }
    const isSorted = (numbers: readonly string[]) => numbers.every((number, i) => i === 0 || (numbers[i - 1] as string) < number);
    // Row i gets number i × 101 modulo the row count: every number once, and each a little above
    // the last but for every 99th row, where the numbers start over from the bottom. Nearly every
    // row is in order with the row before it, yet each batch spans all the numbers.
    const STRIDE = 101;
    const position = (i: number, rows: number) => (i * STRIDE) % rows;
    const scatteredCsv = (rows: number) => `Mobil;Name\n${Array.from({ length: rows }, (_, i) => `+49151${String(50_000_000 + position(i, rows))};Name ${position(i, rows)}`).join('\n')}\n`;

    it.each([false, true])('sorts rows that come out of order a window of eight batches at a time (worker thread: %s)', async (readInWorker) => {
      const file = path.join(temp.dir, 'scattered.csv');
      writeFileSync(file, scatteredCsv(20_000));
      const batches: string[][] = [];
      const result = await run(file, { store: recordingStore(batches), batchSize: 1000, readInWorker });
      expect(result).toMatchObject({ imported: 20_000, rows: 20_000 });
      expect(batches.map((batch) => batch.length)).toEqual(Array(20).fill(1000));
      expect(batches.every(isSorted)).toBe(true);
      // Within a window each batch follows the last; the windows themselves follow the file.
      const windows = [batches.slice(0, 8).flat(), batches.slice(8, 16).flat(), batches.slice(16).flat()];
      expect(windows.map(isSorted)).toEqual([true, true, true]);
      expect(isSorted(batches.slice(0, 9).flat())).toBe(false);
      expect(temp.store.contacts.getByPhone('+4915150007919')).toMatchObject({ name: 'Name 7919' });
    });

    it('hands rows that come in order on batch by batch, without holding them, stray rows and all', async () => {
      const file = path.join(temp.dir, 'ascending.csv');
      // Every 50th row was typed in later and belongs elsewhere.
      const number = (i: number) => `+49151${String(i % 50 === 49 ? 40_000_000 + i : 50_000_000 + i)}`;
      writeFileSync(file, `Mobil;Name\n${Array.from({ length: 5000 }, (_, i) => `${number(i)};Name ${i}`).join('\n')}\n`);
      const batches: string[][] = [];
      const read: number[] = [];
      await run(file, { store: recordingStore(batches), batchSize: 1000, onProgress: (progress) => read.push(progress.rowsRead) });
      expect(batches.flat()).toEqual(Array.from({ length: 5000 }, (_, i) => number(i)));
      // Each batch went on as soon as its last row was read.
      expect(read.slice(0, 5)).toEqual([1000, 2000, 3000, 4000, 5000]);
    });

    it('names the right rows in the rejected file when sorted rows are turned down as already in the list', async () => {
      const file = path.join(temp.dir, 'scattered-again.csv');
      writeFileSync(file, scatteredCsv(6000));
      await run(file, { batchSize: 1000 });
      const again = await run(file, { batchSize: 1000, rejectedCsvPath: path.join(temp.dir, 'again-scattered.csv') });
      expect(again).toMatchObject({ imported: 0, duplicates: 6000 });
      const inList = readRejected(again.rejectedCsvPath).slice(1);
      expect(inList).toHaveLength(6000);
      for (const [row, reason, phone, name] of inList) {
        expect(reason).toBe('duplicate: already in the list');
        const index = Number(row) - 2;
        expect(phone).toBe(`+49151${String(50_000_000 + position(index, 6000))}`);
        expect(name).toBe(`Name ${position(index, 6000)}`);
      }
    });
  });

  describe('with parsing on a worker thread (as files of several MB are)', () => {
    it('imports the same as in this thread, with the rejected rows and in-list duplicates', async () => {
      const file = path.join(temp.dir, 'worker.csv');
      const rows = Array.from({ length: 12_000 }, (_, i) => `+49151${String(80_000_000 + i)};Name ${i};Köln`);
      writeFileSync(file, `Mobil;Name;Ort\n${rows.join('\n')}\n0000;Kaputt;Bonn\n+4915180000005;Doppelt;Bonn\n`);
      const first = await run(file, { readInWorker: true, batchSize: 1000, rejectedCsvPath: path.join(temp.dir, 'first.csv') });
      expect(first).toMatchObject({ imported: 12_000, newContacts: 12_000, invalid: 1, duplicates: 1, rows: 12_002 });
      expect(readRejected(first.rejectedCsvPath).slice(1)).toEqual([
        ['12002', 'not a valid phone number for its country', '0000', 'Kaputt', 'Bonn'],
        ['12003', 'duplicate: same number as row 7', '+4915180000005', 'Doppelt', 'Bonn'],
      ]);
      expect(temp.store.contacts.getByPhone('+4915180011999')).toMatchObject({ name: 'Name 11999', fields: { Name: 'Name 11999', Ort: 'Köln' } });
      const again = await run(file, { readInWorker: true, batchSize: 1000, rejectedCsvPath: path.join(temp.dir, 'again.csv') });
      expect(again).toMatchObject({ imported: 0, duplicates: 12_001 });
      const inList = readRejected(again.rejectedCsvPath).filter((r) => r[1] === 'duplicate: already in the list');
      expect(inList).toHaveLength(12_000);
      expect(inList[11_999]).toEqual(['12001', 'duplicate: already in the list', '+4915180011999', 'Name 11999', 'Köln']);
    });

    it('imports nothing when the file breaks after batches were written', async () => {
      await run(fixture('utf8-bom-comma.csv'), { list: { listName: 'Vorher' } });
      const before = snapshot();
      const file = path.join(temp.dir, 'late-break-worker.csv');
      const good = Array.from({ length: 12_000 }, (_, i) => `+49151${String(40_000_000 + i)},Good ${i}`).join('\n');
      writeFileSync(file, `phone,name\n${good}\n+4915149999999,"open quote\n`);
      const rejectedCsvPath = path.join(temp.dir, 'rejected-worker.csv');
      await expect(run(file, { readInWorker: true, batchSize: 1000, rejectedCsvPath })).rejects.toMatchObject({ code: 'unterminated-quote' });
      expect(snapshot()).toEqual(before);
      expect(existsSync(rejectedCsvPath)).toBe(false);
    });

    it('starts over as Windows-1252 when invalid UTF-8 appears late', async () => {
      const file = path.join(temp.dir, 'late-umlaut-worker.csv');
      const head = Buffer.from(`Telefon;Name\n${Array.from({ length: 4000 }, (_, i) => `+49151${String(30_000_000 + i)};Name ${i}`).join('\n')}\n`);
      writeFileSync(file, Buffer.concat([head, Buffer.from('+4915139999999;J\xf6rg\n', 'latin1')]));
      expect(await run(file, { readInWorker: true, batchSize: 1000 })).toMatchObject({ imported: 4001, encoding: 'windows-1252' });
      expect(temp.store.contacts.getByPhone('+4915139999999')?.name).toBe('Jörg');
      expect(temp.store.contacts.count({})).toBe(4001);
    });

    it('stops when cancelled between batches, leaving nothing', async () => {
      const file = path.join(temp.dir, 'cancel-worker.csv');
      writeFileSync(file, `phone\n${Array.from({ length: 6000 }, (_, i) => `+49151${String(60_000_000 + i)}`).join('\n')}\n`);
      const controller = new AbortController();
      const attempt = run(file, { readInWorker: true, batchSize: 1000, signal: controller.signal, onProgress: () => controller.abort() });
      await expect(attempt).rejects.toMatchObject({ code: 'cancelled' });
      expect(snapshot()).toMatchObject({ contacts: 0, lists: 0, members: 0, imports: 0, staging: 0 });
    });
  });

  it('holds the write lock only per batch: another connection writes at once between batches, and sees none of the rows', async () => {
    const file = path.join(temp.dir, 'beside-the-engine.csv');
    writeFileSync(file, `phone\n${Array.from({ length: 5000 }, (_, i) => `+49151${String(65_000_000 + i)}`).join('\n')}\n`);
    const other = temp.openAnother();
    // Not a moment's wait: a lock held across batches would fail this write at once (SQLITE_BUSY).
    other.database.sqlite.pragma('busy_timeout = 0');
    const seen: number[] = [];
    const result = await run(file, {
      batchSize: 1000,
      onProgress: ({ rowsRead }) => {
        other.settings.set('engine-heartbeat', rowsRead, T0);
        seen.push(other.contacts.count({}));
      },
    });
    expect(result.imported).toBe(5000);
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(new Set(seen)).toEqual(new Set([0]));
    expect(other.contacts.count({})).toBe(5000);
  });

  it('cleans up after itself when the import is cancelled', async () => {
    const file = path.join(temp.dir, 'cancel.csv');
    writeFileSync(file, `phone\n${Array.from({ length: 3000 }, (_, i) => `+49151${String(60_000_000 + i)}`).join('\n')}\n`);
    const controller = new AbortController();
    controller.abort();
    await expect(run(file, { signal: controller.signal })).rejects.toMatchObject({ code: 'cancelled' });
    expect(snapshot()).toMatchObject({ contacts: 0, lists: 0, imports: 0, staging: 0 });
  });
});
