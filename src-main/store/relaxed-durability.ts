// Commits whose loss on power failure is harmless may skip the fsync: with synchronous=NORMAL
// in WAL mode they reach the log without waiting for the disk, and the next FULL commit syncs
// them along with itself (WAL frames are checksummed in order, so after a power loss a later
// commit never survives without the earlier ones). Used for the queue's records after a
// hand-over and for an import's staging batches.
import type Database from 'better-sqlite3';

export function relaxedDurability<A extends unknown[], R>(sqlite: Database.Database, write: (...args: A) => R): (...args: A) => R {
  return (...args: A) => {
    // SQLite refuses to change the safety level inside a transaction; a caller's transaction
    // then simply commits at the connection's level. Connections opened with durability
    // 'normal' are left as they are.
    if (sqlite.inTransaction || (sqlite.pragma('synchronous', { simple: true }) as number) < 2) return write(...args);
    sqlite.pragma('synchronous = NORMAL');
    try {
      return write(...args);
    } finally {
      sqlite.pragma('synchronous = FULL');
    }
  };
}
