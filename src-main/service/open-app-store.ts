import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createPhoneHasher, createStore, loadOrCreateInstallSecret, openDatabase, type Store } from '../store';

export const databaseFileName = 'fanout.db';

export function defaultDatabasePath(dataDir: string): string {
  return path.join(dataDir, databaseFileName);
}

/**
 * Opens (creating it on first use) the database at `dbPath` with everything the app needs on
 * top: migrations applied, the per-install secret for phone hashes, all repositories. Every entry
 * point (desktop app, serve, CLI) opens its data through here.
 */
export function openAppStore(dbPath: string, options: { migrationsFolder?: string } = {}): Store {
  mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
  const database = openDatabase({ path: dbPath, ...(options.migrationsFolder ? { migrationsFolder: options.migrationsFolder } : {}) });
  try {
    // The secret lives in the settings table, which never hashes numbers: a throwaway hasher is
    // enough to read it, and the real store is built with the real secret right after.
    const bootstrap = createStore(database, { phoneHasher: createPhoneHasher(Buffer.alloc(32)) });
    const secret = loadOrCreateInstallSecret(bootstrap.settings, Date.now());
    return createStore(database, { phoneHasher: createPhoneHasher(secret) });
  } catch (error) {
    database.close();
    throw error;
  }
}
