import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseOpenError, defaultMigrationsFolder, openDatabase } from './open-database';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const fresh = () => {
  dir = mkdtempSync(path.join(tmpdir(), 'fanout-open-'));
  return path.join(dir, 'fanout.db');
};

describe('openDatabase', () => {
  it('creates the schema from the migrations and sets the connection up for a crash-safe queue', () => {
    const database = openDatabase({ path: fresh() });
    try {
      const tables = database.sqlite.prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all().map((r) => r.name);
      expect(tables).toEqual(expect.arrayContaining(['contacts', 'contact_lists', 'list_members', 'suppressions', 'campaigns', 'messages', 'message_parts', 'inbound_messages', 'sims', 'settings']));
      expect(database.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(database.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(database.sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(database.sqlite.pragma('secure_delete', { simple: true })).toBe(1);
      expect(database.sqlite.pragma('temp_store', { simple: true })).toBe(2); // MEMORY
      expect(database.sqlite.pragma('journal_size_limit', { simple: true })).toBe(64 * 1024 * 1024);
    } finally {
      database.close();
    }
  });

  it('opens an existing database again without re-running migrations or losing data', () => {
    const file = fresh();
    const first = openDatabase({ path: file });
    first.sqlite.prepare("INSERT INTO settings (key, value_json, updated_at) VALUES ('k', '1', 0)").run();
    first.close();
    const second = openDatabase({ path: file });
    try {
      expect(second.sqlite.prepare('SELECT count(*) AS n FROM settings').get()).toEqual({ n: 1 });
      const journal = JSON.parse(readFileSync(path.join(defaultMigrationsFolder(), 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
      expect(second.sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get()).toEqual({ n: journal.entries.length });
    } finally {
      second.close();
    }
  });

  it('keeps the list members of a database made before list_members lost its rowid (migration 0003), in a table without one', () => {
    const file = fresh();
    // The migrations as they were before 0003.
    const older = path.join(dir, 'migrations-0002');
    cpSync(defaultMigrationsFolder(), older, { recursive: true });
    const journalFile = path.join(older, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
    writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.filter((entry) => entry.tag < '0003') }));
    const before = openDatabase({ path: file, migrationsFolder: older });
    before.sqlite.exec(`INSERT INTO contact_lists (id, name, created_at, updated_at) VALUES (1, 'A', 0, 0), (2, 'B', 0, 0);
      INSERT INTO contacts (id, phone_e164, created_at, updated_at) VALUES (1, '+4915100000001', 0, 0), (2, '+4915100000002', 0, 0);
      INSERT INTO list_members (list_id, contact_id, added_at) VALUES (1, 1, 5), (1, 2, 6), (2, 2, 7);`);
    before.close();

    const after = openDatabase({ path: file });
    try {
      const sql = after.sqlite.prepare<[], { sql: string }>("SELECT sql FROM sqlite_schema WHERE name = 'list_members'").get()?.sql;
      expect(sql).toMatch(/WITHOUT ROWID\s*$/);
      expect(after.sqlite.prepare('SELECT list_id, contact_id, added_at FROM list_members ORDER BY list_id, contact_id').raw().all()).toEqual([[1, 1, 5], [1, 2, 6], [2, 2, 7]]);
      expect(after.sqlite.pragma('foreign_key_check')).toEqual([]);
      after.sqlite.prepare('DELETE FROM contacts WHERE id = 2').run();
      expect(after.sqlite.prepare('SELECT list_id, contact_id FROM list_members').raw().all()).toEqual([[1, 1]]);
      expect(() => after.sqlite.prepare('INSERT INTO list_members (list_id, contact_id, added_at) VALUES (3, 1, 0)').run()).toThrow(/FOREIGN KEY/);
    } finally {
      after.close();
    }
  });

  it('says plainly when the file is not a database', () => {
    const file = fresh();
    writeFileSync(file, Buffer.alloc(8192, 0x41));
    expect(() => openDatabase({ path: file })).toThrow(DatabaseOpenError);
    try {
      openDatabase({ path: file });
    } catch (error) {
      expect((error as DatabaseOpenError).kind).toBe('not-a-database');
      expect((error as Error).message).toMatch(/not a Fanout database/);
    }
  });

  it('refuses to read an encrypted database without its key, and with a wrong key', () => {
    const file = fresh();
    const key = randomBytes(32);
    openDatabase({ path: file, key }).close();
    expect(() => openDatabase({ path: file })).toThrow(/encrypted and needs its key/);
    expect(() => openDatabase({ path: file, key: randomBytes(32) })).toThrow(/key is wrong/);
    const again = openDatabase({ path: file, key });
    expect(again.sqlite.pragma('cipher', { simple: true })).toBe('chacha20');
    again.close();
  });

  it('reports a missing migrations folder instead of creating an empty database', () => {
    const file = fresh();
    expect(() => openDatabase({ path: file, migrationsFolder: path.join(dir, 'nowhere') })).toThrow(/migrations were not found/);
  });

  it('finds the migrations beside the bundle when built into a CommonJS file, as dist/main is', async () => {
    const file = fresh();
    const bundle = path.join(dir, 'main', 'cli.cjs');
    await build({
      entryPoints: [fileURLToPath(new URL('./__fixtures__/open-bundled.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: bundle,
      external: ['better-sqlite3'],
      logLevel: 'silent',
    });
    const node_modules = fileURLToPath(new URL('../../node_modules', import.meta.url));
    const runBundle = () => spawnSync(process.execPath, [bundle, file], { encoding: 'utf8', env: { ...process.env, NODE_PATH: node_modules } });

    const missing = runBundle();
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain(`migrations were not found in ${path.join(dir, 'main', 'migrations')}`);

    cpSync(defaultMigrationsFolder(), path.join(dir, 'main', 'migrations'), { recursive: true });
    const found = runBundle();
    expect(found.stderr).toBe('');
    expect(found.stdout.trim()).toMatch(/^tables \d+$/);
  });
});
