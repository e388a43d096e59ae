// One retention run: blank the texts older than the retention period, a range of ids at a time,
// yielding to the event loop between ranges so modems and the window are served meanwhile.
import { RETENTION_TABLES, type RetentionTable, type Store } from '../../store';
import type { AuditActor } from '../../store/repositories/audit';

const DAY_MS = 24 * 3600_000;
/** Ids per transaction: a few milliseconds of work, so a sending engine never waits long. */
export const RETENTION_BATCH_IDS = 2_000;
export const RETENTION_LAST_RUN_SETTING = 'privacy.retentionLastRun';

export interface RetentionRunResult {
  days: number;
  /** Texts older than this (epoch ms) were deleted. */
  cutoff: number;
  purged: Record<RetentionTable, number>;
  /** False when another connection kept the write-ahead log (with the old pages) from being emptied. */
  walTruncated: boolean;
  ranAt: number;
}

export interface RetentionRunOptions {
  days: number;
  now: number;
  actor: AuditActor;
  batchIds?: number;
  /** Record a run that deleted nothing too (the CLI's, which someone asked for). */
  alwaysAudit?: boolean;
  /** Awaited between batches; by default the next turn of the event loop. */
  pause?: () => Promise<void>;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function runRetention(store: Store, options: RetentionRunOptions): Promise<RetentionRunResult> {
  const cutoff = options.now - options.days * DAY_MS;
  const batch = options.batchIds ?? RETENTION_BATCH_IDS;
  const pause = options.pause ?? nextTurn;
  const purged: Record<RetentionTable, number> = { messages: 0, replies: 0, autoReplies: 0 };
  for (const table of RETENTION_TABLES) {
    const range = store.retention.idRange(table);
    if (!range) continue;
    for (let first = range.first; first <= range.last; first += batch) {
      purged[table] += store.retention.purgeRange(table, cutoff, first, Math.min(first + batch - 1, range.last));
      await pause();
    }
  }
  const walTruncated = store.retention.truncateWal();
  const result: RetentionRunResult = { days: options.days, cutoff, purged, walTruncated, ranAt: options.now };
  store.settings.set(RETENTION_LAST_RUN_SETTING, { ranAt: result.ranAt, days: result.days, purged }, options.now);
  const total = purged.messages + purged.replies + purged.autoReplies;
  // A scheduled run that found nothing would fill the log with a line a day.
  if (total > 0 || options.alwaysAudit) {
    store.audit.append({ actor: options.actor, action: 'retention.run', details: { days: options.days, cutoff, ...purged } }, options.now);
  }
  return result;
}

export interface RetentionLastRun {
  ranAt: number;
  days: number;
  purged: Record<RetentionTable, number>;
}

export function readLastRetentionRun(store: Store): RetentionLastRun | null {
  const stored = store.settings.get<RetentionLastRun>(RETENTION_LAST_RUN_SETTING);
  return stored && typeof stored.ranAt === 'number' ? stored : null;
}
