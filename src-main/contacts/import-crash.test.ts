// An import process killed with SIGKILL half-way, on a real database file: its rows were written
// (hidden), and the next start removes them before anyone sees them.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase } from '../store/open-database';
import { createPhoneHasher } from '../store/phone-hash';
import { createContactListsRepository } from '../store/repositories/contact-lists';
import { createContactsRepository } from '../store/repositories/contacts';
import { createStore } from '../store/store';
import { openTempStore, TEST_HASH_SECRET, type TempStore } from '../store/testing';

const WORKER = fileURLToPath(new URL('./__fixtures__/import-then-hang.ts', import.meta.url));

let temp: TempStore;
beforeEach(() => {
  temp = openTempStore('fanout-import-crash-');
});
afterEach(() => temp.cleanup());

function rawCounts(sqlite: ReturnType<typeof openDatabase>['sqlite']) {
  const count = (table: string) => (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { contacts: count('contacts'), members: count('list_members'), lists: count('contact_lists'), imports: count('contact_imports') };
}

/** Runs the import in a child process until it has written some batches, then kills it. */
async function importAndKill(csv: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, temp.dbPath, csv], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('written')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`the import process ended by itself (${code}): ${out} ${err}`)));
  });
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

it('leaves nothing visible after a kill -9 mid-import, and the next start removes its rows and its new list', async () => {
  const { store } = temp;
  const kept = store.lists.create('Vorher', 1);
  const known = store.contacts.create({ phoneE164: '+4915190000001', fields: { Stadt: 'Köln' } }, 1);
  if (!known) throw new Error('seed contact not created');
  store.contacts.addToList(known.id, kept.id, 1);
  const before = rawCounts(temp.database.sqlite);

  const csv = path.join(temp.dir, 'crash.csv');
  // The known number is in the first batch: the dead import must not have changed it.
  const rows = ['+4915190000001;Neu', ...Array.from({ length: 20_000 }, (_, i) => `+49151${String(91_000_000 + i)};Name ${i}`)];
  writeFileSync(csv, `Mobil;Stadt\n${rows.join('\n')}\n`);
  await importAndKill(csv);

  // Looked at before any clean-up (repositories without the store that would clean up): the
  // rows were written, and none of them shows.
  const hasher = createPhoneHasher(TEST_HASH_SECRET);
  expect(rawCounts(temp.database.sqlite).contacts).toBeGreaterThanOrEqual(before.contacts + 2000);
  expect(createContactsRepository(temp.database, hasher).count({})).toBe(1);
  expect(createContactsRepository(temp.database, hasher).getByPhone('+4915191000000')).toBeUndefined();
  expect(createContactListsRepository(temp.database).list().map((l) => [l.name, l.memberCount])).toEqual([
    ['Crashed', 0],
    ['Vorher', 1],
  ]);

  // The next start (a store opened on the file) cleans up: the database is as it was.
  const restarted = openDatabase({ path: temp.dbPath });
  try {
    const store2 = createStore(restarted, { phoneHasher: hasher });
    expect(rawCounts(restarted.sqlite)).toEqual(before);
    expect(store2.contacts.getByPhone('+4915190000001')?.fields).toEqual({ Stadt: 'Köln' });
    expect(store2.lists.getByName('Crashed')).toBeUndefined();
  } finally {
    restarted.close();
  }
}, 30_000);
