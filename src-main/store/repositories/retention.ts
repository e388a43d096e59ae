// Storage limitation (GDPR Art. 5(1)(e)): the texts of messages, replies and automatic answers
// are blanked once older than the retention period; the rows stay, so counts, states and
// delivery figures do not change. Work is cut into id ranges, one short transaction each, so the
// engine's writes never wait long behind a purge of a million rows.
import type { FanoutDatabase } from '../open-database';

export const RETENTION_TABLES = ['messages', 'replies', 'autoReplies'] as const;
export type RetentionTable = (typeof RETENTION_TABLES)[number];

export interface RetentionRepository {
  /** The id range to walk; null when the table is empty. */
  idRange(table: RetentionTable): { first: number; last: number } | null;
  /** Blanks the texts older than `cutoff` among ids first..last; returns how many. */
  purgeRange(table: RetentionTable, cutoff: number, first: number, last: number): number;
  /** How many texts older than `cutoff` are still kept (for a dry run and the tests). */
  countPurgeable(table: RetentionTable, cutoff: number): number;
  /** Empties the write-ahead log so the old pages with the texts go too; false when a reader kept it busy. */
  truncateWal(): boolean;
}

/**
 * What "older than" means per table. A message's age counts from when its fate was settled
 * (delivered, failed, skipped…); messages still queued or in a modem's hands keep their text,
 * whatever their age, or they could never be sent, and so do those whose fate is unknown (cut
 * off mid-send): the user may still choose to send them again. An answer still queued keeps it too.
 */
const PURGEABLE: Record<RetentionTable, { table: string; where: string }> = {
  messages: {
    table: 'messages',
    where: "body IS NOT NULL AND state NOT IN ('queued', 'sending', 'unknown') AND coalesce(finished_at, sent_at, updated_at) < @cutoff",
  },
  // A near miss ("stop please") waiting for an operator keeps its text: the operator decides on it.
  replies: { table: 'inbound_messages', where: "body IS NOT NULL AND received_at < @cutoff AND NOT (keyword IS 'near-miss' AND reviewed_at IS NULL)" },
  autoReplies: { table: 'auto_replies', where: "body IS NOT NULL AND state <> 'queued' AND coalesce(sent_at, created_at) < @cutoff" },
};

export function createRetentionRepository(db: FanoutDatabase): RetentionRepository {
  const { sqlite } = db;
  const statements = Object.fromEntries(
    RETENTION_TABLES.map((name) => {
      const { table, where } = PURGEABLE[name];
      return [
        name,
        {
          range: sqlite.prepare<[], { first: number | null; last: number | null }>(`SELECT min(id) AS first, max(id) AS last FROM ${table}`),
          purge: sqlite.prepare<{ cutoff: number; first: number; last: number }>(`UPDATE ${table} SET body = NULL WHERE id BETWEEN @first AND @last AND ${where}`),
          count: sqlite.prepare<{ cutoff: number }, { n: number }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`),
        },
      ];
    }),
  ) as Record<
    RetentionTable,
    {
      range: ReturnType<typeof sqlite.prepare<[], { first: number | null; last: number | null }>>;
      purge: ReturnType<typeof sqlite.prepare<{ cutoff: number; first: number; last: number }>>;
      count: ReturnType<typeof sqlite.prepare<{ cutoff: number }, { n: number }>>;
    }
  >;

  return {
    idRange(table) {
      const row = statements[table].range.get();
      return row?.first == null || row.last == null ? null : { first: row.first, last: row.last };
    },
    purgeRange: (table, cutoff, first, last) => statements[table].purge.run({ cutoff, first, last }).changes,
    countPurgeable: (table, cutoff) => statements[table].count.get({ cutoff })?.n ?? 0,
    truncateWal() {
      const [checkpoint] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      return checkpoint?.busy === 0;
    },
  };
}
