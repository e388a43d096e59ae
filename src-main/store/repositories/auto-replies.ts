// Automatic answers to keyword replies (the STOP and START confirmations, the HELP text), sent
// outside any campaign by the sending runtime's auto-reply worker. A row is 'queued' until a
// modem took it (sim_id set, still 'queued' while in the modem's hands), then 'sent' or 'failed'.
import type { FanoutDatabase } from '../open-database';
import type { PhoneHasher } from '../phone-hash';

export type AutoReplyKind = 'stop-confirmation' | 'start-confirmation' | 'help';
export type AutoReplyState = 'queued' | 'sent' | 'failed';

export interface AutoReply {
  id: number;
  inboundId: number | null;
  /** Null once the person was erased. */
  recipientE164: string | null;
  recipientHash: string;
  kind: AutoReplyKind;
  body: string | null;
  state: AutoReplyState;
  reason: string | null;
  /** The SIM that sent it (or was sending it when Fanout stopped). */
  simId: number | null;
  createdAt: number;
  sentAt: number | null;
}

/** A queued answer and the SIM its keyword reply came in on: answering from the same number is what the person expects. */
export interface DueAutoReply extends AutoReply {
  receivedOnSimId: number | null;
}

export interface AutoRepliesRepository {
  queue(reply: { inboundId: number | null; recipientE164: string; kind: AutoReplyKind; body: string }, now: number): number;
  /** Whether this number got (or is about to get) this kind of answer since then; failed ones do not count. */
  answeredSince(recipientE164: string, kind: AutoReplyKind, since: number): boolean;
  /** Queued answers no modem has taken yet, oldest first. */
  due(limit: number): DueAutoReply[];
  /** Takes a queued answer for a SIM; false when it is gone or another worker took it. */
  handOver(id: number, simId: number): boolean;
  markSent(id: number, at: number): void;
  markFailed(id: number, reason: string): void;
  /**
   * Answers a modem had taken when Fanout stopped: their outcome is unknown, and a confirmation
   * is not worth the risk of reaching someone twice, so they are recorded as failed with why.
   */
  failInterrupted(): number;
  /** Queued answers older than `createdBefore` fail with `reason`: a late answer confuses more than it helps. */
  expire(createdBefore: number, reason: string): number;
  /** The answers to one person, oldest first (for the Inbox thread). */
  forRecipient(recipientE164: string, limit: number): AutoReply[];
  get(id: number): AutoReply | undefined;
}

function columns(table: string): string {
  return `${table}.id, ${table}.inbound_id AS inboundId, ${table}.recipient_e164 AS recipientE164, ${table}.recipient_hash AS recipientHash,
    ${table}.kind, ${table}.body, ${table}.state, ${table}.reason, ${table}.sim_id AS simId, ${table}.created_at AS createdAt, ${table}.sent_at AS sentAt`;
}

export const INTERRUPTED_REASON = 'Fanout stopped while a modem was sending it; not sent again so that no one gets it twice.';

export function createAutoRepliesRepository(db: FanoutDatabase, hasher: PhoneHasher): AutoRepliesRepository {
  const { sqlite } = db;
  const insert = sqlite.prepare(
    `INSERT INTO auto_replies (inbound_id, recipient_e164, recipient_hash, kind, body, state, created_at)
     VALUES (@inboundId, @recipientE164, @recipientHash, @kind, @body, 'queued', @now)`,
  );
  const answered = sqlite.prepare<[string, string, number], { one: number }>(
    `SELECT 1 AS one FROM auto_replies WHERE recipient_hash = ? AND kind = ? AND state <> 'failed' AND created_at >= ? LIMIT 1`,
  );
  const dueRows = sqlite.prepare<[number], DueAutoReply>(
    `SELECT ${columns('a')}, i.sim_id AS receivedOnSimId
       FROM auto_replies a LEFT JOIN inbound_messages i ON i.id = a.inbound_id
      WHERE a.state = 'queued' AND a.sim_id IS NULL ORDER BY a.created_at, a.id LIMIT ?`,
  );
  const take = sqlite.prepare(`UPDATE auto_replies SET sim_id = ? WHERE id = ? AND state = 'queued' AND sim_id IS NULL`);
  const sent = sqlite.prepare(`UPDATE auto_replies SET state = 'sent', sent_at = ?, reason = NULL WHERE id = ?`);
  const failed = sqlite.prepare(`UPDATE auto_replies SET state = 'failed', reason = ?, sent_at = NULL WHERE id = ? AND state = 'queued'`);
  const interrupted = sqlite.prepare(`UPDATE auto_replies SET state = 'failed', reason = ? WHERE state = 'queued' AND sim_id IS NOT NULL`);
  const expired = sqlite.prepare(`UPDATE auto_replies SET state = 'failed', reason = ? WHERE state = 'queued' AND sim_id IS NULL AND created_at < ?`);
  const ofRecipient = sqlite.prepare<[string, number], AutoReply>(
    `SELECT * FROM (SELECT ${columns('auto_replies')} FROM auto_replies WHERE recipient_hash = ? ORDER BY created_at DESC, id DESC LIMIT ?) ORDER BY createdAt, id`,
  );
  const one = sqlite.prepare<[number], AutoReply>(`SELECT ${columns('auto_replies')} FROM auto_replies WHERE id = ?`);

  return {
    queue: (reply, now) => Number(insert.run({ ...reply, recipientHash: hasher.hash(reply.recipientE164), now }).lastInsertRowid),
    answeredSince: (recipientE164, kind, since) => answered.get(hasher.hash(recipientE164), kind, since) !== undefined,
    due: (limit) => dueRows.all(limit),
    handOver: (id, simId) => take.run(simId, id).changes > 0,
    markSent: (id, at) => void sent.run(at, id),
    markFailed: (id, reason) => void failed.run(reason, id),
    failInterrupted: () => interrupted.run(INTERRUPTED_REASON).changes,
    expire: (createdBefore, reason) => expired.run(reason, createdBefore).changes,
    forRecipient: (recipientE164, limit) => ofRecipient.all(hasher.hash(recipientE164), limit),
    get: (id) => one.get(id),
  };
}
