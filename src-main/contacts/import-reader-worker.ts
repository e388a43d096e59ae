// Worker-thread entry of an import's reading half (import-row-reader.ts): parsing and number
// normalisation run on another core while the main thread writes, and never hold up its event
// loop (the engine, the window). Messages in: start, settle, finish, discard.
import { parentPort, workerData } from 'node:worker_threads';
import { batchBuffer } from '../store/staged-contacts';
import { RowReader, type RowReaderConfig, type RowTurnedDown } from './import-row-reader';

export type ReaderCommand = { type: 'settle'; turnedDown: RowTurnedDown[]; spareBuffer?: ArrayBuffer } | { type: 'finish' } | { type: 'discard' };

const port = parentPort;
if (!port) throw new Error('import-reader-worker runs only as a worker thread');
// A batch's buffer is moved to the main thread, not copied (and comes back with its settle).
const reader = new RowReader(workerData as RowReaderConfig, (message) => {
  const moved = message.type === 'batch' ? batchBuffer(message.rows) : undefined;
  port.postMessage(message, moved ? [moved] : []);
});
port.on('message', (command: ReaderCommand) => {
  if (command.type === 'settle') reader.settle(command.turnedDown, command.spareBuffer);
  else if (command.type === 'finish') port.postMessage({ type: 'finished', rejectedCsvPath: reader.finish() });
  else {
    reader.discard();
    port.postMessage({ type: 'discarded' });
  }
});
void reader.run();
