import { randomBytes } from 'node:crypto';

/** One sign-in on one window or tab. Kept in memory only: a restart of Fanout signs everyone out. */
export interface OperatorSession {
  readonly id: string;
  readonly operatorId: number;
  locked: boolean;
  /** Last time the window reported its user acting (or the sign-in/unlock itself). */
  lastActivityAt: number;
}

/** Sessions nobody has used for this long are forgotten, locked or not (a closed browser tab). */
export const forgottenAfterMs = 12 * 3600_000;

export class SessionRegistry {
  private readonly sessions = new Map<string, OperatorSession>();

  create(operatorId: number, now: number): OperatorSession {
    // 256 random bits, base64url: the session id is a bearer secret for a serve tab.
    const session: OperatorSession = { id: randomBytes(32).toString('base64url'), operatorId, locked: false, lastActivityAt: now };
    this.sessions.set(session.id, session);
    return session;
  }

  get(id: string | undefined): OperatorSession | undefined {
    return id === undefined ? undefined : this.sessions.get(id);
  }

  end(id: string | undefined): boolean {
    return id !== undefined && this.sessions.delete(id);
  }

  endAllOf(operatorId: number, except?: string): number {
    let ended = 0;
    for (const session of this.sessions.values()) {
      if (session.operatorId === operatorId && session.id !== except) {
        this.sessions.delete(session.id);
        ended++;
      }
    }
    return ended;
  }

  /** Locks every open session (the computer's screen was locked or it is going to sleep). */
  lockAll(): OperatorSession[] {
    const locked: OperatorSession[] = [];
    for (const session of this.sessions.values()) {
      if (!session.locked) {
        session.locked = true;
        locked.push(session);
      }
    }
    return locked;
  }

  /** Locks the sessions idle for longer than `idleMs` and forgets the long-abandoned ones. */
  lockIdle(idleMs: number, now: number): OperatorSession[] {
    const locked: OperatorSession[] = [];
    for (const session of this.sessions.values()) {
      if (now - session.lastActivityAt > forgottenAfterMs) {
        this.sessions.delete(session.id);
      } else if (!session.locked && now - session.lastActivityAt > idleMs) {
        session.locked = true;
        locked.push(session);
      }
    }
    return locked;
  }

  get size(): number {
    return this.sessions.size;
  }
}
