// Opens Fanout's database encrypted, whatever state the folder is in:
//   no database, no key file     → a new key file, then a new encrypted database
//   plain database (before #8)   → encrypted in place, its phone-hash secret moved to the key file
//   encrypted database + key     → opened; a rekey cut short (fanout.key.new) is finished
//   encrypted database, no key   → one clear error naming the key file to restore
import { existsSync, rmSync } from 'node:fs';
import { DatabaseOpenError, openDatabase, type FanoutDatabase, type OpenDatabaseOptions } from '../open-database';
import { forgetLegacyInstallSecret, readLegacyInstallSecret } from '../install-secret';
import { createSettingsRepository } from '../repositories/settings';
import { databaseFileState, DatabaseInUseError, rekeyConnection } from './database-cipher';
import type { KeyProtector } from './key-protector';
import {
  KeyFileError,
  keyFilePathFor,
  newDatabaseSecrets,
  pendingKeyFilePath,
  promotePendingKeyFile,
  unlockKeyFile,
  writeKeyFile,
  type DatabaseSecrets,
  type KeyProtection,
} from './key-file';

export interface OpenEncryptedDatabaseOptions extends Omit<OpenDatabaseOptions, 'key'> {
  /** Defaults to keyFilePathFor(path): fanout.db → fanout.key. */
  keyFile?: string;
  /** Asked only when the key file is protected by a passphrase. */
  passphrase?: () => string | undefined;
  /** The desktop app's secret store; new and plain key files are sealed with it when given. */
  protector?: KeyProtector;
}

export interface EncryptedDatabase {
  database: FanoutDatabase;
  secrets: DatabaseSecrets;
  keyFile: string;
  protection: KeyProtection;
  /** The file was plain and has just been encrypted in place. */
  encryptedNow: boolean;
}

export function openEncryptedDatabase(options: OpenEncryptedDatabaseOptions): EncryptedDatabase {
  const keyFile = options.keyFile ?? keyFilePathFor(options.path);
  const fileState = databaseFileState(options.path);
  const { protector } = options;
  const databaseOptions = databaseOptionsOf(options);

  if (fileState === 'plain') return encryptPlainDatabase(options, keyFile);

  if (!existsSync(keyFile)) {
    if (fileState === 'encrypted') {
      throw new DatabaseOpenError(
        'key-missing',
        `The database ${options.path} is encrypted, and its key file ${keyFile} is missing. Put the key file back from your backup (it belongs in the same folder as the database). Without it the data cannot be read.`,
      );
    }
    const secrets = newDatabaseSecrets();
    const protection = defaultProtection(protector);
    writeKeyFile(keyFile, secrets, protection);
    const database = openDatabase({ ...databaseOptions, key: secrets.databaseKey });
    return { database, secrets, keyFile, protection, encryptedNow: false };
  }

  let unlocked = unlock(keyFile, options);
  let database: FanoutDatabase;
  try {
    database = openDatabase({ ...databaseOptions, key: unlocked.secrets.databaseKey });
    rmSync(pendingKeyFilePath(keyFile), { force: true });
  } catch (error) {
    const pending = pendingKeyFilePath(keyFile);
    if (!isNotADatabase(error) || !existsSync(pending)) throw wrongKeyError(error, options.path, keyFile);
    // A rekey stopped between re-encrypting the database and replacing the key file.
    const next = unlock(pending, options);
    database = openWithWrongKeyHint(databaseOptions, next.secrets.databaseKey, keyFile);
    promotePendingKeyFile(pending, keyFile);
    unlocked = next;
  }
  upgradeToProtector(keyFile, unlocked, protector);
  return { database, ...carryOverLegacySecret(database, keyFile, unlocked), keyFile, encryptedNow: false };
}

/**
 * Re-encrypts the open database with a fresh random key, then replaces the key file. The new key
 * file is written first as fanout.key.new: if the process dies in between, the next open finds
 * whichever of the two keys opens the database, so no moment exists where neither would.
 */
export function rekeyEncryptedDatabase(opened: EncryptedDatabase, protection: KeyProtection): EncryptedDatabase {
  const secrets: DatabaseSecrets = { ...newDatabaseSecrets(opened.secrets.phoneHashSecret) };
  const pending = pendingKeyFilePath(opened.keyFile);
  writeKeyFile(pending, secrets, protection);
  try {
    rekeyConnection(opened.database.sqlite, secrets.databaseKey);
  } catch (error) {
    rmSync(pending, { force: true });
    if (error instanceof DatabaseInUseError) throw new DatabaseOpenError('in-use', error.message, { cause: error });
    throw error;
  }
  promotePendingKeyFile(pending, opened.keyFile);
  return { ...opened, secrets, protection };
}

/** Rewrites the key file with the same secrets under another protection (passphrase on or off). */
export function reprotectKeyFile(keyFile: string, sources: { passphrase?: () => string | undefined; protector?: KeyProtector }, protection: KeyProtection): void {
  const { secrets } = unlock(keyFile, sources);
  writeKeyFile(keyFile, secrets, protection);
}

function encryptPlainDatabase(options: OpenEncryptedDatabaseOptions, keyFile: string): EncryptedDatabase {
  const database = openDatabase(databaseOptionsOf(options));
  try {
    const settings = createSettingsRepository(database);
    const legacySecret = readLegacyInstallSecret(settings);
    // A key file may exist already: an earlier run wrote it and stopped before encrypting.
    const earlier = existsSync(keyFile) ? unlock(keyFile, options) : undefined;
    const secrets = earlier?.secrets ?? newDatabaseSecrets();
    if (legacySecret) secrets.phoneHashSecret = legacySecret;
    const protection = earlier?.protection ?? defaultProtection(options.protector);
    writeKeyFile(keyFile, secrets, protection);
    try {
      rekeyConnection(database.sqlite, secrets.databaseKey);
    } catch (error) {
      if (error instanceof DatabaseInUseError) throw new DatabaseOpenError('in-use', `Fanout encrypts this database on first use. ${error.message}`, { cause: error });
      throw error;
    }
    // Only now, inside the encrypted file; secure_delete overwrites the old row.
    forgetLegacyInstallSecret(settings);
    return { database, secrets, keyFile, protection, encryptedNow: true };
  } catch (error) {
    database.close();
    throw error;
  }
}

/** If the database still holds a secret from before (an interrupted carry-over), that one wins: its hashes were made with it. */
function carryOverLegacySecret(database: FanoutDatabase, keyFile: string, unlocked: { secrets: DatabaseSecrets; protection: KeyProtection }) {
  const settings = createSettingsRepository(database);
  const legacySecret = readLegacyInstallSecret(settings);
  if (!legacySecret) return unlocked;
  const secrets = { ...unlocked.secrets, phoneHashSecret: legacySecret };
  if (!legacySecret.equals(unlocked.secrets.phoneHashSecret)) writeKeyFile(keyFile, secrets, unlocked.protection);
  forgetLegacyInstallSecret(settings);
  return { secrets, protection: unlocked.protection };
}

/** The desktop app seals a plain key file (from `serve`, or an earlier version) with the OS store. */
function upgradeToProtector(keyFile: string, unlocked: { secrets: DatabaseSecrets; protection: KeyProtection }, protector: KeyProtector | undefined): void {
  if (!protector || unlocked.protection.kind !== 'file') return;
  unlocked.protection = { kind: 'os', protector };
  writeKeyFile(keyFile, unlocked.secrets, unlocked.protection);
}

function databaseOptionsOf(options: OpenEncryptedDatabaseOptions): Omit<OpenDatabaseOptions, 'key'> {
  return {
    path: options.path,
    ...(options.migrationsFolder !== undefined ? { migrationsFolder: options.migrationsFolder } : {}),
    ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}),
    ...(options.durability !== undefined ? { durability: options.durability } : {}),
  };
}

function defaultProtection(protector: KeyProtector | undefined): KeyProtection {
  return protector ? { kind: 'os', protector } : { kind: 'file' };
}

function unlock(keyFile: string, sources: { passphrase?: () => string | undefined; protector?: KeyProtector }) {
  try {
    return unlockKeyFile(keyFile, sources);
  } catch (error) {
    if (error instanceof KeyFileError) throw new DatabaseOpenError(error.kind === 'unreadable' ? 'key-missing' : 'key-locked', error.message, { cause: error });
    throw error;
  }
}

function openWithWrongKeyHint(databaseOptions: Omit<OpenDatabaseOptions, 'key'>, key: Buffer, keyFile: string): FanoutDatabase {
  try {
    return openDatabase({ ...databaseOptions, key });
  } catch (error) {
    throw wrongKeyError(error, databaseOptions.path, keyFile);
  }
}

function isNotADatabase(error: unknown): boolean {
  return error instanceof DatabaseOpenError && error.kind === 'not-a-database';
}

function wrongKeyError(error: unknown, databasePath: string, keyFile: string): unknown {
  if (!isNotADatabase(error)) return error;
  return new DatabaseOpenError(
    'key-wrong',
    `The key in ${keyFile} does not open the database ${databasePath}: they do not belong together (the database or the key file was replaced or restored from different backups). Restore the key file that was saved together with this database.`,
    { cause: error },
  );
}
