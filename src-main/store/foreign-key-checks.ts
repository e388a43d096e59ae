// Runs a write with the connection's foreign key checks off, for bulk writes whose references are
// right by construction and would otherwise cost a parent lookup per row. SQLite ignores the pragma
// inside a transaction, so a caller already in one simply keeps its checks.
import type Database from 'better-sqlite3';

export function withoutForeignKeyChecks<R>(sqlite: Database.Database, write: () => R): R {
  if (sqlite.inTransaction || !(sqlite.pragma('foreign_keys', { simple: true }) as number)) return write();
  sqlite.pragma('foreign_keys = OFF');
  try {
    return write();
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
}
