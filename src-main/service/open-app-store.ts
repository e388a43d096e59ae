import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createPhoneHasher, createStore, type Store } from '../store';
import { openEncryptedDatabase, type EncryptedDatabase, type KeyProtector } from '../store/encryption';
import { passphraseFromEnvironmentOrTerminal } from './encryption/passphrase-source';

export const databaseFileName = 'fanout.db';

export function defaultDatabasePath(dataDir: string): string {
  return path.join(dataDir, databaseFileName);
}

export interface OpenAppStoreOptions {
  migrationsFolder?: string;
  /** The desktop app's OS secret store (safeStorage); absent for `serve` and the CLI. */
  keyProtector?: KeyProtector;
  /** Where a passphrase comes from if the key file needs one; default FANOUT_PASSPHRASE, then a prompt on a terminal. */
  passphrase?: () => string | undefined;
}

/**
 * Opens (creating it on first use) the encrypted database at `dbPath` with everything the app
 * needs on top: its key from the key file beside it, migrations applied, the per-install secret
 * for phone hashes, all repositories. A plain database from an earlier version is encrypted in
 * place here. Every entry point (desktop app, serve, CLI) opens its data through here.
 */
export function openAppStore(dbPath: string, options: OpenAppStoreOptions = {}): Store {
  return storeOver(openAppDatabase(dbPath, options));
}

/** The same, keeping the key material: for `fanout db rekey`, which must write the key file again. */
export function openAppDatabase(dbPath: string, options: OpenAppStoreOptions = {}): EncryptedDatabase {
  mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
  return openEncryptedDatabase({
    path: dbPath,
    ...(options.migrationsFolder ? { migrationsFolder: options.migrationsFolder } : {}),
    ...(options.keyProtector ? { protector: options.keyProtector } : {}),
    passphrase: options.passphrase ?? passphraseFromEnvironmentOrTerminal,
  });
}

export function storeOver(opened: EncryptedDatabase): Store {
  return createStore(opened.database, { phoneHasher: createPhoneHasher(opened.secrets.phoneHashSecret) });
}
