import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppStore } from '../../service/open-app-store';

// `fanout import` with a consent column or a declared basis, and `fanout campaign run --purpose`,
// in a child process as a user runs them.
const root = fileURLToPath(new URL('../../..', import.meta.url));
const cli = path.join(root, 'src-main/cli/main.ts');
const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });
const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as Record<string, unknown>;

let dir: string;
let csv: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'fanout-cli-consent-'));
  csv = path.join(dir, 'kunden.csv');
  writeFileSync(csv, 'Telefon;Name;Newsletter\n0170 1111111;Anna;ja\n0170 2222222;Ben;nein\n0170 3333333;Cem;2025-11-02\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function consentsIn(db: string) {
  const store = openAppStore(db);
  try {
    const rows = store.database.sqlite
      .prepare<[], { phone: string; basis: string; source: string; wording: string | null; recordedBy: string }>(
        'SELECT c.phone_e164 AS phone, s.basis, s.source, s.wording, s.recorded_by AS recordedBy FROM consents s JOIN contacts c ON c.id = s.contact_id ORDER BY c.phone_e164',
      )
      .all();
    const audit = store.audit.list({ action: 'consent', limit: 10 }).entries.map((entry) => ({ action: entry.action, actor: entry.actor, details: entry.details }));
    return { rows, audit };
  } finally {
    store.database.close();
  }
}

describe('fanout import with consent', () => {
  it('records consent per row from --consent-column, audited as the CLI', () => {
    const db = path.join(dir, 'column.db');
    const result = run('import', csv, '--db', db, '--list', 'Kunden', '--consent-column', 'Newsletter', '--consent-wording', 'Newsletter v2', '--json');
    expect(result.status, result.stderr).toBe(0);
    expect(lastJson(result.stdout)).toMatchObject({ ok: true, imported: 3, consentsRecorded: 2, consentUnclear: 0 });
    const { rows, audit } = consentsIn(db);
    expect(rows).toEqual([
      { phone: '+491701111111', basis: 'consent', source: 'import kunden.csv row 2', wording: 'Newsletter v2', recordedBy: 'CLI (local administrator)' },
      { phone: '+491703333333', basis: 'consent', source: 'import kunden.csv row 4', wording: 'Newsletter v2', recordedBy: 'CLI (local administrator)' },
    ]);
    expect(audit).toEqual([{ action: 'consent.record', actor: 'CLI (local administrator)', details: { source: 'import', basis: 'consent', records: 2 } }]);
  });

  it('records a basis declared for the file, and says what is missing or contradictory', () => {
    const db = path.join(dir, 'basis.db');
    const declared = run('import', csv, '--db', db, '--list', 'Bestand', '--basis', 'existing-customer');
    expect(declared.status, declared.stderr).toBe(0);
    expect(declared.stdout).toContain('Marketing basis recorded for 3 contacts');
    expect(consentsIn(db).rows.map((row) => row.basis)).toEqual(['existing-customer', 'existing-customer', 'existing-customer']);

    const noWording = run('import', csv, '--db', db, '--list', 'X', '--basis', 'consent');
    expect(noWording.status).not.toBe(0);
    expect(noWording.stderr).toContain('--consent-wording');
    const both = run('import', csv, '--db', db, '--list', 'X', '--basis', 'existing-customer', '--consent-column', 'Newsletter');
    expect(both.stderr).toContain('not both');
    const wrong = run('import', csv, '--db', db, '--list', 'X', '--basis', 'maybe');
    expect(wrong.stderr).toContain('existing-customer');
  });
});

describe('fanout campaign run --purpose', () => {
  it('refuses marketing to existing customers without an opt-out hint before opening any modem, and refuses an unknown purpose', () => {
    const db = path.join(dir, 'basis.db');
    const refused = run('campaign', 'run', '--db', db, '--list', 'Bestand', '--text', 'Nur heute 20 %!', '--purpose', 'marketing', '--port', '/dev/null-no-modem');
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('3 recipients are messaged as existing customers');
    expect(refused.stderr).toContain('STOP an');
    const unknown = run('campaign', 'run', '--db', db, '--list', 'Bestand', '--text', 'x', '--purpose', 'spam', '--port', '/dev/null-no-modem');
    expect(unknown.stderr).toContain('expected service');
  });
});
