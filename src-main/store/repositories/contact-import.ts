// Storage side of a contacts import. Rows are staged in short batch transactions (the engine and
// the UI keep using the database meanwhile) and become contacts in ONE transaction at commit, so
// an import that fails half-way leaves contacts and lists exactly as they were.
import type { FanoutDatabase } from '../open-database';
import { jsonString } from '../json-text';
import type { PhoneHasher } from '../phone-hash';
import { relaxedDurability } from '../relaxed-durability';
import type { ConsentBasis } from '../schema';

export interface StagedContact {
  rowNumber: number;
  phoneE164: string;
  name: string | null;
  /**
   * The merge fields' values as a JSON array text, in the order of begin()'s `fieldTitles`. The
   * titles are not repeated per row: on an encrypted database every staged byte is written
   * three times (staged, read back at commit, zeroed by secure_delete when dropped).
   */
  fieldValuesJson: string;
  /** When this row's marketing basis was given (UTC ms); null or absent: none in the file. */
  consentAt?: number | null;
}

/** How the rows' consent is recorded at commit: one basis for the file, each row its own source "… row N". */
export interface ImportConsentRecording {
  basis: ConsentBasis;
  wording: string | null;
  recordedBy: string;
  /** "import kunden.csv"; " row N" is added per row. */
  source: string;
}

export interface StagingRejection {
  index: number;
  reason: 'already-in-list';
}

export interface StagedBatch {
  staged: number;
  optedOut: number;
  /** Indexes into the batch of the rows that were not staged. */
  rejected: StagingRejection[];
}

export interface ImportCommitResult {
  listId: number;
  /** Contacts added to the list. */
  addedToList: number;
  /** Of those, numbers Fanout did not know before. */
  newContacts: number;
  /** Marketing consent records written for staged rows that carried one. */
  consentsRecorded: number;
}

export type ImportTarget = { listId: number } | { listName: string };

export interface ImportBeginRequest {
  target: ImportTarget;
  fileName: string;
  now: number;
  consent?: ImportConsentRecording;
  /** Titles of the merge fields whose values each staged row carries, in that order. */
  fieldTitles: readonly string[];
}

export interface ContactImportSession {
  readonly importId: number;
  /** Rows must be unique by number within one import (the importer checks that). */
  stageBatch(rows: readonly StagedContact[]): StagedBatch;
  /** Creates the list if it is new, adds the contacts; one transaction. */
  commit(summary: Record<string, unknown>, now: number): ImportCommitResult;
  /** Drops the import and everything staged: the database is as it was before begin(). */
  discard(): void;
}

export interface ContactImportRepository {
  /** Undefined when `target` names a list id that does not exist. */
  begin(request: ImportBeginRequest): ContactImportSession | undefined;
  /** Staging left behind by a process that died mid-import. */
  discardAbandoned(startedBefore: number): number;
}

/** Someone erased a person whose number was staged in this import: it must be run again. */
export class StagingLostError extends Error {
  override name = 'StagingLostError';
  constructor() {
    super('Part of the staged import was removed (a person was erased meanwhile)');
  }
}

/** Page cache during the commit, in KiB as PRAGMA cache_size takes it (negative). */
const COMMIT_CACHE_KIB = -48 * 1024;
/** Title/value pairs per json_object() call: SQLite takes at most 1,000 arguments per function. */
const FIELDS_PER_OBJECT = 400;

/**
 * The SQL that turns a staged row's value array (`r.value -> 3`) into the merge-field object; the
 * titles are bound as @field0… parameters. Wider files are built in parts joined by json_patch
 * (a duplicate title then keeps its last value, as JSON.parse of the old text did).
 */
function fieldsObjectSql(titleCount: number): string {
  const parts: string[] = [];
  for (let start = 0; start < titleCount || parts.length === 0; start += FIELDS_PER_OBJECT) {
    const pairs: string[] = [];
    for (let i = start; i < Math.min(titleCount, start + FIELDS_PER_OBJECT); i++) pairs.push(`@field${i}, r.value ->> '$[3][${i}]'`);
    parts.push(`json_object(${pairs.join(', ')})`);
  }
  return parts.reduce((merged, part) => `json_patch(${merged}, ${part})`);
}


export function createContactImportRepository(db: FanoutDatabase, hasher: PhoneHasher): ContactImportRepository {
  const { sqlite } = db;
  const insertImport = sqlite.prepare<[number | null, string, string, number]>(
    "INSERT INTO contact_imports (list_id, list_name, file_name, state, started_at) VALUES (?, ?, ?, 'staging', ?)",
  );
  const listById = sqlite.prepare<[number], { id: number; name: string }>('SELECT id, name FROM contact_lists WHERE id = ?');
  const listByName = sqlite.prepare<[string], { id: number; name: string }>('SELECT id, name FROM contact_lists WHERE name = ? ORDER BY id LIMIT 1');
  const insertList = sqlite.prepare<[string, number, number]>('INSERT INTO contact_lists (name, created_at, updated_at) VALUES (?, ?, ?)');
  const finishImport = sqlite.prepare("UPDATE contact_imports SET state = 'committed', list_id = ?, summary_json = ?, finished_at = ? WHERE id = ? AND state = 'staging'");
  const clearStaging = sqlite.prepare('DELETE FROM import_staging_batches WHERE import_id = ?');
  const deleteImport = sqlite.prepare('DELETE FROM contact_imports WHERE id = ?');
  const listSize = sqlite.prepare<[number], { n: number }>('SELECT count(*) AS n FROM list_members WHERE list_id = ?');
  const suppressionStats = sqlite.prepare<[], { total: number; hashOnly: number }>('SELECT count(*) AS total, coalesce(sum(phone_e164 IS NULL), 0) AS hashOnly FROM suppressions');
  const inList = sqlite.prepare<[number, string], { one: number }>(
    'SELECT 1 AS one FROM contacts c JOIN list_members m ON m.contact_id = c.id AND m.list_id = ? WHERE c.phone_e164 = ?',
  );
  const suppressedByPhone = sqlite.prepare<[string], { one: number }>('SELECT 1 AS one FROM suppressions WHERE phone_e164 = ?');
  const suppressedByHash = sqlite.prepare<[string], { one: number }>('SELECT 1 AS one FROM suppressions WHERE phone_hash = ?');
  const stage = sqlite.prepare<[number, number, string]>('INSERT INTO import_staging_batches (import_id, batch_number, rows_json) VALUES (?, ?, ?)');
  const stageRelaxed = relaxedDurability(sqlite, (importId: number, batchNumber: number, json: string) => stage.run(importId, batchNumber, json));
  const batchCount = sqlite.prepare<[number], { n: number }>('SELECT count(*) AS n FROM import_staging_batches WHERE import_id = ?');
  const contactStats = sqlite.prepare<[], { n: number; maxId: number | null }>('SELECT count(*) AS n, max(id) AS maxId FROM contacts');
  // Existing contacts get the file's merge fields on top of theirs (the newer file wins per field).
  // Batches are read in insertion order, so new contacts get ids in file order.
  const upsertSql = (titleCount: number) =>
    `INSERT INTO contacts (phone_e164, name, fields_json, tags_json, opted_out, created_at, updated_at)
     SELECT r.value ->> 1, r.value ->> 2, ${fieldsObjectSql(titleCount)}, '[]', r.value ->> 4, @now, @now
       FROM import_staging_batches b, jsonb_each(b.rows_json) r
      WHERE b.import_id = @importId
     ON CONFLICT (phone_e164) DO UPDATE SET fields_json = json_patch(contacts.fields_json, excluded.fields_json),
       name = coalesce(excluded.name, contacts.name), updated_at = excluded.updated_at`;
  const addMembersByNumber = sqlite.prepare<{ importId: number; listId: number; now: number }>(
    `INSERT INTO list_members (list_id, contact_id, added_at)
     SELECT @listId, c.id, @now
       FROM import_staging_batches b, jsonb_each(b.rows_json) r JOIN contacts c ON c.phone_e164 = r.value ->> 1
      WHERE b.import_id = @importId
     ON CONFLICT DO NOTHING`,
  );
  // When every staged number was new, the new contacts are exactly the ids above the old maximum.
  const addNewMembers = sqlite.prepare<{ listId: number; now: number; afterId: number }>(
    'INSERT INTO list_members (list_id, contact_id, added_at) SELECT @listId, id, @now FROM contacts WHERE id > @afterId ON CONFLICT DO NOTHING',
  );
  // A contact that already has a standing marketing record keeps it (no duplicate per re-import);
  // one that ever withdrew is not given consent back by a file: that takes a record by hand.
  const recordConsents = sqlite.prepare<{ importId: number; basis: string; source: string; wording: string | null; recordedBy: string; now: number }>(
    `INSERT INTO consents (contact_id, purpose, basis, granted_at, source, wording, recorded_by, created_at)
     SELECT c.id, 'marketing', @basis, r.value ->> 5, @source || ' row ' || (r.value ->> 0), @wording, @recordedBy, @now
       FROM import_staging_batches b, jsonb_each(b.rows_json) r JOIN contacts c ON c.phone_e164 = r.value ->> 1
      WHERE b.import_id = @importId AND (r.value ->> 5) IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM consents x WHERE x.contact_id = c.id AND x.purpose = 'marketing')`,
  );
  const staleImports = sqlite.prepare<[number], { id: number }>("SELECT id FROM contact_imports WHERE state = 'staging' AND started_at < ?");

  const discardTx = sqlite.transaction((importId: number) => {
    clearStaging.run(importId);
    deleteImport.run(importId);
  });

  function begin({ target, fileName, now, consent, fieldTitles }: ImportBeginRequest): ContactImportSession | undefined {
    const existing = 'listId' in target ? listById.get(target.listId) : listByName.get(target.listName);
    if (!existing && 'listId' in target) return undefined;
    const listName = existing?.name ?? ('listName' in target ? target.listName : '');
    const importId = Number(insertImport.run(existing?.id ?? null, listName, fileName, now).lastInsertRowid);
    // Checks that cannot match are skipped: each costs a lookup per row on a million-row file.
    const listHadMembers = existing !== undefined && (listSize.get(existing.id)?.n ?? 0) > 0;
    const suppression = suppressionStats.get() ?? { total: 0, hashOnly: 0 };
    let batchNumber = 0;
    let stagedRows = 0;
    const titleParameters: Record<string, string> = {};
    fieldTitles.forEach((title, i) => (titleParameters[`field${i}`] = title));

    const isOptedOut = (phoneE164: string): boolean => {
      if (suppression.total === 0) return false;
      // Erased people are on the list by hash only; otherwise the number itself is indexed.
      if (suppression.hashOnly > 0) return suppressedByHash.get(hasher.hash(phoneE164)) !== undefined;
      return suppressedByPhone.get(phoneE164) !== undefined;
    };

    function stageBatch(rows: readonly StagedContact[]): StagedBatch {
      const result: StagedBatch = { staged: 0, optedOut: 0, rejected: [] };
      // Written as text directly: the fields are JSON already, and a generic JSON.stringify of
      // a million nested arrays was a fifth of a large import.
      let json = '';
      for (let index = 0; index < rows.length; index++) {
        const row = rows[index] as StagedContact;
        if (listHadMembers && existing && inList.get(existing.id, row.phoneE164)) {
          result.rejected.push({ index, reason: 'already-in-list' });
          continue;
        }
        const optedOut = isOptedOut(row.phoneE164);
        if (optedOut) result.optedOut++;
        const consentAt = consent && row.consentAt != null ? String(row.consentAt) : 'null';
        json += `${json ? ',' : ''}[${row.rowNumber},${jsonString(row.phoneE164)},${row.name === null ? 'null' : jsonString(row.name)},${row.fieldValuesJson},${optedOut ? 1 : 0},${consentAt}]`;
        result.staged++;
      }
      // Staging need not survive a power loss: the import is then started again anyway.
      if (result.staged > 0) stageRelaxed(importId, ++batchNumber, `[${json}]`);
      stagedRows += result.staged;
      return result;
    }

    const commitTx = sqlite.transaction((summary: Record<string, unknown>, now: number): ImportCommitResult => {
      if ((batchCount.get(importId)?.n ?? 0) !== batchNumber) throw new StagingLostError();
      // The list may have been created (or deleted) by someone else since begin().
      const list = listByName.get(listName) ?? (existing && listById.get(existing.id));
      const listId = list?.id ?? Number(insertList.run(listName, now, now).lastInsertRowid);
      const before = contactStats.get() ?? { n: 0, maxId: null };
      sqlite.prepare(upsertSql(fieldTitles.length)).run({ ...titleParameters, importId, now });
      const newContacts = (contactStats.get()?.n ?? 0) - before.n;
      const addedToList =
        newContacts === stagedRows ? addNewMembers.run({ listId, now, afterId: before.maxId ?? 0 }).changes : addMembersByNumber.run({ importId, listId, now }).changes;
      const consentsRecorded = consent
        ? recordConsents.run({ importId, basis: consent.basis, source: consent.source, wording: consent.wording, recordedBy: consent.recordedBy, now }).changes
        : 0;
      clearStaging.run(importId);
      finishImport.run(listId, JSON.stringify({ ...summary, addedToList, newContacts, consentsRecorded }), now, importId);
      return { listId, addedToList, newContacts, consentsRecorded };
    });

    return {
      importId,
      stageBatch,
      commit(summary, now) {
        // The commit inserts every staged row into the contacts' unique index in one transaction;
        // with SQLite's default 2 MB page cache the index pages are spilled and re-read over and
        // over. A larger cache for this one statement roughly halves it; the old size comes back after.
        const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
        sqlite.pragma(`cache_size = ${COMMIT_CACHE_KIB}`);
        try {
          const result = commitTx.immediate(summary, now);
          // Copy the import's pages into the database now, as part of the import, rather than
          // in the next small commit of whoever writes next (the engine, between two messages).
          // PASSIVE never waits for readers.
          sqlite.pragma('wal_checkpoint(PASSIVE)');
          return result;
        } finally {
          sqlite.pragma(`cache_size = ${cacheSize}`);
        }
      },
      discard: () => discardTx.immediate(importId),
    };
  }

  return {
    begin,
    discardAbandoned(startedBefore) {
      const stale = staleImports.all(startedBefore);
      for (const { id } of stale) discardTx.immediate(id);
      return stale.length;
    },
  };
}
