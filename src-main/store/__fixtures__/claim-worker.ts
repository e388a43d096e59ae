// A second process for the queue tests: claims messages from the database given on the command
// line and prints each claimed id as soon as the claim is committed.
//   claim-worker.ts DB SIM_ID drain   claim until nothing is due, handing each over
//   claim-worker.ts DB SIM_ID hang    hand one over, claim the next, then wait to be killed
import { openDatabase } from '../open-database';
import { createPhoneHasher } from '../phone-hash';
import { createStore } from '../store';
import { TEST_HASH_SECRET } from '../testing';

const [dbPath, simIdText, mode] = process.argv.slice(2);
if (!dbPath || !simIdText || (mode !== 'drain' && mode !== 'hang')) throw new Error('usage: claim-worker DB SIM_ID drain|hang');
const simId = Number(simIdText);
const store = createStore(openDatabase({ path: dbPath }), { phoneHasher: createPhoneHasher(TEST_HASH_SECRET) });

if (mode === 'drain') {
  for (let claimed = store.queue.claimNext({ simId, now: Date.now() }); claimed; claimed = store.queue.claimNext({ simId, now: Date.now() })) {
    process.stdout.write(`${claimed.id}\n`);
    store.queue.recordHandover(claimed.id, [{ partNumber: 1, reference: claimed.id % 256 }], Date.now());
  }
  store.database.close();
} else {
  const first = store.queue.claimNext({ simId, now: Date.now() });
  if (first) store.queue.recordHandover(first.id, [{ partNumber: 1, reference: 1 }], Date.now());
  const second = store.queue.claimNext({ simId, now: Date.now() });
  process.stdout.write(`handed-over ${first?.id} sending ${second?.id}\n`);
  setInterval(() => undefined, 1000);
}
