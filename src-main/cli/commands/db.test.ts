import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPhoneHasher, createStore, openDatabase } from '../../store';
import { unlockKeyFile } from '../../store/encryption';

// `fanout db …` in a child process, as a user runs it, against real files.
const root = fileURLToPath(new URL('../../..', import.meta.url));
const cli = path.join(root, 'src-main/cli/main.ts');
const fixture = path.join(root, 'test-fixtures/csv/utf8-bom-comma.csv');
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, FANOUT_PASSPHRASE: '', FANOUT_NEW_PASSPHRASE: '', ...env } });

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'fanout-cli-db-'));
  db = path.join(dir, 'fanout.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function importFixture(env: Record<string, string> = {}): void {
  const imported = run(['import', fixture, '--db', db, '--list', 'Kunden', '--json'], env);
  expect(imported.stderr).toBe('');
  expect(JSON.parse(imported.stdout.trim().split('\n').at(-1) ?? '')).toMatchObject({ imported: 4 });
}

/** The contacts' names, read through the store with the key the key file holds. */
function namesIn(file: string, keyFile: string, passphrase?: string): string[] {
  const { secrets } = unlockKeyFile(keyFile, { passphrase: () => passphrase });
  const database = openDatabase({ path: file, key: secrets.databaseKey });
  try {
    const store = createStore(database, { phoneHasher: createPhoneHasher(secrets.phoneHashSecret) });
    return store.contacts.search({}, { limit: 100 }).map((contact) => contact.name ?? '').sort();
  } finally {
    database.close();
  }
}

describe('fanout db', () => {
  it('info tells how the database is encrypted and where the key is, as text and JSON', () => {
    importFixture();
    const text = run(['db', 'info', '--db', db]);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('Encrypted:   yes, ChaCha20-Poly1305');
    expect(text.stdout).toContain(`Key file:    ${path.join(dir, 'fanout.key')}`);
    const json = run(['db', 'info', '--db', db, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ state: 'encrypted', cipher: 'chacha20', keyStorage: 'file', keyFilePresent: true, keyFilePrivate: true, backend: null });
    expect(statSync(path.join(dir, 'fanout.key')).mode & 0o777).toBe(0o600);
  }, 120_000);

  it('backup writes an encrypted copy that opens with the same key and holds no name in its bytes', () => {
    importFixture();
    const keyFile = path.join(dir, 'fanout.key');
    const names = namesIn(db, keyFile);
    expect(names.length).toBe(4);
    const backup = path.join(dir, 'sicherung.db');
    const result = run(['db', 'backup', backup, '--db', db]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`It opens with the key in ${keyFile}`);

    const bytes = readFileSync(backup);
    for (const name of names.filter((n) => n.length >= 4)) expect(bytes.includes(Buffer.from(name, 'utf8')), name).toBe(false);
    expect(namesIn(backup, keyFile)).toEqual(names);
    // The search can fail: the same names are in a plain copy of the same data.
    const plain = path.join(dir, 'plain.db');
    const source = openDatabase({ path: backup, key: unlockKeyFile(keyFile, {}).secrets.databaseKey });
    source.sqlite.prepare("ATTACH DATABASE ? AS plain KEY ''").run(plain);
    source.sqlite.exec('CREATE TABLE plain.names AS SELECT name FROM main.contacts');
    source.close();
    expect(names.some((name) => readFileSync(plain).includes(Buffer.from(name, 'utf8')))).toBe(true);

    const again = run(['db', 'backup', backup, '--db', db]);
    expect(again.status).not.toBe(0);
    expect(again.stderr).toContain('already exists');
  }, 120_000);

  it('rekey keeps the data, and the old key file no longer opens the database; --passphrase switches to a passphrase and --no-passphrase back', () => {
    importFixture();
    const keyFile = path.join(dir, 'fanout.key');
    const names = namesIn(db, keyFile);
    const oldKeyFile = path.join(dir, 'old.key');
    copyFileSync(keyFile, oldKeyFile);

    const rekeyed = run(['db', 'rekey', '--db', db]);
    expect(rekeyed.stderr).toBe('');
    expect(rekeyed.status).toBe(0);
    expect(namesIn(db, keyFile)).toEqual(names);
    expect(() => namesIn(db, oldKeyFile)).toThrow(/key is wrong/);

    const toPassphrase = run(['db', 'rekey', '--db', db, '--passphrase'], { FANOUT_NEW_PASSPHRASE: 'Sieben Zwerge hinter den Bergen' });
    expect(toPassphrase.status).toBe(0);
    expect(JSON.parse(run(['db', 'info', '--db', db, '--json']).stdout)).toMatchObject({ keyStorage: 'passphrase' });
    const locked = run(['db', 'backup', path.join(dir, 'x.db'), '--db', db]);
    expect(locked.status).not.toBe(0);
    expect(locked.stderr).toMatch(/^Error: The key of this database .* is protected by a passphrase/);
    const wrong = run(['import', fixture, '--db', db, '--list', 'X'], { FANOUT_PASSPHRASE: 'Sieben Zwerge vor den Bergen' });
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr).toMatch(/^Error: The passphrase does not unlock/);
    expect(wrong.stderr).not.toContain('    at ');
    expect(namesIn(db, keyFile, 'Sieben Zwerge hinter den Bergen')).toEqual(names);

    const back = run(['db', 'rekey', '--db', db, '--no-passphrase'], { FANOUT_PASSPHRASE: 'Sieben Zwerge hinter den Bergen' });
    expect(back.status).toBe(0);
    expect(namesIn(db, keyFile)).toEqual(names);
    const { secrets } = unlockKeyFile(keyFile, {});
    const database = openDatabase({ path: db, key: secrets.databaseKey });
    try {
      const audit = createStore(database, { phoneHasher: createPhoneHasher(secrets.phoneHashSecret) }).audit;
      const entries = audit.list({ action: 'db.rekey', limit: 10 }).entries;
      expect(entries.map((entry) => [entry.actor, entry.details])).toEqual([
        ['CLI (local administrator)', { keyStorage: 'file' }],
        ['CLI (local administrator)', { keyStorage: 'passphrase' }],
        ['CLI (local administrator)', { keyStorage: 'file' }],
      ]);
      expect(audit.verify().ok).toBe(true);
    } finally {
      database.close();
    }
  }, 180_000);

  it('a missing key file gives one clear error at open, not a crash later', () => {
    importFixture();
    rmSync(path.join(dir, 'fanout.key'));
    const result = run(['import', fixture, '--db', db, '--list', 'X']);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/^Error: The database .* is encrypted, and its key file .*fanout\.key is missing\. Put the key file back from your backup/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  }, 120_000);
});
