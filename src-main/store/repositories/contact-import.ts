// Storage side of a contacts import. Rows are staged in short batch transactions (the engine and
// the UI keep using the database meanwhile) and become contacts in ONE transaction at commit, so
// an import that fails half-way leaves contacts and lists exactly as they were.
import type { FanoutDatabase } from '../open-database';
import type { PhoneHasher } from '../phone-hash';

export interface StagedContact {
  rowNumber: number;
  phoneE164: string;
  name: string | null;
  /** Merge fields as JSON text (already serialised by the caller, once per row). */
  fieldsJson: string;
}

export type StagingRejection = { index: number; reason: 'duplicate-in-file'; firstRowNumber: number } | { index: number; reason: 'already-in-list' };

export interface StagedBatch {
  staged: number;
  optedOut: number;
  /** Indexes into the batch of the rows that were not staged. */
  rejected: StagingRejection[];
}

export interface ImportCommitResult {
  /** Contacts added to the list. */
  addedToList: number;
  /** Of those, numbers Fanout did not know before. */
  newContacts: number;
}

export interface ContactImportSession {
  readonly importId: number;
  stageBatch(rows: readonly StagedContact[]): StagedBatch;
  commit(summary: Record<string, unknown>, now: number): ImportCommitResult;
  /** Drops everything staged; the import leaves no trace but its 'failed' record. */
  discard(summary: Record<string, unknown>, now: number): void;
}

export interface ContactImportRepository {
  begin(request: { listId: number; fileName: string; now: number }): ContactImportSession;
  /** Staging left behind by a process that died mid-import. */
  discardAbandoned(startedBefore: number, now: number): number;
}

export function createContactImportRepository(db: FanoutDatabase, hasher: PhoneHasher): ContactImportRepository {
  const { sqlite } = db;
  const insertImport = sqlite.prepare<[number, string, number]>("INSERT INTO contact_imports (list_id, file_name, state, started_at) VALUES (?, ?, 'staging', ?)");
  const finishImport = sqlite.prepare("UPDATE contact_imports SET state = ?, summary_json = ?, finished_at = ? WHERE id = ? AND state = 'staging'");
  const clearStaging = sqlite.prepare('DELETE FROM import_staging_rows WHERE import_id = ?');
  const listSize = sqlite.prepare<[number], { n: number }>('SELECT count(*) AS n FROM list_members WHERE list_id = ?');
  const suppressionStats = sqlite.prepare<[], { total: number; hashOnly: number }>('SELECT count(*) AS total, coalesce(sum(phone_e164 IS NULL), 0) AS hashOnly FROM suppressions');
  const inList = sqlite.prepare<[number, string], { one: number }>(
    'SELECT 1 AS one FROM contacts c JOIN list_members m ON m.contact_id = c.id AND m.list_id = ? WHERE c.phone_e164 = ?',
  );
  const suppressedByPhone = sqlite.prepare<[string], { one: number }>('SELECT 1 AS one FROM suppressions WHERE phone_e164 = ?');
  const suppressedByHash = sqlite.prepare<[string], { one: number }>('SELECT 1 AS one FROM suppressions WHERE phone_hash = ?');
  const stage = sqlite.prepare<[number, number, string, string | null, string, number]>(
    `INSERT INTO import_staging_rows (import_id, row_number, phone_e164, name, fields_json, opted_out) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (import_id, phone_e164) DO NOTHING`,
  );
  const firstRow = sqlite.prepare<[number, string], { rowNumber: number }>('SELECT row_number AS rowNumber FROM import_staging_rows WHERE import_id = ? AND phone_e164 = ?');
  const contactCount = sqlite.prepare<[], { n: number }>('SELECT count(*) AS n FROM contacts');
  // Existing contacts get the file's merge fields on top of theirs (the newer file wins per field).
  const upsertContacts = sqlite.prepare<[number, number, number]>(
    `INSERT INTO contacts (phone_e164, name, fields_json, tags_json, opted_out, created_at, updated_at)
     SELECT phone_e164, name, fields_json, '[]', opted_out, ?, ? FROM import_staging_rows WHERE import_id = ? ORDER BY rowid
     ON CONFLICT (phone_e164) DO UPDATE SET fields_json = json_patch(contacts.fields_json, excluded.fields_json),
       name = coalesce(excluded.name, contacts.name), updated_at = excluded.updated_at`,
  );
  const addMembers = sqlite.prepare<[number, number, number]>(
    `INSERT INTO list_members (list_id, contact_id, added_at)
     SELECT ?, c.id, ? FROM import_staging_rows s JOIN contacts c ON c.phone_e164 = s.phone_e164 WHERE s.import_id = ? ORDER BY s.rowid
     ON CONFLICT DO NOTHING`,
  );
  const staleImports = sqlite.prepare<[number], { id: number }>("SELECT id FROM contact_imports WHERE state = 'staging' AND started_at < ?");

  const finish = (importId: number, state: 'committed' | 'failed', summary: Record<string, unknown>, now: number) => {
    clearStaging.run(importId);
    finishImport.run(state, JSON.stringify(summary), now, importId);
  };
  const discardTx = sqlite.transaction(finish);

  function begin({ listId, fileName, now }: { listId: number; fileName: string; now: number }): ContactImportSession {
    const importId = Number(insertImport.run(listId, fileName, now).lastInsertRowid);
    // Checks that cannot match are skipped: they cost a lookup per row on a million-row file.
    const listHadMembers = (listSize.get(listId)?.n ?? 0) > 0;
    const suppression = suppressionStats.get() ?? { total: 0, hashOnly: 0 };

    const isOptedOut = (phoneE164: string): boolean => {
      if (suppression.total === 0) return false;
      // Erased people are on the list by hash only; otherwise the number itself is indexed.
      if (suppression.hashOnly > 0) return suppressedByHash.get(hasher.hash(phoneE164)) !== undefined;
      return suppressedByPhone.get(phoneE164) !== undefined;
    };

    const stageTx = sqlite.transaction((rows: readonly StagedContact[]): StagedBatch => {
      const result: StagedBatch = { staged: 0, optedOut: 0, rejected: [] };
      for (let index = 0; index < rows.length; index++) {
        const row = rows[index] as StagedContact;
        if (listHadMembers && inList.get(listId, row.phoneE164)) {
          result.rejected.push({ index, reason: 'already-in-list' });
          continue;
        }
        const optedOut = isOptedOut(row.phoneE164);
        if (stage.run(importId, row.rowNumber, row.phoneE164, row.name, row.fieldsJson, optedOut ? 1 : 0).changes === 0) {
          result.rejected.push({ index, reason: 'duplicate-in-file', firstRowNumber: firstRow.get(importId, row.phoneE164)?.rowNumber ?? 0 });
          continue;
        }
        result.staged++;
        if (optedOut) result.optedOut++;
      }
      return result;
    });

    const commitTx = sqlite.transaction((summary: Record<string, unknown>, now: number): ImportCommitResult => {
      const before = contactCount.get()?.n ?? 0;
      upsertContacts.run(now, now, importId);
      const newContacts = (contactCount.get()?.n ?? 0) - before;
      const addedToList = addMembers.run(listId, now, importId).changes;
      finish(importId, 'committed', { ...summary, addedToList, newContacts }, now);
      return { addedToList, newContacts };
    });

    return {
      importId,
      stageBatch: (rows) => stageTx.immediate(rows),
      commit: (summary, now) => commitTx.immediate(summary, now),
      discard: (summary, now) => discardTx.immediate(importId, 'failed', summary, now),
    };
  }

  return {
    begin,
    discardAbandoned(startedBefore, now) {
      const stale = staleImports.all(startedBefore);
      for (const { id } of stale) discardTx.immediate(id, 'failed', { error: 'abandoned: the importing process stopped' }, now);
      return stale.length;
    },
  };
}
