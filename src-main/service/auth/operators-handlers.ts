import type { OperatorSummary } from '../../../src-shared/api/methods/operators';
import type { Operator, Store } from '../../store';
import { actorOf, type CallContext } from '../call-context';
import type { DomainHandlers } from '../handlers';
import { ServiceError } from '../service-error';
import { appendAuthAudit, operatorSubject } from './auth-audit';
import { lockOutExpiresAfterMs, type OperatorAuth } from './operator-auth';
import { hashPassword } from './password-hash';

type OperatorsMethod =
  | 'operators.list'
  | 'operators.create'
  | 'operators.setRole'
  | 'operators.setDisabled'
  | 'operators.unlock'
  | 'operators.resetPassword'
  | 'operators.setIdleLock';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function createOperatorsHandlers(store: Store, auth: OperatorAuth): DomainHandlers<OperatorsMethod> {
  const summary = (operator: Operator): OperatorSummary => ({
    id: operator.id,
    username: operator.username,
    displayName: operator.displayName,
    role: operator.role,
    disabled: operator.disabledAt !== null,
    lockedOut: operator.lockedOutAt !== null && auth.now() - operator.lockedOutAt < lockOutExpiresAfterMs,
    lastLoginAt: iso(operator.lastLoginAt),
    createdAt: new Date(operator.createdAt).toISOString(),
  });

  function existing(operatorId: number): Operator {
    const operator = store.operators.get(operatorId);
    if (!operator) throw new ServiceError('not-found', 'This operator no longer exists. Reload the list.');
    return operator;
  }

  const lastAdminRefusal = () =>
    new ServiceError('conflict', 'Fanout needs at least one active administrator. Make someone else an administrator first.');

  function audit(context: CallContext, action: string, operator: Operator, details?: Record<string, unknown>) {
    appendAuthAudit(store, { actor: actorOf(context), action, subject: operatorSubject(operator), ...(details ? { details } : {}) }, auth.now());
  }

  /** Answers with the operator as stored now, and tells every window that sign-in state changed. */
  function changed(operatorId: number) {
    auth.changed();
    return { operator: summary(existing(operatorId)) };
  }

  return {
    'operators.list': () => ({ operators: store.operators.list().map(summary), idleLockMinutes: auth.idleLockMinutes() }),
    'operators.create': async ({ username, displayName, role, password }, context) => {
      if (store.operators.findByUsername(username)) {
        throw new ServiceError('conflict', `The user name "${username}" is taken. Choose another one.`);
      }
      const created = store.operators.create({ username, displayName, role, passwordHash: await hashPassword(password) }, auth.now());
      audit(context, 'operator.create', created, { role });
      return { operator: summary(created) };
    },
    'operators.setRole': ({ operatorId, role }, context) => {
      const operator = existing(operatorId);
      if (operator.role === role) return { operator: summary(operator) };
      const demotesActiveAdmin = operator.role === 'admin' && operator.disabledAt === null;
      if (demotesActiveAdmin && store.operators.countActiveAdmins() <= 1) throw lastAdminRefusal();
      store.operators.setRole(operatorId, role, auth.now());
      audit(context, 'operator.role', operator, { from: operator.role, to: role });
      return changed(operatorId);
    },
    'operators.setDisabled': ({ operatorId, disabled }, context) => {
      const operator = existing(operatorId);
      if (disabled && context.operator?.id === operatorId) {
        throw new ServiceError('conflict', 'You cannot switch off your own account. Another administrator can.');
      }
      if (disabled && operator.role === 'admin' && operator.disabledAt === null && store.operators.countActiveAdmins() <= 1) throw lastAdminRefusal();
      if ((operator.disabledAt !== null) === disabled) return { operator: summary(operator) };
      store.operators.setDisabled(operatorId, disabled, auth.now());
      if (disabled) auth.sessions.endAllOf(operatorId);
      audit(context, disabled ? 'operator.disable' : 'operator.enable', operator);
      return changed(operatorId);
    },
    'operators.unlock': ({ operatorId }, context) => {
      const operator = existing(operatorId);
      store.operators.unlock(operatorId, auth.now());
      audit(context, 'operator.unlock', operator);
      return changed(operatorId);
    },
    'operators.resetPassword': async ({ operatorId, password }, context) => {
      const operator = existing(operatorId);
      const passwordHash = await hashPassword(password);
      const now = auth.now();
      store.inTransaction(() => {
        store.operators.setPasswordHash(operatorId, passwordHash, now);
        store.operators.unlock(operatorId, now);
      });
      auth.sessions.endAllOf(operatorId, context.sessionId);
      audit(context, 'operator.password-reset', operator);
      return changed(operatorId);
    },
    'operators.setIdleLock': ({ minutes }, context) => {
      auth.setIdleLockMinutes(minutes);
      appendAuthAudit(store, { actor: actorOf(context), action: 'settings.idle-lock', details: { minutes } }, auth.now());
      auth.changed();
      return { idleLockMinutes: auth.idleLockMinutes() };
    },
  };
}

