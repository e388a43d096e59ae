// Test helper: a real database file in a fresh temporary folder, with the real migrations.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type FanoutDatabase } from './open-database';
import { createPhoneHasher } from './phone-hash';
import { createStore, type Store } from './store';

export const TEST_HASH_SECRET = Buffer.alloc(32, 7);

export interface TempStore {
  dir: string;
  dbPath: string;
  database: FanoutDatabase;
  store: Store;
  /** Another connection to the same file, as a second process would have. */
  openAnother(): Store;
  cleanup(): void;
}

export function openTempStore(prefix = 'fanout-store-'): TempStore {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const dbPath = path.join(dir, 'fanout.db');
  const opened: FanoutDatabase[] = [];
  const open = () => {
    const database = openDatabase({ path: dbPath });
    opened.push(database);
    return createStore(database, { phoneHasher: createPhoneHasher(TEST_HASH_SECRET) });
  };
  const store = open();
  return {
    dir,
    dbPath,
    database: store.database,
    store,
    openAnother: open,
    cleanup() {
      for (const database of opened) database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
