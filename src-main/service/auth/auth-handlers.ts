import type { Store } from '../../store';
import { SYSTEM_ACTOR, type AuditActor } from '../../store/repositories/audit';
import type { CallContext } from '../call-context';
import type { DomainHandlers } from '../handlers';
import { ServiceError } from '../service-error';
import { appendAuthAudit, operatorSubject } from './auth-audit';
import { lockOutAfterFailures, lockOutExpiresAfterMs, toSignedIn, type OperatorAuth } from './operator-auth';
import { hashPassword, needsRehash, verifyPassword } from './password-hash';

type AuthMethod =
  | 'auth.status'
  | 'auth.createFirstAdmin'
  | 'auth.login'
  | 'auth.logout'
  | 'auth.lock'
  | 'auth.unlock'
  | 'auth.activity'
  | 'auth.changePassword';

const passwordChangedMeanwhile = () => new ServiceError('unauthorized', 'The password of this account was changed just now. Sign in with the new password.');
const wrongCredentials = () => new ServiceError('unauthorized', 'The user name or the password is wrong. Check both and try again.');

function lockedOutError(lockedOutAt: number, now: number): ServiceError {
  const minutes = Math.max(1, Math.ceil((lockedOutAt + lockOutExpiresAfterMs - now) / 60_000));
  return new ServiceError(
    'unauthorized',
    `This account is locked after ${lockOutAfterFailures} wrong passwords in a row. Ask an administrator to unlock it, or try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
  );
}

const actorFor = (operator: { id: number; displayName: string }): AuditActor => ({ operatorId: operator.id, name: operator.displayName });

export function createAuthHandlers(store: Store, auth: OperatorAuth): DomainHandlers<AuthMethod> {
  // Checked against when the user name is unknown, so a wrong name takes as long as a wrong password.
  const decoyHash = hashPassword('fanout-decoy-password');

  /** A lock-out still running, or null; an expired one is lifted (and the count starts again). */
  function activeLockOut(operatorId: number, lockedOutAt: number | null, now: number): number | null {
    if (lockedOutAt === null) return null;
    if (now - lockedOutAt < lockOutExpiresAfterMs) return lockedOutAt;
    store.operators.unlock(operatorId, now);
    return null;
  }

  // One password check per operator at a time: the hash is checked off the main thread, so
  // guesses sent together would all pass the lock-out check before the first failure counted
  // (and a right one among them would lift the lock-out the others had just set).
  const checksInTurn = new Map<number, Promise<unknown>>();

  /** Checks a password of a known operator; a wrong one is counted and may lock the account out. */
  function checkPassword(operatorId: number, password: string, attempt: 'login' | 'unlock' | 'change-password'): Promise<void> {
    const check = () => checkPasswordNow(operatorId, password, attempt);
    const turn = (checksInTurn.get(operatorId) ?? Promise.resolve()).then(check, check);
    const settled = turn.catch(() => undefined);
    checksInTurn.set(operatorId, settled);
    void settled.then(() => {
      if (checksInTurn.get(operatorId) === settled) checksInTurn.delete(operatorId);
    });
    return turn;
  }

  async function checkPasswordNow(operatorId: number, password: string, attempt: 'login' | 'unlock' | 'change-password'): Promise<void> {
    const operator = store.operators.get(operatorId);
    if (!operator) throw wrongCredentials();
    const lockedOutAt = activeLockOut(operator.id, operator.lockedOutAt, auth.now());
    if (lockedOutAt !== null) {
      auth.sessions.endAllOf(operator.id);
      throw lockedOutError(lockedOutAt, auth.now());
    }
    const stored = store.operators.passwordHashOf(operator.id) ?? '';
    if (await verifyPassword(password, stored)) {
      // The password may have been reset while it was checked: the old one opens nothing any more.
      if (store.operators.passwordHashOf(operator.id) !== stored) throw passwordChangedMeanwhile();
      if (needsRehash(stored)) {
        const rehashed = await hashPassword(password);
        const upgraded = store.inTransaction(() => {
          if (store.operators.passwordHashOf(operator.id) !== stored) return false;
          store.operators.setPasswordHash(operator.id, rehashed, auth.now());
          return true;
        });
        if (!upgraded) throw passwordChangedMeanwhile();
      }
      return;
    }
    const now = auth.now();
    const outcome = store.operators.recordFailedLogin(operator.id, lockOutAfterFailures, now);
    appendAuthAudit(store, { actor: actorFor(operator), action: 'operator.login-failed', subject: operatorSubject(operator), details: { attempt, failedInARow: outcome.failedLogins } }, now);
    if (outcome.lockedOutNow) {
      appendAuthAudit(store, { actor: SYSTEM_ACTOR, action: 'operator.locked-out', subject: operatorSubject(operator), details: { failedInARow: outcome.failedLogins } }, now);
      // Whoever is guessing at a locked screen loses the session too.
      auth.sessions.endAllOf(operator.id);
      auth.changed();
      throw lockedOutError(now, now);
    }
    throw attempt === 'login' ? wrongCredentials() : new ServiceError('unauthorized', 'That password is wrong. Try again.');
  }

  function signIn(operatorId: number, context: CallContext) {
    const now = auth.now();
    const operator = store.operators.get(operatorId);
    if (!operator) throw wrongCredentials();
    store.operators.recordLogin(operator.id, now);
    // A window signs in again (after signing out, or as someone else): its old session ends.
    auth.sessions.end(context.sessionId);
    const session = auth.sessions.create(operator.id, now);
    context.bindSession?.(session.id);
    appendAuthAudit(store, { actor: actorFor(operator), action: 'operator.login', subject: operatorSubject(operator), details: { transport: context.transport } }, now);
    auth.changed();
    return { sessionId: session.id, operator: toSignedIn(operator) };
  }

  function sessionOf(context: CallContext) {
    const session = auth.sessions.get(context.sessionId);
    if (!session) throw new ServiceError('not-signed-in', 'Please sign in to Fanout first.');
    return session;
  }

  return {
    'auth.status': (_args, context) => {
      const { session, operator } = auth.resolve(context.sessionId);
      return {
        needsFirstAdmin: store.operators.count() === 0,
        operator: operator ?? null,
        locked: session?.locked ?? false,
        idleLockMinutes: auth.idleLockMinutes(),
      };
    },
    'auth.createFirstAdmin': async ({ username, displayName, password }, context) => {
      const refused = () => new ServiceError('conflict', 'The administrator account already exists. Sign in with it, or ask the administrator for an account.');
      if (store.operators.count() > 0) throw refused();
      const passwordHash = await hashPassword(password);
      // Checked again inside the transaction: two windows may both have shown the first-run screen.
      const created = store.inTransaction(() =>
        store.operators.count() > 0 ? null : store.operators.create({ username, displayName, role: 'admin', passwordHash }, auth.now()),
      );
      if (!created) throw refused();
      appendAuthAudit(store, { actor: actorFor(created), action: 'operator.create', subject: operatorSubject(created), details: { role: 'admin', firstAdmin: true } }, auth.now());
      return signIn(created.id, context);
    },
    'auth.login': async ({ username, password }, context) => {
      const operator = store.operators.findByUsername(username);
      if (!operator) {
        await verifyPassword(password, await decoyHash);
        // The typed name is not recorded: people type their password into the name field.
        appendAuthAudit(store, { actor: SYSTEM_ACTOR, action: 'operator.login-failed', details: { attempt: 'login', reason: 'unknown user name' } }, auth.now());
        throw wrongCredentials();
      }
      await checkPassword(operator.id, password, 'login');
      if (operator.disabledAt !== null) {
        throw new ServiceError('unauthorized', 'This account is switched off. Ask an administrator to switch it on again.');
      }
      return signIn(operator.id, context);
    },
    'auth.logout': (_args, context) => {
      const { operator } = auth.resolve(context.sessionId);
      if (auth.sessions.end(context.sessionId) && operator) {
        appendAuthAudit(store, { actor: actorFor(operator), action: 'operator.logout', subject: operatorSubject(operator) }, auth.now());
        auth.changed();
      }
      context.bindSession?.(null);
      return {};
    },
    'auth.lock': (_args, context) => {
      auth.lockSession(sessionOf(context), 'by-hand');
      return {};
    },
    'auth.unlock': async ({ password }, context) => {
      const session = sessionOf(context);
      const { operator } = auth.resolve(session.id);
      if (!operator) throw new ServiceError('not-signed-in', 'Please sign in to Fanout first.');
      if (session.locked) {
        await checkPassword(operator.id, password, 'unlock');
        const now = auth.now();
        store.operators.recordLogin(operator.id, now);
        session.locked = false;
        session.lastActivityAt = now;
        appendAuthAudit(store, { actor: actorFor(operator), action: 'operator.unlock-session', subject: operatorSubject(operator) }, now);
        auth.changed();
      }
      return { operator };
    },
    'auth.activity': (_args, context) => {
      const session = auth.sessions.get(context.sessionId);
      if (session && !session.locked) session.lastActivityAt = auth.now();
      return {};
    },
    'auth.changePassword': async ({ currentPassword, newPassword }, context) => {
      const operator = context.operator;
      if (!operator) throw new ServiceError('not-signed-in', 'Only a signed-in operator can change their password.');
      await checkPassword(operator.id, currentPassword, 'change-password');
      const now = auth.now();
      store.operators.setPasswordHash(operator.id, await hashPassword(newPassword), now);
      // Anyone who knew the old password and is signed in elsewhere is signed out.
      auth.sessions.endAllOf(operator.id, context.sessionId);
      appendAuthAudit(store, { actor: actorFor(operator), action: 'operator.password-change', subject: operatorSubject(operator) }, now);
      auth.changed();
      return {};
    },
  };
}
