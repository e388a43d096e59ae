import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../store';
import { unlockKeyFile } from '../../store/encryption';

// `fanout audit …` in a child process, as a user runs it, against a real (encrypted) database.
const root = fileURLToPath(new URL('../../..', import.meta.url));
const cli = path.join(root, 'src-main/cli/main.ts');
const fixture = path.join(root, 'test-fixtures/csv/utf8-bom-comma.csv');
const run = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, FANOUT_PASSPHRASE: '' } });

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'fanout-cli-audit-'));
  db = path.join(dir, 'fanout.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Straight through the driver with the database's own key, behind Fanout's back. */
function tamper(sql: string): void {
  const { secrets } = unlockKeyFile(path.join(dir, 'fanout.key'), { passphrase: () => undefined });
  const database = openDatabase({ path: db, key: secrets.databaseKey });
  try {
    database.sqlite.exec(sql);
  } finally {
    database.close();
  }
}

describe('fanout audit', () => {
  it('records a CLI import as the local administrator, verifies with exit 0, and exits 1 naming the entry once a row is changed', () => {
    const imported = run(['import', fixture, '--db', db, '--list', 'Kunden', '--json']);
    expect(imported.status, imported.stderr).toBe(0);
    run(['import', fixture, '--db', db, '--list', 'Zweite', '--json']);

    const listed = run(['audit', 'list', '--db', db, '--json', '--limit', '1']);
    expect(listed.status).toBe(0);
    const { entries } = JSON.parse(listed.stdout) as { entries: Record<string, unknown>[] };
    expect(entries).toEqual([expect.objectContaining({ seq: 2, actor: 'CLI (local administrator)', action: 'contacts.import', details: expect.objectContaining({ file: 'utf8-bom-comma.csv', added: 4 }) })]);
    expect(run(['audit', 'list', '--db', db]).stdout).toContain('contacts.import  list');

    const intact = run(['audit', 'verify', '--db', db]);
    expect(intact.status).toBe(0);
    expect(intact.stdout).toContain('The audit log is intact: 2 entries checked');

    tamper(`DROP TRIGGER audit_log_no_update; UPDATE audit_log SET details_json = '{"added":0}' WHERE seq = 1;`);
    const broken = run(['audit', 'verify', '--db', db]);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain('The audit log is NOT intact: 1 problem in 2 entries.');
    expect(broken.stdout).toContain('Entry 1 was changed after Fanout wrote it');
    const json = run(['audit', 'verify', '--db', db, '--json']);
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, checked: 2, problems: [{ seq: 1, kind: 'changed' }] });
  }, 120_000);

  it('exits 1 when the last entries were deleted', () => {
    run(['import', fixture, '--db', db, '--list', 'Kunden']);
    run(['import', fixture, '--db', db, '--list', 'Zweite']);
    tamper('DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 2;');
    const result = run(['audit', 'verify', '--db', db]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('Entry 2 is missing');
  }, 120_000);

  it('does not create a database to verify', () => {
    const result = run(['audit', 'verify', '--db', db]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`There is no database at ${db}`);
    expect(existsSync(db)).toBe(false);
  }, 60_000);
});
