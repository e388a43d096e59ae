import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ApiMethodName, type Envelope } from '../../../src-shared/api';
import type { CallContext } from '../call-context';
import { createTestService } from '../test-service';
import { hashPassword } from './password-hash';

type Service = ReturnType<typeof createTestService>;
let service: Service;
beforeEach(() => {
  // Only the clock is faked: scrypt and the service's own timers keep running.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-03-01T09:00:00Z'));
  service = createTestService();
});
afterEach(async () => {
  await service.close();
  vi.useRealTimers();
});

const tab = (sessionId?: string): CallContext => ({ transport: 'serve', ...(sessionId ? { sessionId } : {}) });
async function call(method: ApiMethodName, args: unknown, context: CallContext): Promise<Envelope<unknown>> {
  return service.call(method, args, context);
}
async function value<T>(method: ApiMethodName, args: unknown, context: CallContext): Promise<T> {
  const envelope = await call(method, args, context);
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value as T;
}
const adminPassword = 'admin password 123';
async function createAdmin(): Promise<string> {
  return (await value<{ sessionId: string }>('auth.createFirstAdmin', { username: 'Chefin', displayName: 'Anna Chefin', password: adminPassword }, tab())).sessionId;
}
async function addOperator(admin: string, username: string, role: 'admin' | 'sender' | 'viewer', password = `${username} password 1`) {
  return (await value<{ operator: { id: number } }>('operators.create', { username, displayName: username, role, password }, tab(admin))).operator.id;
}
const login = async (username: string, password: string) => (await value<{ sessionId: string }>('auth.login', { username, password }, tab())).sessionId;

describe('first start', () => {
  it('has no operator and no default credentials: every guess is refused until the admin is created', async () => {
    expect(await value('auth.status', {}, tab())).toEqual({ needsFirstAdmin: true, operator: null, locked: false, idleLockMinutes: 10 });
    expect(service.store.operators.count()).toBe(0);
    for (const [username, password] of [['admin', 'admin'], ['admin', 'password'], ['fanout', 'fanout'], ['root', '']]) {
      const envelope = await call('auth.login', { username, password }, tab());
      expect(envelope.ok).toBe(false);
    }
    expect(await call('campaigns.list', {}, tab())).toMatchObject({ ok: false, error: { code: 'not-signed-in' } });
  });

  it('creates the first admin once, signed in, and refuses a second first admin', async () => {
    const session = await createAdmin();
    expect(await value('auth.status', {}, tab(session))).toEqual({
      needsFirstAdmin: false,
      operator: { id: expect.any(Number), username: 'chefin', displayName: 'Anna Chefin', role: 'admin' },
      locked: false,
      idleLockMinutes: 10,
    });
    const again = await call('auth.createFirstAdmin', { username: 'mallory', displayName: 'M', password: 'another password' }, tab());
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(service.store.operators.count()).toBe(1);
  });

  it('refuses a short password', async () => {
    const envelope = await call('auth.createFirstAdmin', { username: 'chefin', displayName: 'A', password: 'short' }, tab());
    expect(envelope).toMatchObject({ ok: false, error: { code: 'bad-request', details: [expect.stringContaining('at least 10 characters')] } });
  });
});

describe('sign-in', () => {
  it('signs in with any case of the user name and out again', async () => {
    await createAdmin();
    const session = await login('CHEFIN', adminPassword);
    expect(await call('campaigns.list', {}, tab(session))).toMatchObject({ ok: true });
    await value('auth.logout', {}, tab(session));
    expect(await call('campaigns.list', {}, tab(session))).toMatchObject({ ok: false, error: { code: 'not-signed-in' } });
  });

  it('locks an account out after 5 wrong passwords in a row, says what to do, and an admin can unlock it', async () => {
    const admin = await createAdmin();
    const senderId = await addOperator(admin, 'sam', 'sender');
    const senderSession = await login('sam', 'sam password 1');
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect(await call('auth.login', { username: 'sam', password: `guess ${attempt}` }, tab())).toMatchObject({
        ok: false,
        error: { code: 'unauthorized', message: 'The user name or the password is wrong. Check both and try again.' },
      });
    }
    const fifth = await call('auth.login', { username: 'sam', password: 'guess 5' }, tab());
    const lockedOut = {
      ok: false,
      error: { code: 'unauthorized', message: expect.stringMatching(/locked after 5 wrong passwords in a row\. Ask an administrator to unlock it, or try again in 15 minutes\./) },
    };
    expect(fifth).toMatchObject(lockedOut);
    // Even the right password is refused now, and the session open elsewhere is gone.
    expect(await call('auth.login', { username: 'sam', password: 'sam password 1' }, tab())).toMatchObject(lockedOut);
    expect(await call('campaigns.list', {}, tab(senderSession))).toMatchObject({ ok: false, error: { code: 'not-signed-in' } });
    const listed = await value<{ operators: { id: number; lockedOut: boolean }[] }>('operators.list', {}, tab(admin));
    expect(listed.operators.find((o) => o.id === senderId)?.lockedOut).toBe(true);

    await value('operators.unlock', { operatorId: senderId }, tab(admin));
    expect(await call('auth.login', { username: 'sam', password: 'sam password 1' }, tab())).toMatchObject({ ok: true });

    const entries = service.store.audit.list({ action: 'operator', limit: 100 }).entries.reverse();
    const subject = `operator ${senderId} (sam)`;
    expect(entries.filter((entry) => entry.subject === subject).map((entry) => entry.action)).toEqual([
      'operator.create',
      'operator.login',
      ...Array<string>(5).fill('operator.login-failed'),
      'operator.locked-out',
      'operator.unlock',
      'operator.login',
    ]);
    expect(entries.find((entry) => entry.action === 'operator.unlock')?.actor).toBe('Anna Chefin');
    expect(JSON.stringify(entries)).not.toMatch(/guess|sam password|scrypt/);
  });

  it('counts guesses sent all at once one after another: the lock-out holds, even with the right password among them', async () => {
    const admin = await createAdmin();
    await addOperator(admin, 'sam', 'sender');
    const guesses = Array.from({ length: 12 }, (_, i) => (i === 9 ? 'sam password 1' : `guess ${i}`));
    const answers = await Promise.all(guesses.map((password) => call('auth.login', { username: 'sam', password }, tab())));
    expect(answers.filter((answer) => answer.ok)).toEqual([]);
    expect(answers.filter((answer) => !answer.ok && /locked after 5 wrong passwords/.test(answer.error.message))).toHaveLength(8);
    const failures = service.store.audit.list({ action: 'operator.login-failed', limit: 100 }).entries;
    expect(failures).toHaveLength(5);
  });

  it('refuses a sign-in whose password was reset while it was being checked', async () => {
    const admin = await createAdmin();
    const sam = await addOperator(admin, 'sam', 'sender');
    const newHash = await hashPassword('sam password 2');
    const attempt = call('auth.login', { username: 'sam', password: 'sam password 1' }, tab());
    // The check of the old password takes tens of milliseconds (scrypt); the reset lands meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 5));
    service.store.operators.setPasswordHash(sam, newHash, Date.now());
    expect(await attempt).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringMatching(/changed just now/) } });
    expect(await login('sam', 'sam password 2')).toEqual(expect.any(String));
  });

  it('lets a lock-out expire after 15 minutes', async () => {
    const admin = await createAdmin();
    await addOperator(admin, 'sam', 'sender');
    for (let attempt = 1; attempt <= 5; attempt++) await call('auth.login', { username: 'sam', password: `guess ${attempt}` }, tab());
    vi.setSystemTime(Date.now() + 14 * 60_000);
    expect(await call('auth.login', { username: 'sam', password: 'sam password 1' }, tab())).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('try again in 1 minute.') },
    });
    vi.setSystemTime(Date.now() + 60_001);
    expect(await call('auth.login', { username: 'sam', password: 'sam password 1' }, tab())).toMatchObject({ ok: true });
  });

  it('counts a wrong password at the lock screen towards the lock-out', async () => {
    await createAdmin();
    const session = await login('chefin', adminPassword);
    await value('auth.lock', {}, tab(session));
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect(await call('auth.unlock', { password: 'wrong' }, tab(session))).toMatchObject({ ok: false, error: { message: 'That password is wrong. Try again.' } });
    }
    expect(await call('auth.unlock', { password: 'wrong' }, tab(session))).toMatchObject({ ok: false, error: { message: expect.stringContaining('Ask an administrator') } });
    expect(await value('auth.status', {}, tab(session))).toMatchObject({ operator: null });
  });

  it('refuses a switched-off operator and signs them out everywhere', async () => {
    const admin = await createAdmin();
    const id = await addOperator(admin, 'vic', 'viewer');
    const session = await login('vic', 'vic password 1');
    await value('operators.setDisabled', { operatorId: id, disabled: true }, tab(admin));
    expect(await call('campaigns.list', {}, tab(session))).toMatchObject({ ok: false, error: { code: 'not-signed-in' } });
    expect(await call('auth.login', { username: 'vic', password: 'vic password 1' }, tab())).toMatchObject({
      ok: false,
      error: { message: 'This account is switched off. Ask an administrator to switch it on again.' },
    });
  });
});

describe('locking', () => {
  it('locks a session after the idle time; reported activity keeps it open; the password unlocks it', async () => {
    const session = await createAdmin();
    vi.setSystemTime(Date.now() + 9 * 60_000);
    await value('auth.activity', {}, tab(session));
    vi.setSystemTime(Date.now() + 9 * 60_000);
    expect(await call('campaigns.list', {}, tab(session))).toMatchObject({ ok: true });
    // Calls do not count as activity: a screen refreshing itself must not keep a session open.
    vi.setSystemTime(Date.now() + 2 * 60_000);
    expect(await call('campaigns.list', {}, tab(session))).toMatchObject({
      ok: false,
      error: { code: 'locked', message: 'This session is locked. Enter your password to continue.' },
    });
    expect(await value('auth.status', {}, tab(session))).toMatchObject({ locked: true, operator: { username: 'chefin' } });
    await value('auth.unlock', { password: adminPassword }, tab(session));
    expect(await call('campaigns.list', {}, tab(session))).toMatchObject({ ok: true });
  });

  it('uses the idle time an admin sets', async () => {
    const session = await createAdmin();
    expect(await value('operators.setIdleLock', { minutes: 2 }, tab(session))).toEqual({ idleLockMinutes: 2 });
    vi.setSystemTime(Date.now() + 2 * 60_000 + 1);
    service.auth.lockIdleSessions();
    expect(await value('auth.status', {}, tab(session))).toMatchObject({ locked: true, idleLockMinutes: 2 });
  });

  it('locks every session when the computer locks its screen or sleeps', async () => {
    const admin = await createAdmin();
    await addOperator(admin, 'sam', 'sender');
    const sender = await login('sam', 'sam password 1');
    const changes: string[] = [];
    service.events.subscribe((event) => changes.push(event.name));
    service.auth.lockAllSessions('os-lock');
    expect(changes).toContain('auth.changed');
    for (const session of [admin, sender]) {
      expect(await call('campaigns.list', {}, tab(session))).toMatchObject({ ok: false, error: { code: 'locked' } });
    }
    // Signing out works from the lock screen.
    expect(await call('auth.logout', {}, tab(sender))).toMatchObject({ ok: true });
  });
});

describe('roles', () => {
  it("refuses a Viewer's request to start a campaign, and a Sender's change of settings, naming the role needed", async () => {
    const admin = await createAdmin();
    await addOperator(admin, 'vic', 'viewer');
    await addOperator(admin, 'sam', 'sender');
    const viewer = await login('vic', 'vic password 1');
    const sender = await login('sam', 'sam password 1');
    expect(await call('campaigns.start', { campaignId: 1 }, tab(viewer))).toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message: 'This needs the Sender role or higher; you are signed in as Viewer. Ask an administrator if you need it.',
        details: ['campaigns.start needs Sender'],
      },
    });
    expect(await call('campaigns.list', {}, tab(viewer))).toMatchObject({ ok: true });
    expect(await call('settings.update', { currency: 'USD' }, tab(sender))).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'This needs the Admin role; you are signed in as Sender. Ask an administrator if you need it.' },
    });
    // The same holds for a test context that names its operator.
    const viewerOperator = { id: 2, username: 'vic', displayName: 'vic', role: 'viewer' } as const;
    expect(await call('campaigns.start', { campaignId: 1 }, { transport: 'test', operator: viewerOperator })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('applies a role change at once', async () => {
    const admin = await createAdmin();
    const id = await addOperator(admin, 'vic', 'viewer');
    const viewer = await login('vic', 'vic password 1');
    expect(await call('contacts.create', { name: 'x', phone: '+4917012345678' }, tab(viewer))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await value('operators.setRole', { operatorId: id, role: 'sender' }, tab(admin));
    expect(await call('contacts.create', { name: 'x', phone: '+4917012345678' }, tab(viewer))).not.toMatchObject({ error: { code: 'forbidden' } });
  });

  it('keeps at least one active admin and nobody switches themselves off', async () => {
    const admin = await createAdmin();
    const adminId = (await value<{ operator: { id: number } }>('auth.status', {}, tab(admin))).operator.id;
    expect(await call('operators.setRole', { operatorId: adminId, role: 'viewer' }, tab(admin))).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await call('operators.setDisabled', { operatorId: adminId, disabled: true }, tab(admin))).toMatchObject({
      ok: false,
      error: { message: 'You cannot switch off your own account. Another administrator can.' },
    });
    const second = await addOperator(admin, 'zweite', 'admin');
    expect(await call('operators.setRole', { operatorId: adminId, role: 'viewer' }, tab(admin))).toMatchObject({ ok: true });
    expect(await call('operators.setRole', { operatorId: second, role: 'viewer' }, tab(await login('zweite', 'zweite password 1')))).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });

  it('lets the CLI act as the local administrator and tests act as admin by default', async () => {
    expect(await call('operators.list', {}, { transport: 'cli' })).toMatchObject({ ok: true });
    expect(await call('operators.list', {}, { transport: 'test' })).toMatchObject({ ok: true });
  });
});

describe('passwords', () => {
  it('never returns a password or its hash from any method', async () => {
    const admin = await createAdmin();
    const id = await addOperator(admin, 'sam', 'sender', 'sender secret 42');
    const answers = [
      await call('auth.status', {}, tab(admin)),
      await call('operators.list', {}, tab(admin)),
      await call('operators.setRole', { operatorId: id, role: 'viewer' }, tab(admin)),
      await call('operators.resetPassword', { operatorId: id, password: 'new secret 4242' }, tab(admin)),
      await call('auth.login', { username: 'sam', password: 'new secret 4242' }, tab()),
      await call('operators.unlock', { operatorId: id }, tab(admin)),
      await call('settings.get', {}, tab(admin)),
    ];
    const text = JSON.stringify(answers);
    expect(answers.every((answer) => answer.ok)).toBe(true);
    expect(text).not.toMatch(/scrypt|password_hash|passwordHash/i);
    for (const secret of [adminPassword, 'sender secret 42', 'new secret 4242']) expect(text).not.toContain(secret);
    const stored = service.store.database.sqlite.prepare('SELECT password_hash AS hash FROM operators').all() as { hash: string }[];
    for (const { hash } of stored) {
      expect(hash).toMatch(/^scrypt\$/);
      expect(text).not.toContain(hash.split('$')[5]);
    }
  });

  it('resets a password: the old one stops working and the operator is signed out', async () => {
    const admin = await createAdmin();
    const id = await addOperator(admin, 'sam', 'sender');
    const session = await login('sam', 'sam password 1');
    await value('operators.resetPassword', { operatorId: id, password: 'brand new password' }, tab(admin));
    expect(await call('campaigns.list', {}, tab(session))).toMatchObject({ ok: false, error: { code: 'not-signed-in' } });
    expect(await call('auth.login', { username: 'sam', password: 'sam password 1' }, tab())).toMatchObject({ ok: false });
    expect(await call('auth.login', { username: 'sam', password: 'brand new password' }, tab())).toMatchObject({ ok: true });
  });

  it('changes the own password with the current one', async () => {
    const session = await createAdmin();
    expect(await call('auth.changePassword', { currentPassword: 'wrong one', newPassword: 'a new password' }, tab(session))).toMatchObject({ ok: false });
    await value('auth.changePassword', { currentPassword: adminPassword, newPassword: 'a new password' }, tab(session));
    expect(await call('auth.login', { username: 'chefin', password: 'a new password' }, tab())).toMatchObject({ ok: true });
  });
});

describe('the role table', () => {
  it('leaves only sign-in and the connection check open', async () => {
    const { methodRoles } = await import('../../../src-shared/api/method-roles');
    const open = Object.entries(methodRoles).filter(([, access]) => access === 'anyone').map(([name]) => name).sort();
    expect(open).toEqual(['app.ping', 'auth.createFirstAdmin', 'auth.login', 'auth.logout', 'auth.status', 'auth.unlock']);
  });
});
