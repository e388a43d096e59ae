import type { OperatorRole } from '../store/schema';
import { CLI_ACTOR, SYSTEM_ACTOR, type AuditActor } from '../store/repositories/audit';

/** The operator a call is made for, once they have logged in. */
export interface SignedInOperator {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  readonly role: OperatorRole;
}

/**
 * Who is calling, as far as the transport can tell, and which operator is signed in there.
 *
 * Electron and serve transports pass only `sessionId` (and `bindSession`); the service looks the
 * session up and fills `operator` itself before any handler runs, so a transport can never claim
 * an operator. 'cli' acts as the local administrator; 'test' acts as an administrator unless the
 * test passes an `operator`.
 */
export interface CallContext {
  transport: 'electron' | 'serve' | 'cli' | 'test';
  operator?: SignedInOperator;
  /** The session this window (Electron) or browser tab (serve) holds, if any. */
  sessionId?: string;
  /**
   * Ties a new session to the connection the call came over, or unties it (null). Electron binds
   * sessions to the window; a serve tab keeps the id it gets back from auth.login instead.
   */
  bindSession?: (sessionId: string | null) => void;
}

/** Whom the audit log names for this call. */
export function actorOf(context: CallContext): AuditActor {
  if (context.operator) return { operatorId: context.operator.id, name: context.operator.displayName };
  return context.transport === 'cli' ? CLI_ACTOR : SYSTEM_ACTOR;
}
