// A second connection to a database that is open already, for WAL checkpoints only
// (background-checkpoints.ts): keyed like the first, and nothing more. The first connection
// (open-database.ts) has migrated the database and noted this process as its user.
import Database from 'better-sqlite3';
import { keyConnection } from './encryption/database-cipher';

export function openCheckpointConnection(file: string, key: Buffer | undefined): Database.Database {
  const sqlite = new Database(file, { fileMustExist: true });
  try {
    if (key !== undefined) keyConnection(sqlite, key);
    // A wrong key shows here, not at the first checkpoint.
    sqlite.prepare('SELECT count(*) FROM sqlite_schema').get();
    return sqlite;
  } catch (error) {
    sqlite.close();
    throw error;
  }
}
