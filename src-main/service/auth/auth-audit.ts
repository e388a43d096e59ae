import type { Store } from '../../store';
import type { AuditRecord } from '../../store/repositories/audit';

/**
 * Sign-in, lock and operator changes record themselves (they are not in the central per-method
 * table: failed logins and lock-outs never succeed as calls). Never a password, never a hash.
 */
export function appendAuthAudit(store: Store, record: AuditRecord, now: number): void {
  store.audit.append(record, now);
}

export const operatorSubject = (operator: { id: number; username: string }) => `operator ${operator.id} (${operator.username})`;
