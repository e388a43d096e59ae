import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore } from '../testing';
import { createOperatorsRepository, type OperatorsRepository } from './operators';

let temp: TempStore;
let repository: OperatorsRepository;
beforeEach(() => {
  temp = openTempStore();
  repository = createOperatorsRepository(temp.database);
});
afterEach(() => temp.cleanup());

const hash = 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g';

describe('operators repository', () => {
  it('starts empty: no default account exists', () => {
    expect(repository.count()).toBe(0);
    expect(repository.list()).toEqual([]);
    expect(temp.database.sqlite.prepare('SELECT count(*) AS n FROM operators').get()).toEqual({ n: 0 });
  });

  it('stores login names lower-cased and finds them in any case', () => {
    const created = repository.create({ username: '  Anna.Schmidt ', displayName: ' Anna Schmidt ', role: 'admin', passwordHash: hash }, 1000);
    expect(created).toMatchObject({ username: 'anna.schmidt', displayName: 'Anna Schmidt', role: 'admin', failedLogins: 0, lockedOutAt: null });
    expect(repository.findByUsername('ANNA.SCHMIDT')?.id).toBe(created.id);
    expect(() => repository.create({ username: 'anna.SCHMIDT', displayName: 'x', role: 'viewer', passwordHash: hash }, 1000)).toThrow(/UNIQUE/);
  });

  it('never returns the password hash except through passwordHashOf', () => {
    const created = repository.create({ username: 'ben', displayName: 'Ben', role: 'sender', passwordHash: hash }, 1000);
    for (const value of [created, repository.get(created.id), repository.findByUsername('ben'), ...repository.list()]) {
      expect(JSON.stringify(value)).not.toContain(hash);
    }
    expect(repository.passwordHashOf(created.id)).toBe(hash);
  });

  it('locks an account out at the fifth wrong password in a row, and a good login or unlock starts again', () => {
    const { id } = repository.create({ username: 'carla', displayName: 'Carla', role: 'viewer', passwordHash: hash }, 1000);
    const outcomes = [1, 2, 3, 4, 5, 6].map((n) => repository.recordFailedLogin(id, 5, 2000 + n));
    expect(outcomes.map((o) => o.failedLogins)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(outcomes.map((o) => o.lockedOutNow)).toEqual([false, false, false, false, true, false]);
    expect(repository.get(id)?.lockedOutAt).toBe(2005);

    expect(repository.unlock(id, 3000)).toBe(true);
    expect(repository.get(id)).toMatchObject({ failedLogins: 0, lockedOutAt: null });
    repository.recordFailedLogin(id, 5, 3001);
    repository.recordLogin(id, 3002);
    expect(repository.get(id)).toMatchObject({ failedLogins: 0, lastLoginAt: 3002 });
  });

  it('changes role, disables and counts the active admins', () => {
    const admin = repository.create({ username: 'admin1', displayName: 'A', role: 'admin', passwordHash: hash }, 1000);
    const other = repository.create({ username: 'dora', displayName: 'Dora', role: 'viewer', passwordHash: hash }, 1000);
    expect(repository.countActiveAdmins()).toBe(1);
    expect(repository.setRole(other.id, 'admin', 1100)).toBe(true);
    expect(repository.countActiveAdmins()).toBe(2);
    expect(repository.setDisabled(admin.id, true, 1200)).toBe(true);
    expect(repository.get(admin.id)?.disabledAt).toBe(1200);
    expect(repository.countActiveAdmins()).toBe(1);
    expect(repository.setDisabled(admin.id, false, 1300)).toBe(true);
    expect(repository.get(admin.id)?.disabledAt).toBeNull();
    expect(repository.setRole(999, 'viewer', 1)).toBe(false);
  });

  it('replaces a password hash', () => {
    const { id } = repository.create({ username: 'emil', displayName: 'Emil', role: 'sender', passwordHash: hash }, 1000);
    expect(repository.setPasswordHash(id, 'scrypt$new', 1100)).toBe(true);
    expect(repository.passwordHashOf(id)).toBe('scrypt$new');
  });
});
