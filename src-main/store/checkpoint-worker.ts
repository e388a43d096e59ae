// Worker-thread entry of background checkpoints (background-checkpoints.ts): copies what the
// write-ahead log holds into the database file every `intervalMs`, and once more when stopped,
// so the thread that writes does not have to. Messages in: 'stop'. Out: 'stopped', or 'failed'
// with the reason.
import { parentPort, workerData } from 'node:worker_threads';
import { openCheckpointConnection } from './checkpoint-connection';

export interface CheckpointWorkerData {
  path: string;
  key?: Uint8Array;
  intervalMs: number;
}

export type CheckpointWorkerReply = { type: 'stopped' } | { type: 'failed'; message: string };

const port = parentPort;
if (!port) throw new Error('checkpoint-worker runs only as a worker thread');
const { path, key, intervalMs } = workerData as CheckpointWorkerData;
const reply = (message: CheckpointWorkerReply) => port.postMessage(message);

try {
  const connection = openCheckpointConnection(path, key ? Buffer.from(key) : undefined);
  const timer = setInterval(() => {
    try {
      // PASSIVE never waits: frames a reader or the writer holds are copied at the next turn.
      connection.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      clearInterval(timer);
      connection.close();
      reply({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
      port.close();
    }
  }, intervalMs);
  port.on('message', (message: unknown) => {
    if (message !== 'stop') return;
    clearInterval(timer);
    // The last of the log too: the writer leaves it to this thread.
    try {
      connection.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // The writer's next commits checkpoint it.
    }
    connection.close();
    reply({ type: 'stopped' });
    port.close();
  });
} catch (error) {
  reply({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  port.close();
}
