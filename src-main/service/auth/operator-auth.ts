import type { ApiMethodName } from '../../../src-shared/api';
import { methodRoles, roleAllows } from '../../../src-shared/api/method-roles';
import type { Operator, Store } from '../../store';
import { SYSTEM_ACTOR } from '../../store/repositories/audit';
import type { CallContext, SignedInOperator } from '../call-context';
import type { EventHub } from '../event-hub';
import { ServiceError } from '../service-error';
import { appendAuthAudit, operatorSubject } from './auth-audit';
import { SessionRegistry, type OperatorSession } from './sessions';

/** Wrong passwords in a row that lock an account out (issue 8). */
export const lockOutAfterFailures = 5;
/** A lock-out ends by itself after this long, so a forgotten admin is not locked out for ever. */
export const lockOutExpiresAfterMs = 15 * 60_000;
export const defaultIdleLockMinutes = 10;
const idleLockSettingKey = 'operators.idleLockMinutes';

export const roleNames = { admin: 'Admin', sender: 'Sender', viewer: 'Viewer' } as const;

export interface OperatorAuthOptions {
  store: Store;
  events: EventHub;
  now?: () => number;
  /** How often idle sessions are looked for; 0 turns the timer off (tests call lockIdleSessions). */
  idleCheckEveryMs?: number;
}

/**
 * Who is signed in where, and whether a call may go ahead. Sessions live in memory; operators
 * and the idle-lock setting in the database. Every transport's calls pass `admit` first.
 */
export class OperatorAuth {
  readonly sessions = new SessionRegistry();
  readonly now: () => number;
  private readonly store: Store;
  private readonly events: EventHub;
  private readonly idleTimer: NodeJS.Timeout | null;

  constructor(options: OperatorAuthOptions) {
    this.store = options.store;
    this.events = options.events;
    this.now = options.now ?? (() => Date.now());
    const every = options.idleCheckEveryMs ?? 15_000;
    this.idleTimer = every > 0 ? setInterval(() => this.lockIdleSessions(), every) : null;
    this.idleTimer?.unref();
  }

  close(): void {
    if (this.idleTimer) clearInterval(this.idleTimer);
  }

  idleLockMinutes(): number {
    const stored = this.store.settings.get<unknown>(idleLockSettingKey);
    return typeof stored === 'number' && Number.isInteger(stored) && stored > 0 ? stored : defaultIdleLockMinutes;
  }

  setIdleLockMinutes(minutes: number): void {
    this.store.settings.set(idleLockSettingKey, minutes, this.now());
  }

  /**
   * Checks the caller before a handler runs and answers with the context the handler sees: the
   * session's operator filled in from the database (so a role change applies at once).
   */
  admit(method: ApiMethodName, context: CallContext): CallContext {
    const needed = methodRoles[method];
    if (context.transport === 'cli') return { transport: 'cli' };
    if (context.transport === 'test' && context.sessionId === undefined) {
      // Handler tests act as an administrator unless they pass the operator they want to be.
      if (context.operator && !roleAllows(context.operator.role, needed)) throw this.forbidden(method, context.operator);
      return context;
    }
    const { session, operator } = this.resolve(context.sessionId);
    const admitted: CallContext = { transport: context.transport, sessionId: context.sessionId, bindSession: context.bindSession };
    if (needed === 'anyone') return session && operator && !session.locked ? { ...admitted, operator } : admitted;
    if (!session || !operator) throw new ServiceError('not-signed-in', 'Please sign in to Fanout first.');
    if (session.locked) throw new ServiceError('locked', 'This session is locked. Enter your password to continue.');
    if (!roleAllows(operator.role, needed)) throw this.forbidden(method, operator);
    return { ...admitted, operator };
  }

  private forbidden(method: ApiMethodName, operator: SignedInOperator): ServiceError {
    const needed = methodRoles[method];
    const neededName = needed === 'anyone' ? '' : roleNames[needed];
    return new ServiceError(
      'forbidden',
      `This needs the ${neededName} role${needed === 'admin' ? '' : ' or higher'}; you are signed in as ${roleNames[operator.role]}. Ask an administrator if you need it.`,
      [`${method} needs ${neededName}`],
    );
  }

  /** The session and its operator, when both still exist; idle time is checked on the way. */
  resolve(sessionId: string | undefined): { session?: OperatorSession; operator?: SignedInOperator } {
    const session = this.sessions.get(sessionId);
    if (!session) return {};
    const operator = this.store.operators.get(session.operatorId);
    if (!operator || operator.disabledAt !== null) {
      this.sessions.end(session.id);
      return {};
    }
    const now = this.now();
    if (!session.locked && now - session.lastActivityAt > this.idleLockMinutes() * 60_000) this.lockSession(session, 'idle');
    return { session, operator: toSignedIn(operator) };
  }

  /** Whether a connection holding this session may receive events that carry data. */
  canReceiveEvents(sessionId: string | undefined): boolean {
    const { session, operator } = this.resolve(sessionId);
    return session !== undefined && operator !== undefined && !session.locked;
  }

  lockSession(session: OperatorSession, reason: 'idle' | 'by-hand' | 'os-lock' | 'suspend'): void {
    session.locked = true;
    const operator = this.store.operators.get(session.operatorId);
    appendAuthAudit(
      this.store,
      { actor: operator ? { operatorId: operator.id, name: operator.displayName } : SYSTEM_ACTOR, action: 'operator.lock', subject: operator ? operatorSubject(operator) : null, details: { reason } },
      this.now(),
    );
    this.changed();
  }

  lockIdleSessions(): void {
    const locked = this.sessions.lockIdle(this.idleLockMinutes() * 60_000, this.now());
    for (const session of locked) {
      // lockIdle already set the flag; record it the same way as any other lock.
      this.lockSession(session, 'idle');
    }
  }

  /** The computer's screen was locked or it is going to sleep: every session needs its password again. */
  lockAllSessions(reason: 'os-lock' | 'suspend'): void {
    const locked = this.sessions.lockAll();
    if (locked.length === 0) return;
    appendAuthAudit(this.store, { actor: SYSTEM_ACTOR, action: 'operator.lock-all', details: { reason, sessions: locked.length } }, this.now());
    this.changed();
  }

  /** The window or tab holding this session is gone. */
  endSession(sessionId: string | undefined): void {
    if (this.sessions.end(sessionId)) this.changed();
  }

  changed(): void {
    this.events.emit('auth.changed', {});
  }
}

export function toSignedIn(operator: Operator): SignedInOperator {
  return { id: operator.id, username: operator.username, displayName: operator.displayName, role: operator.role };
}
