// Storage side of a contacts import. Each batch is one short transaction (the engine and the UI
// keep using the database meanwhile) that writes the new contacts once, straight into contacts,
// list_members and consents, tagged with the import's id; they are hidden (see
// contact-import-visibility.ts) until commit flips the import's row to 'committed'. Rows for
// numbers that were contacts already change visible data, so they wait in import_staging_batches
// and are applied in the commit's transaction (few, unless a file is imported again into another
// list). A failed import deletes its rows in short batches; so does the next start after a crash.
import type { BackgroundCheckpoints } from '../background-checkpoints';
import type { FanoutDatabase } from '../open-database';
import { mergeFieldsObjectText } from '../merge-fields';
import { withoutForeignKeyChecks } from '../foreign-key-checks';
import type { PhoneHasher } from '../phone-hash';
import { isProcessAlive } from '../process-alive';
import { relaxedDurability } from '../relaxed-durability';
import type { ConsentBasis } from '../schema';
import type { StagedContacts } from '../staged-contacts';

export type { StagedContact, StagedContacts } from '../staged-contacts';

/** How the rows' consent is recorded: one basis for the file, each row its own source "… row N". */
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
  /** The row's merge field values as it was staged: with its phone cell, the reader writes the row out. */
  fieldsJson: string;
}

export interface StagedBatch {
  staged: number;
  optedOut: number;
  /** Indexes into the batch of the rows that were not taken. */
  rejected: StagingRejection[];
}

export interface ImportCommitResult {
  listId: number;
  /** Contacts added to the list. */
  addedToList: number;
  /** Of those, numbers Fanout did not know before. */
  newContacts: number;
  /** Marketing consent records written for rows that carried one. */
  consentsRecorded: number;
}

export type ImportTarget = { listId: number } | { listName: string };

export interface ImportBeginRequest {
  target: ImportTarget;
  fileName: string;
  /** The names of the merge fields, in the order of each row's values (StagedContact.fields). */
  fieldNames: readonly string[];
  now: number;
  consent?: ImportConsentRecording;
}

export interface ContactImportSession {
  readonly importId: number;
  /** Rows must be unique by number within one import (the importer checks that). One short transaction. */
  stageBatch(rows: StagedContacts): StagedBatch;
  /** Makes the import's contacts visible and applies its rows for known numbers; one small transaction. */
  commit(summary: Record<string, unknown>, now: number): ImportCommitResult;
  /** Deletes everything the import wrote, in short transactions: the database is as it was before begin(). */
  discard(): void;
  /**
   * After commit or discard: resolves once the import's pages are copied from the log into the
   * database file by the thread that checkpoints in the background, if one was started.
   */
  checkpointed(): Promise<void>;
}

export interface ContactImportRepository {
  /** Undefined when `target` names a list id that does not exist. Creates a new list at once (removed again on failure). */
  begin(request: ImportBeginRequest): ContactImportSession | undefined;
  /**
   * Deletes what imports of dead processes left behind: those whose process is gone, and any
   * still running that started before `startedBefore` (if given). Returns how many imports were dropped.
   */
  discardAbandoned(startedBefore?: number): number;
}

/** What an import needs rows back for was removed while it ran: it must be run again. */
export class StagingLostError extends Error {
  override name = 'StagingLostError';
  constructor(readonly lost: 'erased-person' | 'list-deleted') {
    super(lost === 'erased-person' ? 'Part of the import was removed (a person was erased meanwhile)' : 'The list the import was filling was deleted meanwhile');
  }
}

/**
 * Another import into this database has not finished (in this process or another one, such as
 * `fanout import` beside the app). Imports run one at a time: each hides its new contacts until
 * it commits, and a second one would see, take over or count those as its own.
 */
export class ImportInProgressError extends Error {
  override name = 'ImportInProgressError';
  constructor(
    readonly listName: string,
    readonly startedAt: number,
  ) {
    super(`An import into "${listName}" has been running since ${new Date(startedAt).toISOString()}`);
  }
}

/**
 * Log pages before an automatic checkpoint while an import writes (SQLite's default is 1,000):
 * a checkpoint of an encrypted database decrypts each page from the log and encrypts it again
 * into the file, so pages rewritten by several batches are better copied once. Not more: the
 * checkpoint runs inside a batch's commit, on the thread the engine shares (16 MB ≈ 150 ms).
 */
const IMPORT_AUTOCHECKPOINT_PAGES = 4096;
/**
 * While a worker thread checkpoints (background-checkpoints.ts), the writer's own threshold is
 * only a safety net for a worker that falls behind: 64 MB of log.
 */
const SAFETY_NET_AUTOCHECKPOINT_PAGES = 16_384;
/** Rows an import writes before checkpoints move to a worker thread: a small file is done before the worker would have started. */
const BACKGROUND_CHECKPOINTS_AFTER_ROWS = 20_000;
/** Contacts deleted per transaction when an import is undone: each deletion also zeroes its cells (secure_delete). */
const DISCARD_ID_RANGE = 5000;

/** How a batch tells numbers on the opt-out list: not at all (the list is empty), by number, or by keyed hash. */
type SuppressionLookup = 'none' | 'phone' | 'hash';

interface KnownRow {
  index: number;
  phoneE164: string;
  name: string | null;
  fieldsJson: string;
  rowNumber: number;
  consentAt: number | null;
  optedOut: 0 | 1;
  inList: 0 | 1;
}

export function createContactImportRepository(db: FanoutDatabase, hasher: PhoneHasher): ContactImportRepository {
  const { sqlite } = db;
  const insertImport = sqlite.prepare<[number, string, string, number, number, number]>(
    "INSERT INTO contact_imports (list_id, list_name, file_name, state, started_at, created_list, owner_pid) VALUES (?, ?, ?, 'staging', ?, ?, ?)",
  );
  const listById = sqlite.prepare<[number], { id: number; name: string }>('SELECT id, name FROM contact_lists WHERE id = ?');
  const listByName = sqlite.prepare<[string], { id: number; name: string }>('SELECT id, name FROM contact_lists WHERE name = ? ORDER BY id LIMIT 1');
  const insertList = sqlite.prepare<[string, number, number]>('INSERT INTO contact_lists (name, created_at, updated_at) VALUES (?, ?, ?)');
  const importListId = sqlite.prepare<[number], { listId: number | null }>("SELECT list_id AS listId FROM contact_imports WHERE id = ? AND state = 'staging'");
  const finishImport = sqlite.prepare("UPDATE contact_imports SET state = 'committed', summary_json = ?, finished_at = ? WHERE id = ? AND state = 'staging'");
  // Both are index lookups (suppressions_phone_idx), cheap enough for every batch.
  const suppressionKinds = sqlite.prepare<[], { any: number; hashOnly: number }>(
    'SELECT EXISTS (SELECT 1 FROM suppressions) AS "any", EXISTS (SELECT 1 FROM suppressions WHERE phone_e164 IS NULL) AS hashOnly',
  );
  const maxContactId = sqlite.prepare<[], { maxId: number | null }>('SELECT max(id) AS maxId FROM contacts');
  const lastErasure = sqlite.prepare<[], { id: number | null }>("SELECT max(id) AS id FROM suppression_events WHERE source = 'erasure'");
  const listExists = sqlite.prepare<[number], { one: number }>('SELECT 1 AS one FROM contact_lists WHERE id = ?');
  const addFieldNames = sqlite.prepare<[string]>('INSERT INTO field_names (names_json) VALUES (?) ON CONFLICT (names_json) DO NOTHING');
  const fieldNamesId = sqlite.prepare<[string], { id: number }>('SELECT id FROM field_names WHERE names_json = ?');

  // ---- per batch: new numbers go straight into the final tables, hidden by import_id ----
  // A batch's rows (StagedContacts.rows, JSONB) are read in SQL as `r`: [phoneE164, name, fields, rowNumber, consentAt].
  sqlite.function('fanout_import_phone_hash', { deterministic: true }, (phone: unknown) => (typeof phone === 'string' ? hasher.hash(phone) : null));
  // Whether row r's number is on the opt-out list. Checks that cannot match are left out (each
  // is a lookup per row of a million-row file); erased people are on the list by hash only.
  const optedOutTest: Record<SuppressionLookup, string> = {
    none: '0',
    phone: 'EXISTS (SELECT 1 FROM suppressions s WHERE s.phone_e164 = r.value ->> 0)',
    hash: 'EXISTS (SELECT 1 FROM suppressions s WHERE s.phone_hash = fanout_import_phone_hash(r.value ->> 0))',
  };
  const bySuppressionLookup = <T>(build: (optedOut: string) => T): Record<SuppressionLookup, T> => ({
    none: build(optedOutTest.none),
    phone: build(optedOutTest.phone),
    hash: build(optedOutTest.hash),
  });
  // `WHERE true` lets SQLite parse the upsert after a SELECT.
  const insertNewContacts = bySuppressionLookup((optedOut) =>
    sqlite.prepare<{ rows: Uint8Array; now: number; importId: number; fieldNamesId: number }>(
      `INSERT INTO contacts (phone_e164, name, fields_json, field_names_id, tags_json, opted_out, created_at, updated_at, import_id)
       SELECT r.value ->> 0, r.value ->> 1, r.value -> 2, @fieldNamesId, '[]', ${optedOut}, @now, @now, @importId FROM jsonb_each(@rows) r WHERE true
       ON CONFLICT (phone_e164) DO NOTHING`,
    ),
  );
  const optedOutAbove = sqlite.prepare<[number], { n: number }>('SELECT count(*) AS n FROM contacts WHERE id > ? AND opted_out = 1');
  // Under the write lock, the ids above the maximum before the insert are exactly this batch's.
  const addNewMembers = sqlite.prepare<{ listId: number; now: number; afterId: number }>(
    'INSERT INTO list_members (list_id, contact_id, added_at) SELECT @listId, id, @now FROM contacts WHERE id > @afterId',
  );
  const recordNewConsents = sqlite.prepare<{ rows: Uint8Array; afterId: number; basis: string; source: string; wording: string | null; recordedBy: string; now: number }>(
    `INSERT INTO consents (contact_id, purpose, basis, granted_at, source, wording, recorded_by, created_at)
     SELECT c.id, 'marketing', @basis, r.value ->> 4, @source || ' row ' || (r.value ->> 3), @wording, @recordedBy, @now
       FROM jsonb_each(@rows) r JOIN contacts c ON c.phone_e164 = r.value ->> 0
      WHERE c.id > @afterId AND (r.value ->> 4) IS NOT NULL`,
  );
  // The rows of the batch that were contacts already (not inserted above), and whether they are in the list.
  const knownInBatch = bySuppressionLookup((optedOut) =>
    sqlite.prepare<{ rows: Uint8Array; afterId: number; listId: number }, KnownRow>(
      `SELECT r.key AS "index", r.value ->> 0 AS phoneE164, r.value ->> 1 AS name, r.value -> 2 AS fieldsJson, r.value ->> 3 AS rowNumber,
              r.value ->> 4 AS consentAt, ${optedOut} AS optedOut,
              EXISTS (SELECT 1 FROM list_members m WHERE m.list_id = @listId AND m.contact_id = c.id) AS inList
         FROM jsonb_each(@rows) r JOIN contacts c ON c.phone_e164 = r.value ->> 0
        WHERE c.id <= @afterId
        ORDER BY r.key`,
    ),
  );
  const stage = sqlite.prepare<[number, number, string]>('INSERT INTO import_staging_batches (import_id, batch_number, rows_json) VALUES (?, ?, ?)');

  // ---- at commit: rows for known numbers, staged as [rowNumber, phoneE164, name, fields, optedOut, consentAt] ----
  const batchCount = sqlite.prepare<[number], { n: number }>('SELECT count(*) AS n FROM import_staging_batches WHERE import_id = ?');
  // The file's merge fields (staged as an object) go on top of the contact's (the newer file wins
  // per field), which become an object too. A contact hidden by an import that died before its
  // clean-up is taken over (import_id cleared).
  const upsertKnown = sqlite.prepare<{ importId: number; now: number }>(
    `INSERT INTO contacts (phone_e164, name, fields_json, tags_json, opted_out, created_at, updated_at)
     SELECT r.value ->> 1, r.value ->> 2, r.value -> 3, '[]', r.value ->> 4, @now, @now
       FROM import_staging_batches b, jsonb_each(b.rows_json) r
      WHERE b.import_id = @importId
     ON CONFLICT (phone_e164) DO UPDATE SET
       fields_json = json_patch(CASE WHEN contacts.field_names_id IS NULL THEN contacts.fields_json
         ELSE (SELECT json_group_object(n.value, contacts.fields_json ->> n.key) FROM field_names f, json_each(f.names_json) n WHERE f.id = contacts.field_names_id)
         END, excluded.fields_json),
       field_names_id = NULL,
       name = coalesce(excluded.name, contacts.name), updated_at = excluded.updated_at, import_id = NULL`,
  );
  const addKnownMembers = sqlite.prepare<{ importId: number; listId: number; now: number }>(
    `INSERT INTO list_members (list_id, contact_id, added_at)
     SELECT @listId, c.id, @now
       FROM import_staging_batches b, jsonb_each(b.rows_json) r JOIN contacts c ON c.phone_e164 = r.value ->> 1
      WHERE b.import_id = @importId
     ON CONFLICT DO NOTHING`,
  );
  // A contact that already has a standing marketing record keeps it (no duplicate per re-import);
  // one that ever withdrew is not given consent back by a file: that takes a record by hand.
  const recordKnownConsents = sqlite.prepare<{ importId: number; basis: string; source: string; wording: string | null; recordedBy: string; now: number }>(
    `INSERT INTO consents (contact_id, purpose, basis, granted_at, source, wording, recorded_by, created_at)
     SELECT c.id, 'marketing', @basis, r.value ->> 5, @source || ' row ' || (r.value ->> 0), @wording, @recordedBy, @now
       FROM import_staging_batches b, jsonb_each(b.rows_json) r JOIN contacts c ON c.phone_e164 = r.value ->> 1
      WHERE b.import_id = @importId AND (r.value ->> 5) IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM consents x WHERE x.contact_id = c.id AND x.purpose = 'marketing')`,
  );
  const clearStaging = sqlite.prepare('DELETE FROM import_staging_batches WHERE import_id = ?');
  const erasuresSince = sqlite.prepare<[number], { one: number }>("SELECT 1 AS one FROM suppression_events WHERE source = 'erasure' AND id > ? LIMIT 1");
  const contactsAbove = sqlite.prepare<[number], { n: number }>('SELECT count(*) AS n FROM contacts WHERE id > ?');
  const membersFrom = sqlite.prepare<[number, number], { n: number }>('SELECT count(*) AS n FROM list_members WHERE list_id = ? AND contact_id >= ?');

  // ---- undoing an import ----
  const deleteContactRange = sqlite.prepare<[number, number, number]>('DELETE FROM contacts WHERE id > ? AND id <= ? AND import_id = ?');
  const importRow = sqlite.prepare<[number], { listId: number | null; createdList: number }>(
    "SELECT list_id AS listId, created_list AS createdList FROM contact_imports WHERE id = ? AND state = 'staging'",
  );
  // A list the import created goes with it, unless someone put contacts in it meanwhile.
  const deleteListIfEmpty = sqlite.prepare<[number, number]>('DELETE FROM contact_lists WHERE id = ? AND NOT EXISTS (SELECT 1 FROM list_members WHERE list_id = ?)');
  const deleteImport = sqlite.prepare("DELETE FROM contact_imports WHERE id = ? AND state = 'staging'");
  const running = sqlite.prepare<[], { id: number; ownerPid: number | null; startedAt: number; listName: string }>(
    "SELECT id, owner_pid AS ownerPid, started_at AS startedAt, list_name AS listName FROM contact_imports WHERE state = 'staging'",
  );

  // Imports running on this connection, and its own threshold to go back to when the last one ends.
  const raised = { imports: 0, pages: 0 };
  function raiseAutocheckpoint(): () => void {
    if (raised.imports++ === 0) {
      raised.pages = sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;
      setAutocheckpoint(IMPORT_AUTOCHECKPOINT_PAGES);
    }
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      if (--raised.imports === 0) sqlite.pragma(`wal_autocheckpoint = ${raised.pages}`);
    };
  }
  /** Sets this connection's threshold for an import: `pages`, or its own if that is higher. */
  function setAutocheckpoint(pages: number): void {
    sqlite.pragma(`wal_autocheckpoint = ${Math.max(raised.pages, pages)}`);
  }

  /** Checkpoints on a worker thread for the rest of an import; the writer checkpoints itself again if the worker fails. */
  function checkpointInBackground(): BackgroundCheckpoints | undefined {
    const checkpoints = db.startBackgroundCheckpoints((message) => {
      console.error(`Fanout: checkpoints on a worker thread stopped (${message}); the import checkpoints as it writes.`);
      if (raised.imports > 0) setAutocheckpoint(IMPORT_AUTOCHECKPOINT_PAGES);
    });
    if (checkpoints) setAutocheckpoint(SAFETY_NET_AUTOCHECKPOINT_PAGES);
    return checkpoints;
  }

  const beginTx = sqlite.transaction((target: ImportTarget, fileName: string, namesJson: string, now: number) => {
    const other = running.all().find((run) => run.ownerPid !== null && isProcessAlive(run.ownerPid));
    if (other) throw new ImportInProgressError(other.listName, other.startedAt);
    const existing = 'listId' in target ? listById.get(target.listId) : listByName.get(target.listName);
    if (!existing && 'listId' in target) return undefined;
    const listName = existing?.name ?? ('listName' in target ? target.listName : '');
    const listId = existing?.id ?? Number(insertList.run(listName, now, now).lastInsertRowid);
    const importId = Number(insertImport.run(listId, listName, fileName, now, existing ? 0 : 1, process.pid).lastInsertRowid);
    addFieldNames.run(namesJson);
    return { importId, listId, namesId: fieldNamesId.get(namesJson)?.id ?? 0 };
  });

  const finishDiscardTx = sqlite.transaction((importId: number) => {
    const row = importRow.get(importId);
    if (!row) return;
    clearStaging.run(importId);
    if (row.createdList && row.listId !== null) deleteListIfEmpty.run(row.listId, row.listId);
    deleteImport.run(importId);
  });

  const deleteRangeTx = sqlite.transaction((after: number, upTo: number, importId: number) => {
    // Checked in each transaction: a committed import's contacts are never deleted as leftovers.
    if (importRow.get(importId)) deleteContactRange.run(after, upTo, importId);
  });

  /** Deletes the import's contacts range by range (memberships and consents go with them), then the rest. */
  function undo(importId: number, fromId: number): void {
    const top = maxContactId.get()?.maxId ?? 0;
    for (let after = fromId - 1; after < top; after += DISCARD_ID_RANGE) deleteRangeTx.immediate(after, after + DISCARD_ID_RANGE, importId);
    finishDiscardTx.immediate(importId);
  }

  function begin({ target, fileName, fieldNames, now, consent }: ImportBeginRequest): ContactImportSession | undefined {
    const started = beginTx.immediate(target, fileName, JSON.stringify(fieldNames), now);
    if (!started) return undefined;
    const { importId, listId, namesId } = started;
    // Read in each batch's transaction: an opt-out or an erasure between batches counts for the rest.
    const suppressionLookup = (): SuppressionLookup => {
      const kinds = suppressionKinds.get() ?? { any: 0, hashOnly: 0 };
      return !kinds.any ? 'none' : kinds.hashOnly ? 'hash' : 'phone';
    };
    const erasureMark = lastErasure.get()?.id ?? 0;
    let batchNumber = 0;
    let newContacts = 0;
    let newConsents = 0;
    let knownRows = 0;
    /** The smallest id this import gave a contact; the clean-up starts there. */
    let firstId = Number.POSITIVE_INFINITY;

    const writeBatch = sqlite.transaction(({ rows, count, anyConsent }: StagedContacts, now: number): StagedBatch => {
      // Foreign keys are not checked while a batch is written (see stageBatch): the list is checked here once instead.
      if (importListId.get(importId)?.listId !== listId || !listExists.get(listId)) throw new StagingLostError('list-deleted');
      const lookup = suppressionLookup();
      const afterId = maxContactId.get()?.maxId ?? 0;
      const inserted = insertNewContacts[lookup].run({ rows, now, importId, fieldNamesId: namesId }).changes;
      const result: StagedBatch = { staged: inserted, optedOut: 0, rejected: [] };
      if (inserted > 0) {
        firstId = Math.min(firstId, afterId + 1);
        addNewMembers.run({ listId, now, afterId });
        if (consent && anyConsent) {
          newConsents += recordNewConsents.run({ rows, afterId, basis: consent.basis, source: consent.source, wording: consent.wording, recordedBy: consent.recordedBy, now }).changes;
        }
        if (lookup !== 'none') result.optedOut = optedOutAbove.get(afterId)?.n ?? 0;
      }
      newContacts += inserted;
      if (inserted === count) return result;

      // Some numbers were contacts already: in the list means a duplicate; otherwise the row waits for commit.
      let staged = '';
      for (const known of knownInBatch[lookup].all({ rows, afterId, listId })) {
        if (known.inList) {
          result.rejected.push({ index: known.index, reason: 'already-in-list', fieldsJson: known.fieldsJson });
          continue;
        }
        const grantedAt = consent ? known.consentAt : null;
        const fieldsObject = mergeFieldsObjectText(known.fieldsJson, fieldNames);
        staged += `${staged ? ',' : ''}[${known.rowNumber},${JSON.stringify(known.phoneE164)},${JSON.stringify(known.name)},${fieldsObject},${known.optedOut},${grantedAt === null ? 'null' : String(grantedAt)}]`;
        result.staged++;
        if (known.optedOut) result.optedOut++;
        knownRows++;
      }
      if (staged) stage.run(importId, ++batchNumber, `[${staged}]`);
      return result;
    });
    // Hidden rows need not survive a power loss: an import cut short is started again anyway.
    // Nor need they be checked against foreign keys row by row (a third of the time of adding a
    // million list members): the batch checks its list, and its contacts are its own inserts.
    const writeRelaxed = relaxedDurability(sqlite, (rows: StagedContacts, now: number) => withoutForeignKeyChecks(sqlite, () => writeBatch.immediate(rows, now)));
    const restoreAutocheckpoint = raiseAutocheckpoint();
    let rowsWritten = 0;
    let backgroundCheckpoints: BackgroundCheckpoints | undefined;
    let checkpointed = Promise.resolve();
    /** Whether a worker thread takes the last checkpoint (it does one more before it stops). */
    const stopBackgroundCheckpoints = (): boolean => {
      if (!backgroundCheckpoints) return false;
      checkpointed = backgroundCheckpoints.stop();
      backgroundCheckpoints = undefined;
      return true;
    };

    const commitTx = sqlite.transaction((summary: Record<string, unknown>, now: number): ImportCommitResult => {
      const current = importListId.get(importId);
      if (!current || current.listId === null) throw new StagingLostError('list-deleted');
      if ((batchCount.get(importId)?.n ?? 0) !== batchNumber) throw new StagingLostError('erased-person');
      // An erasure deletes a hidden contact like any other (its membership goes with it); only
      // when one happened meanwhile is it worth counting the import's members.
      if (newContacts > 0 && erasuresSince.get(erasureMark) && (membersFrom.get(listId, firstId)?.n ?? 0) < newContacts) throw new StagingLostError('erased-person');
      let addedToList = newContacts;
      let consentsRecorded = newConsents;
      let revived = 0;
      if (knownRows > 0) {
        const before = maxContactId.get()?.maxId ?? 0;
        upsertKnown.run({ importId, now });
        // A known contact deleted by hand since its batch is inserted again: it counts as new.
        revived = contactsAbove.get(before)?.n ?? 0;
        addedToList += addKnownMembers.run({ importId, listId, now }).changes;
        if (consent) {
          consentsRecorded += recordKnownConsents.run({ importId, basis: consent.basis, source: consent.source, wording: consent.wording, recordedBy: consent.recordedBy, now }).changes;
        }
        clearStaging.run(importId);
      }
      const result = { listId, addedToList, newContacts: newContacts + revived, consentsRecorded };
      finishImport.run(JSON.stringify({ ...summary, addedToList, newContacts: result.newContacts, consentsRecorded }), now, importId);
      return result;
    });

    return {
      importId,
      stageBatch(rows) {
        const result = writeRelaxed(rows, now);
        const before = rowsWritten;
        rowsWritten += rows.count;
        // Once, with the batch that reaches the threshold.
        if (before < BACKGROUND_CHECKPOINTS_AFTER_ROWS && rowsWritten >= BACKGROUND_CHECKPOINTS_AFTER_ROWS) backgroundCheckpoints = checkpointInBackground();
        return result;
      },
      commit(summary, now) {
        const result = commitTx.immediate(summary, now);
        const inBackground = stopBackgroundCheckpoints();
        restoreAutocheckpoint();
        // Copy the import's pages into the database now, as part of the import, rather than
        // in the next small commit of whoever writes next (the engine, between two messages).
        // PASSIVE never waits for readers.
        if (!inBackground) sqlite.pragma('wal_checkpoint(PASSIVE)');
        return result;
      },
      checkpointed: () => checkpointed,
      discard() {
        stopBackgroundCheckpoints();
        restoreAutocheckpoint();
        undo(importId, Number.isFinite(firstId) ? firstId : (maxContactId.get()?.maxId ?? 0) + 1);
      },
    };
  }

  return {
    begin,
    discardAbandoned(startedBefore) {
      const abandoned = running.all().filter((run) => run.ownerPid === null || !isProcessAlive(run.ownerPid) || (startedBefore !== undefined && run.startedAt < startedBefore));
      // A dead import's first id is not recorded: its contacts are found by scanning the ids (reads only).
      for (const { id } of abandoned) undo(id, 1);
      return abandoned.length;
    },
  };
}
