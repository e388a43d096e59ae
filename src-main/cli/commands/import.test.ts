import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `fanout import` in a child process, as a user runs it, from source (the bundle's migrations
// folder is tested in store/open-database.test.ts; cli.test.ts covers the built CLI).
const root = fileURLToPath(new URL('../../..', import.meta.url));
const cli = path.join(root, 'src-main/cli/main.ts');
const fixture = (name: string) => path.join(root, 'test-fixtures/csv', name);
const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'fanout-cli-import-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fanout import', () => {
  it('imports a file and ends stdout with one JSON line of counts', () => {
    const db = path.join(dir, 'json.db');
    const rejected = path.join(dir, 'rejected.csv');
    const result = run('import', fixture('utf8-bom-comma.csv'), '--db', db, '--list', 'Kunden', '--country', 'de', '--rejected', rejected, '--json');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const last = result.stdout.trim().split('\n').at(-1) ?? '';
    expect(JSON.parse(last)).toMatchObject({ ok: true, imported: 4, duplicates: 1, invalid: 1, optedOut: 0, rejectedCsvPath: rejected });

    const again = run('import', fixture('utf8-bom-comma.csv'), '--db', db, '--list', 'Kunden', '--json');
    expect(JSON.parse(again.stdout.trim().split('\n').at(-1) ?? '')).toMatchObject({ imported: 0, duplicates: 5 });
  });

  it('prints a friendly summary without --json', () => {
    const result = run('import', fixture('excel-de-windows1252.csv'), '--db', path.join(dir, 'text.db'), '--list', 'Excel');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Imported 4 contacts into the list "Excel"');
    expect(result.stdout).toContain('column "Handy"');
  });

  it('explains a broken file in plain words and exits non-zero, importing nothing', () => {
    const db = path.join(dir, 'broken.db');
    const result = run('import', fixture('unterminated-quote.csv'), '--db', db, '--list', 'Kaputt', '--json');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/^Error: A quoted field in row 3 is never closed/);
    expect(JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '')).toMatchObject({ ok: false, error: { code: 'unterminated-quote' } });
    const status = run('import', fixture('utf8-bom-comma.csv'), '--db', db, '--list', 'Danach', '--json');
    expect(JSON.parse(status.stdout.trim().split('\n').at(-1) ?? '')).toMatchObject({ imported: 4 });
  });

  it('says what to do when no column holds phone numbers, and refuses an unknown country', () => {
    const result = run('import', fixture('utf8-bom-comma.csv'), '--db', path.join(dir, 'col.db'), '--list', 'X', '--phone-column', 'Fax');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('The file has no column "Fax"');
    const country = run('import', fixture('utf8-bom-comma.csv'), '--db', path.join(dir, 'col.db'), '--list', 'X', '--country', 'XX');
    expect(country.status).not.toBe(0);
    expect(country.stderr).toContain('two-letter country code');
  });
});
