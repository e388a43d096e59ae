// A backup of the open database, encrypted like it (same cipher, same key), so it can be kept on
// a USB stick or a share without exposing anyone. Restoring is copying it back as fanout.db
// beside the same key file.
import { existsSync, rmSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { backupInto, databaseFileState, keyConnection } from './database-cipher';

export class BackupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BackupError';
  }
}

/**
 * Writes the backup and checks it: its first bytes must not be SQLite's plain header, and with
 * `key` it is also opened read-only and checked page by page (quick_check) before it counts.
 */
export function writeEncryptedBackup(sqlite: Database.Database, file: string, key?: Buffer): { bytes: number } {
  if (existsSync(file)) throw new BackupError(`${file} already exists. Choose a new file name; Fanout never overwrites a backup.`);
  try {
    backupInto(sqlite, file);
    if (databaseFileState(file) !== 'encrypted') throw new BackupError('The backup came out unencrypted; it was deleted.');
    if (key) checkBackup(file, key);
  } catch (error) {
    rmSync(file, { force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(`Could not write the backup ${file}: ${(error as Error).message}`, { cause: error });
  }
  return { bytes: statSync(file).size };
}

function checkBackup(file: string, key: Buffer): void {
  // The one other place that opens SQLite directly: read-only, for a check, never for the app.
  const copy = new Database(file, { readonly: true, fileMustExist: true });
  try {
    keyConnection(copy, key);
    const result = copy.pragma('quick_check', { simple: true });
    if (result !== 'ok') throw new BackupError(`The backup did not pass its check (${String(result)}); it was deleted.`);
  } finally {
    copy.close();
  }
}
