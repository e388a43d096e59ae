// Where the importer gets its batches from: the reader on a worker thread for large files, or in
// this thread (small files, where starting a worker costs more than it saves, and bundles that
// were built without the worker's entry). Both speak the reader's messages.
import type { ReaderCommand } from './import-reader-worker';
import { batchBuffer, type StagedContacts } from '../store/staged-contacts';
import { startWorker, workerScript, type WorkerScript } from '../worker-script';
import { RowReader, type ReaderMessage, type RowReaderConfig, type RowTurnedDown } from './import-row-reader';

export interface RowSource {
  /** The next batch, or the end, or the error that stopped reading. */
  next(): Promise<ReaderMessage>;
  /** Answers the oldest unanswered batch with the rows the database did not take; its buffer goes back to the reader to be written again. */
  settle(turnedDown: RowTurnedDown[], batch: StagedContacts): void;
  /** The rejected rows' file, once every batch is settled. */
  finish(): Promise<string | undefined>;
  /** Stops reading and removes the rejected rows' file. */
  discard(): Promise<void>;
}

/**
 * The reader's young generation: what it holds until the database has taken a batch (numbers,
 * cells) must not outlive a scavenge or two, or it is collected again in the old generation. When
 * each row was JSON text, 8 MB cost the reader a third of its time and 32 MB paid; now a batch is
 * written into a buffer outside the heap, 16 MB imports a million rows as fast as 32 MB (plain;
 * encrypted ~2% slower) with a peak ~12 MB lower, and 8 MB is ~3% slower again.
 */
const WORKER_YOUNG_MB = 16;
/** Far above what the reader holds; a file that still needs more fails as an import error, not the app. */
const WORKER_OLD_MB = 96;

/** Files smaller than this are read in this thread. */
export const WORKER_MIN_BYTES = 4 * 1024 * 1024;

/** A queue of the reader's messages, taken one at a time by `next()`. */
class Mailbox<T> {
  private readonly items: T[] = [];
  private waiting: ((item: T) => void) | undefined;

  put(item: T): void {
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve(item);
    } else this.items.push(item);
  }

  take(): Promise<T> {
    const item = this.items.shift();
    if (item !== undefined) return Promise.resolve(item);
    return new Promise<T>((resolve) => (this.waiting = resolve));
  }
}

export async function openRowSource(config: RowReaderConfig, options: { inWorker: boolean }): Promise<RowSource> {
  const script = options.inWorker ? workerScript(import.meta.url, 'import-reader-worker') : undefined;
  return script ? workerSource(config, script) : inThreadSource(config);
}

function inThreadSource(config: RowReaderConfig): RowSource {
  const mailbox = new Mailbox<ReaderMessage>();
  const reader = new RowReader(config, (message) => mailbox.put(message));
  void reader.run();
  return {
    next: () => mailbox.take(),
    settle: (turnedDown, batch) => reader.settle(turnedDown, batchBuffer(batch)),
    finish: () => Promise.resolve(reader.finish()),
    discard: () => {
      reader.discard();
      return Promise.resolve();
    },
  };
}

type WorkerReply = ReaderMessage | { type: 'finished'; rejectedCsvPath: string | undefined } | { type: 'discarded' };

function workerSource(config: RowReaderConfig, script: WorkerScript): RowSource {
  // The reader holds a few batches and the numbers seen so far (typed arrays, outside this heap);
  // a bounded young generation keeps its garbage from growing the process without limit.
  const resourceLimits = { maxYoungGenerationSizeMb: WORKER_YOUNG_MB, maxOldGenerationSizeMb: WORKER_OLD_MB };
  const worker = startWorker(script, { workerData: config, resourceLimits });
  const messages = new Mailbox<ReaderMessage>();
  const replies = new Mailbox<WorkerReply>();
  let exited = false;
  worker.on('message', (reply: WorkerReply) => (reply.type === 'finished' || reply.type === 'discarded' ? replies.put(reply) : messages.put(reply)));
  worker.on('error', (error) => {
    const lost: ReaderMessage = { type: 'error', error: { kind: 'other', message: error.message, ...(error.stack ? { stack: error.stack } : {}) } };
    messages.put(lost);
    replies.put({ type: 'discarded' });
  });
  worker.on('exit', () => {
    exited = true;
    messages.put({ type: 'error', error: { kind: 'other', message: 'The import reader stopped unexpectedly' } });
    replies.put({ type: 'discarded' });
  });
  const send = (command: ReaderCommand, transfer: ArrayBuffer[] = []) => {
    if (!exited) worker.postMessage(command, transfer);
  };
  const stop = async () => {
    if (!exited) await worker.terminate();
  };
  return {
    next: () => messages.take(),
    settle: (turnedDown, batch) => {
      const spare = batchBuffer(batch);
      send({ type: 'settle', turnedDown, ...(spare ? { spareBuffer: spare } : {}) }, spare ? [spare] : []);
    },
    async finish() {
      send({ type: 'finish' });
      const reply = await replies.take();
      await stop();
      return reply.type === 'finished' ? reply.rejectedCsvPath : undefined;
    },
    async discard() {
      send({ type: 'discard' });
      await replies.take();
      await stop();
    },
  };
}
