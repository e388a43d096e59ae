import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNA, BERT, seedPerson } from '../../service/privacy/__fixtures__/seed-person';
import { openAppStore } from '../../service/open-app-store';

// `fanout person` and `fanout retention` in a child process, as a user runs them, from source.
const root = fileURLToPath(new URL('../../..', import.meta.url));
const cli = path.join(root, 'src-main/cli/main.ts');
const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });
const DAY = 24 * 3600_000;

let dir: string;
let db: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'fanout-cli-person-'));
  db = path.join(dir, 'fanout.db');
  const store = openAppStore(db);
  try {
    seedPerson(store, ANNA, Date.now() - 40 * DAY);
    seedPerson(store, BERT, Date.now() - DAY);
  } finally {
    store.database.close();
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fanout person export', () => {
  it('prints one JSON document for a number written the national way, and writes a private CSV', () => {
    const csv = path.join(dir, 'anna.csv');
    const result = run('person', 'export', '0170 12345678', '--db', db, '--json', '--csv', csv);
    expect(result.status).toBe(0);
    const document = JSON.parse(result.stdout) as { phoneE164: string; messages: unknown[]; replies: { text: string }[] };
    expect(document).toMatchObject({ format: 'fanout-person-export', phoneE164: ANNA.e164, contact: { name: ANNA.name } });
    expect(document.messages).toHaveLength(2);
    expect(document.replies[0]?.text).toContain(ANNA.name);
    expect(readFileSync(csv, 'utf8')).toContain('"Reply"');
    expect(statSync(csv).mode & 0o777).toBe(0o600);
    expect(result.stderr).toContain('rows to');
  });

  it('explains a number it cannot read', () => {
    const result = run('person', 'export', 'abc', '--db', db);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('"abc" cannot be used');
  });
});

describe('fanout retention run', () => {
  it('deletes old texts and prints what it deleted', () => {
    const result = run('retention', 'run', '--db', db, '--days', '30', '--json');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '')).toMatchObject({ ok: true, days: 30, messages: 2, replies: 2, autoReplies: 1 });
  });

  it('says retention is off when no period is set', () => {
    const result = run('retention', 'run', '--db', db);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('Retention is off');
  });
});

describe('fanout person erase', () => {
  it('erases the number given in another notation; only the hash stays, audited without the number', () => {
    const result = run('person', 'erase', '0049 170 12345678', '--db', db, '--reason', 'Art. 17 by e-mail', '--json');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '')).toMatchObject({ ok: true, contactsDeleted: 1, messagesScrubbed: 2, repliesScrubbed: 2 });
    const after = JSON.parse(run('person', 'export', ANNA.e164, '--db', db, '--json').stdout) as Record<string, unknown>;
    expect(after).toMatchObject({ contact: null, optOut: { onList: true, source: 'erasure', reason: 'Art. 17 by e-mail' } });
    const store = openAppStore(db);
    try {
      const [entry] = store.audit.list({ action: 'person.erase', limit: 1 }).entries;
      expect(entry).toMatchObject({ actor: 'CLI (local administrator)', details: expect.objectContaining({ reason: 'Art. 17 by e-mail' }) });
      expect(JSON.stringify(entry)).not.toContain('12345678');
    } finally {
      store.database.close();
    }
  });

  it('needs a reason', () => {
    const result = run('person', 'erase', ANNA.e164, '--db', db);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('--reason');
  });
});
