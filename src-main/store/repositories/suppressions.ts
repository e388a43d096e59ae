import type { FanoutDatabase } from '../open-database';
import type { PhoneHasher } from '../phone-hash';

export interface SuppressionEntry {
  id: number;
  /** Null once the person was erased: only the hash is left. */
  phoneE164: string | null;
  phoneHash: string;
  reason: string;
  source: string;
  createdAt: number;
}

export interface NewSuppression {
  phoneE164: string;
  reason: string;
  source: string;
}

export type SuppressionEventKind = 'opt-out' | 'opt-in';

/** One opt-out or opt-in in a number's history; by hash only, so it outlives an erasure. */
export interface SuppressionEvent {
  id: number;
  phoneHash: string;
  event: SuppressionEventKind;
  /** 'stop-reply', 'start-reply', 'near-miss-review', 'manual', … */
  source: string;
  reason: string | null;
  at: number;
  /** Who, as the audit log names them ("Fanout" for a keyword reply). */
  actor: string;
}

export interface SuppressionsRepository {
  /**
   * Puts the number on the list, flags the contact and skips its queued messages, in one
   * transaction, so no message is claimed for it afterwards. `added` is false when it already was.
   */
  add(entry: NewSuppression, now: number): { added: boolean; skippedMessages: number };
  /** Takes the number off the list (e.g. START); messages already skipped stay skipped. */
  remove(phoneE164: string): boolean;
  /** Where the number's entry came from ('stop-reply', 'erasure', …), or undefined when it is not listed. */
  sourceOf(phoneE164: string): string | undefined;
  /** The keyed hash the list and the history know a number by. */
  phoneHashOf(phoneE164: string): string;
  recordEvent(event: Omit<SuppressionEvent, 'id'>): number;
  /** A number's opt-out and opt-in history, oldest first. */
  eventsOf(phoneHash: string): SuppressionEvent[];
  isSuppressed(phoneE164: string): boolean;
  isHashSuppressed(phoneHash: string): boolean;
  list(page: { limit: number; offset?: number }): SuppressionEntry[];
  count(): number;
  /** How many entries exist, and how many of them are hash-only (erased people). */
  stats(): { total: number; hashOnly: number };
}

export const OPTED_OUT_REASON = 'opted out';

export function createSuppressionsRepository(db: FanoutDatabase, hasher: PhoneHasher): SuppressionsRepository {
  const { sqlite } = db;
  const insert = sqlite.prepare(
    `INSERT INTO suppressions (phone_hash, phone_e164, reason, source, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (phone_hash) DO NOTHING`,
  );
  const flagContact = sqlite.prepare('UPDATE contacts SET opted_out = ?, updated_at = ? WHERE phone_e164 = ? AND opted_out <> ?');
  const skipQueued = sqlite.prepare(
    `UPDATE messages SET state = 'skipped', reason = ?, finished_at = ?, updated_at = ?
      WHERE recipient_hash = ? AND state = 'queued'`,
  );
  const removeByHash = sqlite.prepare('DELETE FROM suppressions WHERE phone_hash = ?');
  const sourceByHash = sqlite.prepare<[string], { source: string }>('SELECT source FROM suppressions WHERE phone_hash = ?');
  const insertEvent = sqlite.prepare(
    'INSERT INTO suppression_events (phone_hash, event, source, reason, at, actor) VALUES (@phoneHash, @event, @source, @reason, @at, @actor)',
  );
  const eventsByHash = sqlite.prepare<[string], SuppressionEvent>(
    'SELECT id, phone_hash AS phoneHash, event, source, reason, at, actor FROM suppression_events WHERE phone_hash = ? ORDER BY at, id',
  );
  const exists = sqlite.prepare<[string], { one: number }>('SELECT 1 AS one FROM suppressions WHERE phone_hash = ?');
  const page = sqlite.prepare<[number, number], SuppressionEntry>(
    `SELECT id, phone_e164 AS phoneE164, phone_hash AS phoneHash, reason, source, created_at AS createdAt
       FROM suppressions ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`,
  );
  const stats = sqlite.prepare<[], { total: number; hashOnly: number }>(
    'SELECT count(*) AS total, coalesce(sum(phone_e164 IS NULL), 0) AS hashOnly FROM suppressions',
  );

  const add = sqlite.transaction((entry: NewSuppression, now: number) => {
    const hash = hasher.hash(entry.phoneE164);
    const added = insert.run(hash, entry.phoneE164, entry.reason, entry.source, now).changes > 0;
    flagContact.run(1, now, entry.phoneE164, 1);
    const skippedMessages = skipQueued.run(OPTED_OUT_REASON, now, now, hash).changes;
    return { added, skippedMessages };
  });
  const remove = sqlite.transaction((phoneE164: string) => {
    const removed = removeByHash.run(hasher.hash(phoneE164)).changes > 0;
    if (removed) flagContact.run(0, Date.now(), phoneE164, 0);
    return removed;
  });

  return {
    add: (entry, now) => add.immediate(entry, now),
    remove: (phoneE164) => remove.immediate(phoneE164),
    sourceOf: (phoneE164) => sourceByHash.get(hasher.hash(phoneE164))?.source,
    phoneHashOf: (phoneE164) => hasher.hash(phoneE164),
    recordEvent: (event) => Number(insertEvent.run(event).lastInsertRowid),
    eventsOf: (phoneHash) => eventsByHash.all(phoneHash),
    isSuppressed: (phoneE164) => exists.get(hasher.hash(phoneE164)) !== undefined,
    isHashSuppressed: (phoneHash) => exists.get(phoneHash) !== undefined,
    list: ({ limit, offset }) => page.all(limit, offset ?? 0),
    count: () => stats.get()?.total ?? 0,
    stats: () => stats.get() ?? { total: 0, hashOnly: 0 },
  };
}
