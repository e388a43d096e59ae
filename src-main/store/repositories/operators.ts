import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import type { FanoutDatabase } from '../open-database';
import { operators, type OperatorRole } from '../schema';

/** An operator as the rest of Fanout sees them: the password hash is kept out on purpose. */
export interface Operator {
  id: number;
  username: string;
  displayName: string;
  role: OperatorRole;
  /** Wrong passwords in a row since the last good one. */
  failedLogins: number;
  lockedOutAt: number | null;
  disabledAt: number | null;
  lastLoginAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface NewOperator {
  username: string;
  displayName: string;
  role: OperatorRole;
  /** Already hashed by the service (see service/auth/password-hash.ts). */
  passwordHash: string;
}

export interface FailedLoginOutcome {
  failedLogins: number;
  /** True when this failure reached the limit and locked the account out now. */
  lockedOutNow: boolean;
}

export interface OperatorsRepository {
  count(): number;
  /** Active (not disabled) admins: the last one may not be demoted or disabled. */
  countActiveAdmins(): number;
  create(operator: NewOperator, now: number): Operator;
  get(id: number): Operator | undefined;
  /** Case-insensitive: login names are stored lower-cased. */
  findByUsername(username: string): Operator | undefined;
  list(): Operator[];
  /** Only for checking a password; never hand it to a caller. */
  passwordHashOf(id: number): string | undefined;
  setPasswordHash(id: number, passwordHash: string, now: number): boolean;
  setRole(id: number, role: OperatorRole, now: number): boolean;
  setDisabled(id: number, disabled: boolean, now: number): boolean;
  /** Counts one wrong password and locks the account out when `lockAfter` are reached in a row. */
  recordFailedLogin(id: number, lockAfter: number, now: number): FailedLoginOutcome;
  /** A good password: the count of wrong ones starts again. */
  recordLogin(id: number, now: number): void;
  /** Clears a lock-out and the count of wrong passwords. */
  unlock(id: number, now: number): boolean;
}

/** How login names are compared and stored: trimmed, NFC, lower case. */
export function normalizeUsername(username: string): string {
  return username.trim().normalize('NFC').toLowerCase();
}

const publicColumns = {
  id: operators.id,
  username: operators.username,
  displayName: operators.displayName,
  role: operators.role,
  failedLogins: operators.failedLogins,
  lockedOutAt: operators.lockedOutAt,
  disabledAt: operators.disabledAt,
  lastLoginAt: operators.lastLoginAt,
  createdAt: operators.createdAt,
  updatedAt: operators.updatedAt,
};

export function createOperatorsRepository(db: FanoutDatabase): OperatorsRepository {
  const { orm } = db;
  const changed = (result: { changes: number }) => result.changes > 0;
  return {
    count: () => orm.select({ n: count() }).from(operators).get()?.n ?? 0,
    countActiveAdmins: () =>
      orm
        .select({ n: count() })
        .from(operators)
        .where(and(eq(operators.role, 'admin'), isNull(operators.disabledAt)))
        .get()?.n ?? 0,
    create(operator, now) {
      return orm
        .insert(operators)
        .values({ ...operator, username: normalizeUsername(operator.username), displayName: operator.displayName.trim(), createdAt: now, updatedAt: now })
        .returning(publicColumns)
        .get();
    },
    get: (id) => orm.select(publicColumns).from(operators).where(eq(operators.id, id)).get(),
    findByUsername: (username) =>
      orm.select(publicColumns).from(operators).where(eq(operators.username, normalizeUsername(username))).get(),
    list: () => orm.select(publicColumns).from(operators).orderBy(asc(operators.username)).all(),
    passwordHashOf: (id) => orm.select({ hash: operators.passwordHash }).from(operators).where(eq(operators.id, id)).get()?.hash,
    setPasswordHash: (id, passwordHash, now) =>
      changed(orm.update(operators).set({ passwordHash, updatedAt: now }).where(eq(operators.id, id)).run()),
    setRole: (id, role, now) => changed(orm.update(operators).set({ role, updatedAt: now }).where(eq(operators.id, id)).run()),
    setDisabled: (id, disabled, now) =>
      changed(orm.update(operators).set({ disabledAt: disabled ? now : null, updatedAt: now }).where(eq(operators.id, id)).run()),
    recordFailedLogin(id, lockAfter, now) {
      // One statement, so two wrong passwords at the same moment cannot both read the old count.
      const row = orm
        .update(operators)
        .set({
          failedLogins: sql`${operators.failedLogins} + 1`,
          lockedOutAt: sql`CASE WHEN ${operators.lockedOutAt} IS NULL AND ${operators.failedLogins} + 1 >= ${lockAfter} THEN ${now} ELSE ${operators.lockedOutAt} END`,
          updatedAt: now,
        })
        .where(eq(operators.id, id))
        .returning({ failedLogins: operators.failedLogins, lockedOutAt: operators.lockedOutAt })
        .get();
      return { failedLogins: row?.failedLogins ?? 0, lockedOutNow: row?.lockedOutAt === now && (row?.failedLogins ?? 0) >= lockAfter };
    },
    recordLogin(id, now) {
      orm.update(operators).set({ failedLogins: 0, lockedOutAt: null, lastLoginAt: now, updatedAt: now }).where(eq(operators.id, id)).run();
    },
    unlock: (id, now) =>
      changed(orm.update(operators).set({ failedLogins: 0, lockedOutAt: null, updatedAt: now }).where(eq(operators.id, id)).run()),
  };
}
