import type { OperatorRole } from '../store/schema';
import { CLI_ACTOR, SYSTEM_ACTOR, type AuditActor } from '../store/repositories/audit';

/** The operator a call is made for, once they have logged in. */
export interface SignedInOperator {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  readonly role: OperatorRole;
}

/** Who is calling, as far as the transport can tell, and which operator is signed in there. */
export interface CallContext {
  transport: 'electron' | 'serve' | 'cli' | 'test';
  operator?: SignedInOperator;
}

/** Whom the audit log names for this call. */
export function actorOf(context: CallContext): AuditActor {
  if (context.operator) return { operatorId: context.operator.id, name: context.operator.displayName };
  return context.transport === 'cli' ? CLI_ACTOR : SYSTEM_ACTOR;
}
