// The audit log: who did what, append-only and hash-chained (see auditLog in ../schema.ts).
// Every part of Fanout names actors the same way (AuditActor); entries are appended here only.

import type { FanoutDatabase } from '../open-database';
import {
  AUDIT_GENESIS_HASH,
  findChainProblems,
  findHeadProblems,
  hashAuditEntry,
  type AuditHead,
  type AuditProblem,
  type StoredAuditEntry,
} from './audit-chain';
import { auditHeadFilePath, readAuditHeadFile, writeAuditHeadFile } from './audit-head-file';

export interface AuditActor {
  /** The operator's id; null for the CLI's local administrator and for Fanout itself. */
  readonly operatorId: number | null;
  /** As shown in the log. */
  readonly name: string;
}

/** Whoever holds the database file and its key has the data anyway: the CLI acts as its administrator. */
export const CLI_ACTOR: AuditActor = { operatorId: null, name: 'CLI (local administrator)' };

/** Fanout acting on its own: a STOP reply processed, a retention run on schedule. */
export const SYSTEM_ACTOR: AuditActor = { operatorId: null, name: 'Fanout' };

export { AUDIT_GENESIS_HASH, type AuditProblem, type AuditProblemKind } from './audit-chain';

/** One action to record. `details` is small JSON: counts, ids, keys, phone hashes; never a clear number or message text. */
export interface AuditRecord {
  readonly actor: AuditActor;
  /** Dotted, domain first: 'campaign.start', 'person.erase', 'operator.login'. */
  readonly action: string;
  /** What it was done to, in words: 'campaign 12', 'list Kunden'. */
  readonly subject?: string | null;
  readonly details?: Record<string, unknown>;
}

export type AuditEntry = StoredAuditEntry;

export interface AuditQuery {
  /** An exact action ('campaign.start') or a domain ('campaign' matches every 'campaign.*'). */
  readonly action?: string;
  /** The actor's name as shown. */
  readonly actor?: string;
  /** Inclusive bounds, epoch ms. */
  readonly from?: number;
  readonly to?: number;
  /** Found in the action, actor, subject or details. */
  readonly text?: string;
  /** Paging newest first: only entries older than this seq. */
  readonly beforeSeq?: number;
  readonly limit: number;
}

export interface AuditPage {
  readonly entries: AuditEntry[];
  /** Pass as beforeSeq for the next (older) page; absent on the last page. */
  readonly nextBeforeSeq?: number;
}

/** Where the head of the chain was found recorded outside the audit_log table, for the report. */
export interface AuditHeadRecord {
  readonly where: 'settings' | 'file';
  readonly state: 'present' | 'absent' | 'unreadable';
  readonly head?: AuditHead;
}

export interface AuditVerification {
  readonly ok: boolean;
  /** Entries read. */
  readonly checked: number;
  readonly problems: AuditProblem[];
  /** The chain's last entry as stored now. */
  readonly head: AuditHead;
  readonly anchors: AuditHeadRecord[];
}

export interface AuditRepository {
  /** Appends in an IMMEDIATE transaction (a savepoint inside one), so several processes form one chain. */
  append(record: AuditRecord, now?: number): AuditEntry;
  list(query: AuditQuery): AuditPage;
  /** The actor names in the log, for a filter. */
  actors(): string[];
  /** The actions in the log, for a filter. */
  actions(): string[];
  /** Recomputes the whole chain and compares its end with the heads kept outside the table. */
  verify(): AuditVerification;
}

/** The head as of the last append, kept in the settings table in the same transaction. */
export const AUDIT_HEAD_SETTING = 'audit.head';

interface AuditRow {
  seq: number;
  at: number;
  operatorId: number | null;
  actor: string;
  action: string;
  subject: string | null;
  detailsJson: string;
  prevHash: string;
  hash: string;
}

const COLUMNS = 'seq, at, operator_id AS operatorId, actor, action, subject, details_json AS detailsJson, prev_hash AS prevHash, hash';

export function createAuditRepository(database: FanoutDatabase): AuditRepository {
  const { sqlite } = database;
  const headFile = auditHeadFilePath(database.path);
  const lastEntry = sqlite.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const insert = sqlite.prepare(
    `INSERT INTO audit_log (seq, at, operator_id, actor, action, subject, details_json, prev_hash, hash)
     VALUES (@seq, @at, @operatorId, @actor, @action, @subject, @detailsJson, @prevHash, @hash)`,
  );
  const recordHead = sqlite.prepare(
    `INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
  );
  const readHeadSetting = sqlite.prepare<[string], { value: string }>('SELECT value_json AS value FROM settings WHERE key = ?');
  const allEntries = sqlite.prepare<[], AuditRow>(`SELECT ${COLUMNS} FROM audit_log ORDER BY seq`);
  const actorNames = sqlite.prepare<[], { actor: string }>('SELECT DISTINCT actor FROM audit_log ORDER BY actor');
  const actionNames = sqlite.prepare<[], { action: string }>('SELECT DISTINCT action FROM audit_log ORDER BY action');

  const appendInTransaction = sqlite.transaction((record: AuditRecord, now: number): AuditEntry => {
    const previous = lastEntry.get();
    // Round-tripped through JSON so the hash covers exactly what is stored and read back.
    const details = JSON.parse(JSON.stringify(record.details ?? {})) as Record<string, unknown>;
    const content = {
      seq: (previous?.seq ?? 0) + 1,
      at: now,
      operatorId: record.actor.operatorId,
      actor: record.actor.name,
      action: record.action,
      subject: record.subject ?? null,
      details,
    };
    const prevHash = previous?.hash ?? AUDIT_GENESIS_HASH;
    const entry: AuditEntry = { ...content, prevHash, hash: hashAuditEntry(prevHash, content) };
    insert.run({ ...content, detailsJson: JSON.stringify(details), prevHash, hash: entry.hash });
    recordHead.run(AUDIT_HEAD_SETTING, JSON.stringify({ seq: entry.seq, hash: entry.hash }), now);
    return entry;
  });

  return {
    append(record, now = Date.now()) {
      const outermost = !sqlite.inTransaction;
      const entry = appendInTransaction.immediate(record, now);
      // Inside a caller's transaction the entry may still be rolled back: the file must never get
      // ahead of the database, so it waits for the next append made on its own.
      if (outermost && headFile) writeAuditHeadFile(headFile, { seq: entry.seq, hash: entry.hash });
      return entry;
    },

    list(query) {
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (query.action) {
        where.push(`(action = ? OR action LIKE ? ESCAPE '\\')`);
        params.push(query.action, `${escapeLike(query.action)}.%`);
      }
      if (query.actor) {
        where.push('actor = ?');
        params.push(query.actor);
      }
      if (query.from !== undefined) {
        where.push('at >= ?');
        params.push(query.from);
      }
      if (query.to !== undefined) {
        where.push('at <= ?');
        params.push(query.to);
      }
      if (query.text) {
        const pattern = `%${escapeLike(query.text)}%`;
        where.push(`(action LIKE ? ESCAPE '\\' OR actor LIKE ? ESCAPE '\\' OR subject LIKE ? ESCAPE '\\' OR details_json LIKE ? ESCAPE '\\')`);
        params.push(pattern, pattern, pattern, pattern);
      }
      if (query.beforeSeq !== undefined) {
        where.push('seq < ?');
        params.push(query.beforeSeq);
      }
      const sql = `SELECT ${COLUMNS} FROM audit_log ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
      const rows = sqlite.prepare<(string | number)[], AuditRow>(sql).all(...params, query.limit + 1);
      const entries = rows.slice(0, query.limit).map(toEntry);
      const last = entries.at(-1);
      return rows.length > query.limit && last ? { entries, nextBeforeSeq: last.seq } : { entries };
    },

    actors: () => actorNames.all().map((row) => row.actor),
    actions: () => actionNames.all().map((row) => row.action),

    verify() {
      // One read transaction: a concurrent append cannot slip in between the chain and its heads.
      return sqlite.transaction(() => {
        const entries = allEntries.all().map(toEntry);
        const problems = findChainProblems(entries);
        const anchors: AuditHeadRecord[] = [];

        const setting = readHeadSetting.get(AUDIT_HEAD_SETTING);
        const settingHead = setting ? parseHead(setting.value) : undefined;
        anchors.push({ where: 'settings', state: setting ? (settingHead ? 'present' : 'unreadable') : 'absent', ...(settingHead ? { head: settingHead } : {}) });
        // The setting is written with every entry: it is missing only on a database with no entries.
        problems.push(...findHeadProblems(entries, settingHead ?? { seq: 0, hash: AUDIT_GENESIS_HASH }, "Fanout's record in the settings table", { mayLag: false }));

        if (headFile) {
          const reading = readAuditHeadFile(headFile);
          if (reading.kind === 'head') {
            anchors.push({ where: 'file', state: 'present', head: reading.head });
            problems.push(...findHeadProblems(entries, reading.head, `The file ${headFile}`, { mayLag: true }));
          } else {
            anchors.push({ where: 'file', state: reading.kind });
          }
        }
        const last = entries.at(-1);
        return {
          ok: problems.length === 0,
          checked: entries.length,
          problems: dedupe(problems).sort((a, b) => a.seq - b.seq),
          head: last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: AUDIT_GENESIS_HASH },
          anchors,
        };
      })();
    },
  };
}

function toEntry(row: AuditRow): AuditEntry {
  let details: Record<string, unknown>;
  try {
    details = JSON.parse(row.detailsJson) as Record<string, unknown>;
  } catch {
    // Not JSON any more: only an edit behind Fanout's back does that; verify reports the hash mismatch.
    details = { unreadable: row.detailsJson };
  }
  return {
    seq: row.seq,
    at: row.at,
    operatorId: row.operatorId,
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    details,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

function parseHead(json: string): AuditHead | undefined {
  try {
    const value = JSON.parse(json) as { seq?: unknown; hash?: unknown };
    if (typeof value.seq === 'number' && typeof value.hash === 'string') return { seq: value.seq, hash: value.hash };
  } catch {
    // An unreadable record is reported as such by the caller.
  }
  return undefined;
}

/** The same removal is seen by the settings record and the file; say it once. */
function dedupe(problems: AuditProblem[]): AuditProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.kind}:${problem.seq}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
