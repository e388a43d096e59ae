import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../service/auth/password-hash';
import { openAppStore } from '../../service/open-app-store';

// `fanout operator` in a child process, as the person who holds the database file runs it.
const root = fileURLToPath(new URL('../../..', import.meta.url));
const cli = path.join(root, 'src-main/cli/main.ts');
const run = (input: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: root, encoding: 'utf8', timeout: 30_000, input });

let dir: string;
let db: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'fanout-cli-operator-'));
  db = path.join(dir, 'fanout.db');
  const store = openAppStore(db);
  try {
    const admin = store.operators.create({ username: 'chefin', displayName: 'Anna', role: 'admin', passwordHash: 'scrypt$forgotten' }, 1000);
    for (let i = 0; i < 5; i++) store.operators.recordFailedLogin(admin.id, 5, 2000 + i);
  } finally {
    store.database.close();
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fanout operator', () => {
  it('lists the operators with their state', () => {
    const result = run('', 'operator', 'list', '--db', db);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('chefin\tadmin\tlocked out\tAnna\n');
  });

  it('refuses a short password and an unknown operator', () => {
    expect(run('short\n', 'operator', 'reset-password', 'chefin', '--db', db).stderr).toContain('at least 10 characters');
    expect(run('long enough password\n', 'operator', 'reset-password', 'nobody', '--db', db).stderr).toContain('There is no operator "nobody"');
  });

  it('gives a locked-out admin a new password, read from standard input, and audits it as the CLI', async () => {
    const result = run('a brand new password\n', 'operator', 'reset-password', 'CHEFIN', '--db', db);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('New password set for chefin');
    const store = openAppStore(db);
    try {
      const admin = store.operators.findByUsername('chefin');
      expect(admin).toMatchObject({ lockedOutAt: null, failedLogins: 0 });
      expect(await verifyPassword('a brand new password', store.operators.passwordHashOf(admin?.id ?? 0) ?? '')).toBe(true);
      expect(store.audit.list({ action: 'operator', limit: 5 }).entries[0]).toMatchObject({ action: 'operator.password-reset', actor: 'CLI (local administrator)' });
    } finally {
      store.database.close();
    }
  });
});
