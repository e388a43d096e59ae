// A process for the crash test: imports the CSV given on the command line into the database,
// says so once some batches are written, and then stops dead inside the import, to be killed.
//   import-then-hang.ts DB CSV
import { openDatabase } from '../../store/open-database';
import { createPhoneHasher } from '../../store/phone-hash';
import { createStore } from '../../store/store';
import { TEST_HASH_SECRET } from '../../store/testing';
import { importContacts } from '../import-contacts';

const [dbPath, csvPath] = process.argv.slice(2);
if (!dbPath || !csvPath) throw new Error('usage: import-then-hang DB CSV');
const store = createStore(openDatabase({ path: dbPath }), { phoneHasher: createPhoneHasher(TEST_HASH_SECRET) });

await importContacts({
  store,
  path: csvPath,
  list: { listName: 'Crashed' },
  defaultCountry: 'DE',
  batchSize: 1000,
  onProgress: ({ rowsRead }) => {
    if (rowsRead < 3000) return;
    process.stdout.write(`written ${rowsRead}\n`);
    // Blocks the thread between two batches, as a process frozen mid-import would be.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
  },
});
process.stdout.write('finished\n');
