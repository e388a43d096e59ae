// How Fanout's database file is encrypted (SQLite3MultipleCiphers, installed as `better-sqlite3`).
//
// ChaCha20-Poly1305 rather than SQLCipher 4: every page carries a Poly1305 tag, so a changed page
// is refused instead of read as garbage; it is fast in plain software, which matters on the older
// office PCs without AES instructions that Fanout runs on; and it is SQLite3MultipleCiphers' own
// default, the scheme its authors test most. SQLCipher's one advantage, opening the file with
// SQLCipher's tools, is not something Fanout's users need.
//
// The key is 32 random bytes given as a raw key (`x'…'`): SQLite3MultipleCiphers then skips its
// PBKDF2 run (64,007 rounds by default) on every open. Where a passphrase protects the key, the
// key file does the slow derivation once (scrypt, see passphrase-seal.ts).
import { closeSync, openSync, readSync } from 'node:fs';
import type Database from 'better-sqlite3';

export const DATABASE_CIPHER = 'chacha20';
export const DATABASE_CIPHER_LABEL = 'ChaCha20-Poly1305 (SQLite3MultipleCiphers)';
export const DATABASE_KEY_BYTES = 32;

/** Sets the cipher, then the key. Must be the first statements on a new connection. */
export function keyConnection(sqlite: Database.Database, key: Buffer): void {
  useFanoutCipher(sqlite);
  sqlite.pragma(`key = "${rawKeyLiteral(key)}"`);
}

/**
 * Encrypts the open database with `newKey`: a plain database is encrypted in place, an encrypted
 * one re-encrypted. SQLite3MultipleCiphers refuses to rekey in WAL mode, so the connection leaves
 * WAL for the rekey and returns to it after; leaving WAL needs every other connection closed.
 */
export function rekeyConnection(sqlite: Database.Database, newKey: Buffer): void {
  const journalMode = String(sqlite.pragma('journal_mode', { simple: true }));
  if (journalMode === 'wal') leaveWal(sqlite);
  try {
    useFanoutCipher(sqlite);
    sqlite.pragma(`rekey = "${rawKeyLiteral(newKey)}"`);
  } finally {
    if (journalMode === 'wal') sqlite.pragma('journal_mode = WAL');
  }
  // The page cache still holds decrypted pages: read from the file to know the new key took.
  sqlite.prepare('SELECT count(*) FROM sqlite_schema').get();
}

/**
 * A copy of the open database through `VACUUM INTO`, which writes it with the connection's cipher
 * and key. (`serialize()` or copying the file while it is open would give plaintext or a torn copy.)
 */
export function backupInto(sqlite: Database.Database, file: string): void {
  sqlite.prepare('VACUUM INTO ?').run(file);
}

function leaveWal(sqlite: Database.Database): void {
  let mode: string;
  try {
    mode = String(sqlite.pragma('journal_mode = DELETE', { simple: true }));
  } catch (cause) {
    if ((cause as { code?: unknown }).code === 'SQLITE_BUSY') throw new DatabaseInUseError({ cause });
    throw cause;
  }
  if (mode === 'wal') throw new DatabaseInUseError();
}

export class DatabaseInUseError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('The database is open in another program (the Fanout app, `fanout serve` or a running command). Close it and try again.', options);
    this.name = 'DatabaseInUseError';
  }
}

/** What the first bytes of a database file say, read without SQLite. */
export type DatabaseFileState = 'missing' | 'empty' | 'plain' | 'encrypted';

const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export function databaseFileState(file: string): DatabaseFileState {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    const header = Buffer.alloc(PLAIN_HEADER.length);
    const read = readSync(fd, header, 0, header.length, 0);
    if (read === 0) return 'empty';
    return read === header.length && header.equals(PLAIN_HEADER) ? 'plain' : 'encrypted';
  } finally {
    closeSync(fd);
  }
}

function useFanoutCipher(sqlite: Database.Database): void {
  sqlite.pragma(`cipher = '${DATABASE_CIPHER}'`);
  // legacy = 1 would be sqleet's format (page 1 encrypted whole, fixed 12,345 KDF rounds).
  sqlite.pragma('legacy = 0');
}

function rawKeyLiteral(key: Buffer): string {
  if (key.length !== DATABASE_KEY_BYTES) throw new RangeError(`A database key has ${DATABASE_KEY_BYTES} bytes, not ${key.length}`);
  return `x'${key.toString('hex')}'`;
}
