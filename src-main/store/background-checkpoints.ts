// WAL checkpoints on a thread of their own while a large write runs (an import). A checkpoint
// copies the pages of the write-ahead log into the database file; SQLite runs it inside the
// commit that fills the log past its threshold, on the thread that writes, which is the thread
// the engine and the window share. For an encrypted database each page is decrypted from the
// log and encrypted again into the file: a million-row import spent a third of its writing
// time (a second) in checkpoints. Another connection on a worker thread does them instead, and
// the writer's own threshold stays as a safety net in case that thread falls behind or fails.
import type { Worker } from 'node:worker_threads';
import { startWorker, workerScript } from '../worker-script';
import type { CheckpointWorkerData, CheckpointWorkerReply } from './checkpoint-worker';

/**
 * How often the worker checkpoints. Each checkpoint syncs the log and the database file to disk:
 * every 20 ms cost a million-row encrypted import ~5% more time than every 250 ms, and up to 25 MB
 * of log (a quarter second of an import's writing) stays well below the writer's safety net.
 */
const INTERVAL_MS = 250;

export interface BackgroundCheckpoints {
  /** Ends the worker after one last checkpoint; resolves when its connection is closed. */
  stop(): Promise<void>;
}

/**
 * Starts checkpointing `file` on a worker thread, or returns undefined where no worker script is
 * available (then the writer checkpoints as usual). `onFailure` hears why the worker stopped on
 * its own (a checkpoint failed, the connection could not be opened).
 */
export function startBackgroundCheckpoints(file: string, key: Buffer | undefined, onFailure: (message: string) => void): BackgroundCheckpoints | undefined {
  let worker: Worker;
  try {
    const script = workerScript(import.meta.url, 'checkpoint-worker', ['better-sqlite3']);
    if (!script) return undefined;
    const workerData: CheckpointWorkerData = { path: file, intervalMs: INTERVAL_MS, ...(key ? { key } : {}) };
    // The worker allocates next to nothing; small heaps keep its share of the process small.
    const resourceLimits = { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 };
    worker = startWorker(script, { workerData, resourceLimits });
  } catch (error) {
    // Checkpoints on another thread only save the writer time: without them it checkpoints itself.
    console.error('Fanout: could not start checkpoints on a worker thread:', error);
    return undefined;
  }
  let stopping = false;
  const ended = new Promise<void>((resolve) => {
    worker.on('message', (reply: CheckpointWorkerReply) => {
      if (reply.type === 'failed' && !stopping) onFailure(reply.message);
    });
    worker.on('error', (error) => {
      if (!stopping) onFailure(error.message);
    });
    worker.on('exit', () => resolve());
  });
  return {
    stop() {
      if (!stopping) {
        stopping = true;
        worker.postMessage('stop');
      }
      return ended;
    },
  };
}
