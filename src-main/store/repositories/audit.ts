// The audit log: who did what, append-only and hash-chained (see auditLog in ../schema.ts).
// The repository itself is built by the audit work of issue 8; this module first fixes who an
// entry is attributed to, so every part of Fanout names actors the same way.

export interface AuditActor {
  /** The operator's id; null for the CLI's local administrator and for Fanout itself. */
  readonly operatorId: number | null;
  /** As shown in the log. */
  readonly name: string;
}

/** Whoever holds the database file and its key has the data anyway: the CLI acts as its administrator. */
export const CLI_ACTOR: AuditActor = { operatorId: null, name: 'CLI (local administrator)' };

/** Fanout acting on its own: a STOP reply processed, a retention run on schedule. */
export const SYSTEM_ACTOR: AuditActor = { operatorId: null, name: 'Fanout' };
