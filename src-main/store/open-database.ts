// The one way Fanout opens its database. Nothing opens SQLite at import time, and nothing else
// calls `new Database()` (but the read-only check of a backup, encryption/encrypted-backup.ts,
// and the checkpoint connection this one starts, checkpoint-connection.ts): encryption (issue 8)
// keys the connection here, before the first read.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { keyConnection } from './encryption/database-cipher';
import { startBackgroundCheckpoints, type BackgroundCheckpoints } from './background-checkpoints';
import { registerDatabaseUser } from './database-users';
import * as schema from './schema';

export type FanoutOrm = BetterSQLite3Database<typeof schema>;

export interface OpenDatabaseOptions {
  /** Database file; created with its folder's permissions if missing. */
  path: string;
  /**
   * The 32-byte database key (issue 8; encryption/database-cipher.ts fixes the cipher). Without it
   * the file is plain: tests and benchmarks of other layers. The app opens through
   * openEncryptedDatabase, which finds the key.
   */
  key?: Buffer;
  /** Where the drizzle migrations are; defaults to `migrations/` beside this module or bundle. */
  migrationsFolder?: string;
  /** Milliseconds to wait for another connection's write lock before SQLITE_BUSY. */
  busyTimeoutMs?: number;
  /**
   * 'full' (default) survives power loss; 'normal' only a crash of Fanout itself (the OS still
   * writes the log). Only for throw-away databases such as benchmarks of other layers.
   */
  durability?: 'full' | 'normal';
}

export interface FanoutDatabase {
  readonly path: string;
  /** Raw connection, for repositories' prepared statements only. */
  readonly sqlite: Database.Database;
  readonly orm: FanoutOrm;
  /**
   * Checkpoints this database on a worker thread until stopped (background-checkpoints.ts), with
   * a connection keyed like this one; undefined where no worker can be started.
   */
  startBackgroundCheckpoints(onFailure: (message: string) => void): BackgroundCheckpoints | undefined;
  close(): void;
}

export type DatabaseOpenFailure =
  | 'cannot-open'
  | 'not-a-database'
  | 'migrations-missing'
  | 'migration-failed'
  /** Encrypted, and its key file is gone. */
  | 'key-missing'
  /** The key file's key does not open this database. */
  | 'key-wrong'
  /** The key file needs a passphrase (none given, or the wrong one) or the desktop app's secret store. */
  | 'key-locked'
  /** Another program has the database open while it must be re-encrypted. */
  | 'in-use';

export class DatabaseOpenError extends Error {
  constructor(
    readonly kind: DatabaseOpenFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DatabaseOpenError';
  }
}

/**
 * `migrations/` next to this file: src-main/store/migrations when run from source (tsx, vitest),
 * dist/main/migrations when bundled into dist/main/*.cjs (the build copies the folder there).
 * esbuild leaves `import.meta.url` undefined in CJS output, hence the __dirname fallback.
 */
export function defaultMigrationsFolder(): string {
  const moduleUrl: unknown = import.meta.url;
  const here = typeof moduleUrl === 'string' ? path.dirname(fileURLToPath(moduleUrl)) : __dirname;
  return path.join(here, 'migrations');
}

export function openDatabase(options: OpenDatabaseOptions): FanoutDatabase {
  const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder();
  if (!existsSync(path.join(migrationsFolder, 'meta', '_journal.json'))) {
    throw new DatabaseOpenError('migrations-missing', `Fanout's database migrations were not found in ${migrationsFolder}. The installation is incomplete; reinstall Fanout.`);
  }

  let sqlite: Database.Database;
  try {
    sqlite = new Database(options.path);
  } catch (cause) {
    throw new DatabaseOpenError('cannot-open', `Cannot open the database ${options.path}: ${describe(cause)}. Check that the folder exists and you may write to it.`, { cause });
  }

  try {
    if (options.key !== undefined) keyConnection(sqlite, options.key);
    probeReadable(sqlite, options);
    configureConnection(sqlite, options);
    applyMigrations(sqlite, migrationsFolder);
  } catch (error) {
    sqlite.close();
    throw error;
  }

  const orm = drizzle({ client: sqlite, schema });
  const unregister = registerDatabaseUser(options.path);
  return {
    path: options.path,
    sqlite,
    orm,
    startBackgroundCheckpoints: (onFailure) => startBackgroundCheckpoints(options.path, options.key, onFailure),
    close: () => {
      if (sqlite.open) sqlite.close();
      unregister();
    },
  };
}

/** A wrong key or a file that is not SQLite shows up on the first read: make that one clear error. */
function probeReadable(sqlite: Database.Database, options: OpenDatabaseOptions): void {
  try {
    sqlite.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (cause) {
    const code = (cause as { code?: unknown }).code;
    if (code === 'SQLITE_NOTADB') {
      const hint = options.key === undefined ? 'It is not a Fanout database, or it is encrypted and needs its key.' : 'It is not a Fanout database, or the key is wrong.';
      throw new DatabaseOpenError('not-a-database', `Cannot read ${options.path}. ${hint}`, { cause });
    }
    throw new DatabaseOpenError('cannot-open', `Cannot read the database ${options.path}: ${describe(cause)}.`, { cause });
  }
}

function configureConnection(sqlite: Database.Database, options: OpenDatabaseOptions): void {
  sqlite.pragma('journal_mode = WAL');
  // FULL, not NORMAL: in WAL mode NORMAL may lose the last commits on power loss. The queue commits
  // "sending" before each hand-over to a modem; if that commit vanished, the message would be
  // queued again after restart and sent twice, and a lost STOP would let a message through.
  // The queue relaxes this for the records after a hand-over, where a loss is harmless (queue.ts).
  sqlite.pragma(`synchronous = ${options.durability === 'normal' ? 'NORMAL' : 'FULL'}`);
  sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  // After a large import the log would otherwise keep its 200 MB (and old page images) on disk.
  sqlite.pragma('journal_size_limit = 67108864');
  sqlite.pragma('temp_store = MEMORY');
  // Deleted rows are overwritten with zeros, so an erased number does not linger in free pages.
  sqlite.pragma('secure_delete = ON');
}

function applyMigrations(sqlite: Database.Database, migrationsFolder: string): void {
  // drizzle-kit's table rebuilds need foreign keys off, and the pragma is ignored inside the
  // migration transaction, so switch it around the whole run and check afterwards.
  sqlite.pragma('foreign_keys = OFF');
  try {
    migrate(drizzle({ client: sqlite }), { migrationsFolder });
    const broken = sqlite.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) throw new Error(`${broken.length} rows violate foreign keys after migrating`);
  } catch (cause) {
    throw new DatabaseOpenError('migration-failed', `Could not update the database to this version of Fanout: ${describe(cause)}. Your data was left as it was.`, { cause });
  }
  sqlite.pragma('foreign_keys = ON');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
