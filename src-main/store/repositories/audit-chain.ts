// How an audit entry is hashed, and how a stored chain is checked. Pure: no database, no files.
import { createHash } from 'node:crypto';

/** prev_hash of the first entry. Any fixed value works; it only has to be the same forever. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** The fields an entry's hash covers: everything in the row except the two hashes themselves. */
export interface AuditEntryContent {
  readonly seq: number;
  readonly at: number;
  readonly operatorId: number | null;
  readonly actor: string;
  readonly action: string;
  readonly subject: string | null;
  readonly details: Record<string, unknown>;
}

export interface StoredAuditEntry extends AuditEntryContent {
  readonly prevHash: string;
  readonly hash: string;
}

/**
 * JSON with object keys sorted at every depth, so the same entry always hashes the same however
 * its details were built or stored (SQLite's JSON text keeps whatever order it was given).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const fields = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
  return `{${fields.join(',')}}`;
}

export function hashAuditEntry(prevHash: string, content: AuditEntryContent): string {
  const canonical = canonicalJson({
    seq: content.seq,
    at: content.at,
    operatorId: content.operatorId,
    actor: content.actor,
    action: content.action,
    subject: content.subject,
    details: content.details,
  });
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

export type AuditProblemKind = 'changed' | 'inserted' | 'deleted' | 'reordered';

export interface AuditProblem {
  /** The entry the problem is found at (for removals: the first missing number). */
  readonly seq: number;
  readonly kind: AuditProblemKind;
  readonly message: string;
}

/** The last entry as Fanout recorded it when it wrote it, kept outside the audit_log table. */
export interface AuditHead {
  readonly seq: number;
  readonly hash: string;
}

/**
 * How far a renumbered entry is looked for. Renumbering is how rows are inserted into or removed
 * from the middle of a gap-free sequence; a larger shift is still found, only called "changed".
 */
const MOVE_WINDOW = 64;

type RowState = { kind: 'intact' } | { kind: 'moved'; writtenAs: number } | { kind: 'broken' };

/**
 * Walks the entries in seq order. Each entry is first checked on its own (does its hash match its
 * content at its place?), then against its predecessor (does it point to it?). An entry that is
 * intact but sits at another number than it was written at was moved: entries were inserted before
 * it (it moved up), removed before it (it moved down) or swapped with a neighbour.
 */
export function findChainProblems(entries: readonly StoredAuditEntry[]): AuditProblem[] {
  const states = entries.map((entry) => classify(entry));
  const problems: AuditProblem[] = [];
  const claimedAsInserted = slotsOfInsertedEntries(entries, states);
  let expectedSeq = 1;
  let expectedPrev = AUDIT_GENESIS_HASH;
  let previousShift = 0;

  entries.forEach((entry, index) => {
    const state = states[index] ?? { kind: 'broken' };
    if (entry.seq > expectedSeq) {
      problems.push(missing(expectedSeq, entry.seq - 1));
    }
    const gapBefore = entry.seq !== expectedSeq;

    if (state.kind === 'moved') {
      const shift = entry.seq - state.writtenAs;
      if (shift !== previousShift) {
        const swappedWith = entries.find((other, otherIndex) => other.seq === state.writtenAs && movedTo(states[otherIndex], entry.seq));
        if (swappedWith) {
          if (entry.seq > state.writtenAs) {
            problems.push({
              seq: state.writtenAs,
              kind: 'reordered',
              message: `Entries ${state.writtenAs} and ${entry.seq} were swapped: each is now stored under the other's number.`,
            });
          }
        } else if (shift > 0) {
          problems.push({
            seq: state.writtenAs,
            kind: 'inserted',
            message:
              shift === 1
                ? `Entry ${state.writtenAs} was not written by Fanout: it was inserted, and the entries after it were renumbered.`
                : `Entries ${state.writtenAs} to ${entry.seq - 1} were not written by Fanout: they were inserted, and the entries after them were renumbered.`,
          });
        } else {
          problems.push(missing(entry.seq, state.writtenAs - 1, ' The entries after them were renumbered to hide the gap.'));
        }
      }
      previousShift = shift;
    } else {
      previousShift = 0;
      if (state.kind === 'broken') {
        if (!claimedAsInserted.has(entry.seq)) {
          problems.push({ seq: entry.seq, kind: 'changed', message: `Entry ${entry.seq} was changed after Fanout wrote it: its content no longer matches its hash.` });
        }
      } else if (!gapBefore && entry.prevHash !== expectedPrev && index > 0 && states[index - 1]?.kind === 'intact') {
        // Both rows match their own hashes, yet this one was written after a different predecessor:
        // the predecessor was rewritten and its hash recomputed to hide it.
        const previous = entries[index - 1];
        if (previous && !claimedAsInserted.has(previous.seq)) {
          problems.push({
            seq: previous.seq,
            kind: 'changed',
            message: `Entry ${previous.seq} was replaced after Fanout wrote it: its hash was recomputed, but entry ${entry.seq} still points to the original.`,
          });
        }
      }
    }
    expectedSeq = entry.seq + 1;
    expectedPrev = entry.hash;
  });
  return problems;
}

/** Compares the end of the chain with a head recorded elsewhere. `mayLag`: the record can be older than the chain. */
export function findHeadProblems(entries: readonly StoredAuditEntry[], head: AuditHead, where: string, options: { mayLag: boolean }): AuditProblem[] {
  const last = entries.at(-1);
  const lastSeq = last?.seq ?? 0;
  if (head.seq > lastSeq) {
    return [missing(lastSeq + 1, head.seq, ` ${where} records entry ${head.seq} as the last one written: entries were removed from the end.`)];
  }
  if (head.seq === 0) {
    return !options.mayLag && lastSeq > 0 ? [inserted(1, lastSeq, where)] : [];
  }
  const recorded = entries.find((entry) => entry.hash === head.hash);
  // Found under another number: the entries were renumbered, which the chain itself already shows.
  if (recorded && recorded.seq !== head.seq) return [];
  if (!recorded) {
    return [
      {
        seq: head.seq,
        kind: 'changed',
        message: `Entry ${head.seq} is not the entry Fanout wrote under that number (${where} holds a different hash): the log was rewritten from there on or before.`,
      },
    ];
  }
  if (!options.mayLag && lastSeq > head.seq) return [inserted(head.seq + 1, lastSeq, where)];
  return [];
}

function classify(entry: StoredAuditEntry): RowState {
  if (hashAuditEntry(entry.prevHash, entry) === entry.hash) return { kind: 'intact' };
  for (let distance = 1; distance <= MOVE_WINDOW; distance += 1) {
    for (const seq of [entry.seq - distance, entry.seq + distance]) {
      if (seq >= 1 && hashAuditEntry(entry.prevHash, { ...entry, seq }) === entry.hash) return { kind: 'moved', writtenAs: seq };
    }
  }
  return { kind: 'broken' };
}

/** Numbers now held by entries Fanout never wrote: the places an intact entry was pushed up from. */
function slotsOfInsertedEntries(entries: readonly StoredAuditEntry[], states: readonly RowState[]): Set<number> {
  const bySeq = new Map(entries.map((entry, index) => [entry.seq, states[index]]));
  const slots = new Set<number>();
  entries.forEach((entry, index) => {
    const state = states[index];
    if (state?.kind !== 'moved') return;
    for (let seq = state.writtenAs; seq < entry.seq; seq += 1) {
      if (bySeq.get(seq)?.kind !== 'moved') slots.add(seq);
    }
  });
  return slots;
}

function movedTo(state: RowState | undefined, seq: number): boolean {
  return state?.kind === 'moved' && state.writtenAs === seq;
}

function missing(from: number, to: number, why = ''): AuditProblem {
  const which = from === to ? `Entry ${from} is missing` : `Entries ${from} to ${to} are missing`;
  return { seq: from, kind: 'deleted', message: `${which}: removed after Fanout wrote ${from === to ? 'it' : 'them'}.${why}` };
}

function inserted(from: number, to: number, where: string): AuditProblem {
  const which = from === to ? `Entry ${from} was` : `Entries ${from} to ${to} were`;
  return { seq: from, kind: 'inserted', message: `${which} not written by Fanout: ${where} records an earlier entry as the last one.` };
}
