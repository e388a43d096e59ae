import type { Store } from '../../store';
import type { AuditActor } from '../../store/repositories/audit';

/** What sign-in records in the audit log; never a password, never a hash. */
export interface AuthAuditRecord {
  actor: AuditActor;
  action: string;
  subject?: string | null;
  details?: Record<string, unknown>;
}

export function appendAuthAudit(store: Store, record: AuthAuditRecord, now: number): void {
  // Until the audit log's repository is part of every Store (issue 8's audit work), a store without it records nothing.
  const audit = (store as Partial<{ audit: { append(record: AuthAuditRecord, now?: number): unknown } }>).audit;
  audit?.append(record, now);
}

export const operatorSubject = (operator: { id: number; username: string }) => `operator ${operator.id} (${operator.username})`;
