// The audit chain's head, kept in a small file beside the database as well as inside it.
//
// Why a file: entries removed from the END of a chain leave a shorter chain that is still valid,
// so the chain alone cannot show it. Fanout records the head (last seq and hash) in the settings
// table in the same transaction as each entry, and here after the commit. Someone editing the
// database through the driver has to know about both, and to write outside the database, to hide
// a truncation. Limit: whoever can write the folder (and holds the key) can rewrite all three
// consistently; the log is evidence against edits behind Fanout's back, not against the owner of
// the machine. Copy `fanout audit verify --json` output off the machine to pin a head for good.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { AuditHead } from './audit-chain';

/** Beside the database, named like SQLite's own companions (`-wal`, `-shm`). */
export function auditHeadFilePath(databasePath: string): string | undefined {
  if (databasePath === '' || databasePath === ':memory:' || databasePath.startsWith('file::memory:')) return undefined;
  return `${databasePath}-audit-head`;
}

export type HeadFileReading = { kind: 'absent' } | { kind: 'unreadable'; reason: string } | { kind: 'head'; head: AuditHead };

export function readAuditHeadFile(filePath: string): HeadFileReading {
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'absent' };
    return { kind: 'unreadable', reason: error instanceof Error ? error.message : String(error) };
  }
  try {
    const parsed = JSON.parse(text) as { seq?: unknown; hash?: unknown };
    if (typeof parsed.seq === 'number' && Number.isInteger(parsed.seq) && parsed.seq >= 0 && typeof parsed.hash === 'string') {
      return { kind: 'head', head: { seq: parsed.seq, hash: parsed.hash } };
    }
  } catch {
    // Falls through to the same answer as a well-formed file with the wrong fields.
  }
  return { kind: 'unreadable', reason: 'it does not hold a seq and a hash' };
}

/**
 * Written after the commit, so the file never gets ahead of the database; it may lag behind (a
 * crash between commit and write, two processes racing), which verification allows. An older head
 * never replaces a newer one, except by the first entry of a new chain (a database deleted by hand
 * and created again must not inherit the old file). Replaced by rename so a reader never sees half a file.
 */
export function writeAuditHeadFile(filePath: string, head: AuditHead): void {
  const current = head.seq === 1 ? undefined : readAuditHeadFile(filePath);
  if (current?.kind === 'head' && current.head.seq >= head.seq) return;
  const temporary = `${filePath}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ seq: head.seq, hash: head.hash })}\n`, { mode: 0o600 });
  renameSync(temporary, filePath);
}
