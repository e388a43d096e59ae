// Wraps a store so an import benchmark can say where its time went: the database's batch writes
// and commit, timed here, and everything else (reading, decoding, parsing, normalising).
import type { Store } from '../../src-main/store';

export interface ImportBreakdown {
  batches: number;
  batchSeconds: number;
  /** The longest single batch transaction: how long the engine could have waited for the write lock. */
  longestBatch: number;
  commitSeconds: number;
  /** Waiting, after the commit, for the thread that checkpoints in the background to copy the rest of the log into the file. */
  lastCheckpointSeconds: number;
}

export function timedImportStore(store: Store, breakdown: ImportBreakdown): Store {
  const timed = <T>(work: () => T, record: (seconds: number) => void): T => {
    const started = performance.now();
    try {
      return work();
    } finally {
      record((performance.now() - started) / 1000);
    }
  };
  const contactImport: Store['contactImport'] = {
    ...store.contactImport,
    begin(request) {
      const session = store.contactImport.begin(request);
      if (!session) return session;
      return {
        importId: session.importId,
        stageBatch: (rows) =>
          timed(
            () => session.stageBatch(rows),
            (seconds) => {
              breakdown.batches++;
              breakdown.batchSeconds += seconds;
              breakdown.longestBatch = Math.max(breakdown.longestBatch, seconds);
            },
          ),
        commit: (summary, now) => timed(() => session.commit(summary, now), (seconds) => (breakdown.commitSeconds += seconds)),
        discard: () => session.discard(),
        checkpointed: async () => {
          const started = performance.now();
          await session.checkpointed();
          breakdown.lastCheckpointSeconds += (performance.now() - started) / 1000;
        },
      };
    },
  };
  return { ...store, contactImport };
}
