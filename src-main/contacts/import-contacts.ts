// Imports a CSV/TSV file into a contact list, streamed: the file is read in chunks, decoded
// incrementally and parsed (import-row-reader.ts, on a worker thread for large files) while this
// thread writes the batches, hidden until the import commits at the very end, so a file that
// turns out to be broken half-way leaves the database as it was.
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ImportInProgressError, StagingLostError, type ConsentBasis, type ContactImportSession, type ImportCommitResult, type ImportTarget, type Store } from '../store';
import { ContactImportError } from './import-error';
import type { ReaderError, RowReaderConfig } from './import-row-reader';
import { openRowSource, WORKER_MIN_BYTES, type RowSource } from './import-row-source';
import { mergeFieldColumns } from './merge-field-text';
import { DEFAULT_COUNTRY, type CountryCode } from './phone-number';
import { sniffFile, type SniffedFile } from './sniff-file';
import type { Delimiter } from './sniff-table';
import { InvalidTextError, type TextEncodingName } from './text-encoding';

export interface ImportProgress {
  rowsRead: number;
  bytesRead: number;
  totalBytes: number;
}

/**
 * The marketing basis of the file's contacts. 'column': a column whose yes/ja/1/x/true or date
 * means consent (recorded per row, source "import FILE row N"); 'basis': one basis declared for
 * every row. Contacts left without one can only receive service messages.
 */
export type ImportConsentOption =
  | { kind: 'none' }
  | { kind: 'column'; column: number | string; wording?: string | null }
  | { kind: 'basis'; basis: ConsentBasis; wording?: string | null };

export interface ImportContactsOptions {
  store: Pick<Store, 'contactImport'>;
  path: string;
  list: ImportTarget;
  defaultCountry?: CountryCode;
  /** Overrides for what the preview guessed. Columns by index or title. */
  mapping?: {
    phoneColumn?: number | string;
    nameColumns?: (number | string)[];
    hasHeader?: boolean;
    delimiter?: Delimiter;
    encoding?: TextEncodingName;
  };
  consent?: ImportConsentOption;
  /** Who imports, as consent records name them (an operator, or the CLI's local administrator). */
  recordedBy?: string;
  /** The file's name as the user knows it (an upload is stored under another), for consent sources. */
  fileLabel?: string;
  /** Where to write the rejected rows; a file in the temp folder by default. */
  rejectedCsvPath?: string;
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
  batchSize?: number;
  /** Longest field accepted; longer means a missing quote or not a contacts file. */
  maxFieldLength?: number;
  /** Parse on a worker thread; by default only files of WORKER_MIN_BYTES and more. */
  readInWorker?: boolean;
  now?: () => number;
}

export interface ImportContactsResult {
  /** New unique valid contacts in the list. */
  imported: number;
  /** Of `imported`, numbers that were not contacts in any list before. */
  newContacts: number;
  /** Rows whose number was already in the list or earlier in the file. */
  duplicates: number;
  /** Rows without a valid number or with the wrong number of fields. */
  invalid: number;
  /** Imported rows whose number is on the opt-out list: flagged, never messaged. */
  optedOut: number;
  rejectedCsvPath?: string;
  encoding: TextEncodingName;
  delimiter: Delimiter;
  hasHeader: boolean;
  phoneColumn: string;
  /** Data rows read (header and empty lines not counted). */
  rows: number;
  listId: number;
  /** Consent records written (contacts that already had a standing one, or had withdrawn one, are left as they are). */
  consentsRecorded: number;
  /** Rows whose consent cell was neither yes, no nor a date: imported without consent. */
  consentUnclear: number;
}

const DEFAULT_BATCH = 5000;
/** An import still 'staging' after this long belongs to a process that died: its rows are dropped. */
const ABANDONED_AFTER_MS = 60 * 60_000;
const DEFAULT_MAX_FIELD = 100_000;

export async function importContacts(options: ImportContactsOptions): Promise<ImportContactsResult> {
  const country = options.defaultCountry ?? DEFAULT_COUNTRY;
  const sniffed = await sniffFile(options.path, country, {
    encoding: options.mapping?.encoding,
    delimiter: options.mapping?.delimiter,
    hasHeader: options.mapping?.hasHeader,
  });
  try {
    return await importWithEncoding(options, sniffed, country);
  } catch (error) {
    // Valid UTF-8 at the start, Windows-1252 later (an umlaut in row 50,000): start over.
    if (error instanceof InvalidTextError && !options.mapping?.encoding) {
      return importWithEncoding(options, { ...sniffed, encoding: 'windows-1252', bomLength: 0 }, country);
    }
    throw error;
  }
}

function columnIndex(columns: readonly string[], column: number | string, what: string): number {
  const index = typeof column === 'number' ? column : columns.indexOf(column);
  if (index < 0 || index >= columns.length) {
    throw new ContactImportError('unknown-column', `The file has no column "${String(column)}" for the ${what}. Its columns are: ${columns.join(', ')}.`);
  }
  return index;
}

async function importWithEncoding(options: ImportContactsOptions, sniffed: SniffedFile, country: CountryCode): Promise<ImportContactsResult> {
  const now = options.now ?? Date.now;
  const { columns, hasHeader } = sniffed.guess;
  const phoneColumn = options.mapping?.phoneColumn !== undefined ? columnIndex(columns, options.mapping.phoneColumn, 'phone numbers') : sniffed.guess.phoneColumn;
  if (phoneColumn === undefined) {
    throw new ContactImportError('no-phone-column', `No column of this file looks like phone numbers (columns: ${columns.join(', ')}). Choose the phone column yourself.`);
  }
  const nameColumns = options.mapping?.nameColumns?.map((c) => columnIndex(columns, c, 'name')) ?? sniffed.guess.nameColumns;
  const consent = options.consent ?? { kind: 'none' };
  const consentColumn = consent.kind === 'column' ? columnIndex(columns, consent.column, 'consent') : undefined;
  if (consentColumn !== undefined && consentColumn === phoneColumn) {
    throw new ContactImportError('unknown-column', 'The consent column cannot be the phone number column. Choose the column that says yes or no (or a date) for consent.');
  }
  const rejectedCsvPath = options.rejectedCsvPath ?? path.join(tmpdir(), `fanout-rejected-${path.basename(options.path, path.extname(options.path))}-${process.pid}-${Date.now()}.csv`);
  if (options.signal?.aborted) throw cancelled();

  options.store.contactImport.discardAbandoned(now() - ABANDONED_AFTER_MS);
  const fileLabel = options.fileLabel ?? path.basename(options.path);
  const session = beginImport(options.store, {
    target: options.list,
    fileName: path.basename(options.path),
    fieldNames: mergeFieldColumns(columns.length, phoneColumn).map((column) => columns[column] ?? ''),
    now: now(),
    consent:
      consent.kind === 'none'
        ? undefined
        : {
            basis: consent.kind === 'basis' ? consent.basis : 'consent',
            wording: consent.wording ?? null,
            recordedBy: options.recordedBy ?? 'import',
            source: `import ${fileLabel}`,
          },
  });
  if (!session) throw new ContactImportError('list-not-found', 'The contact list no longer exists. Choose another list.');

  const config: RowReaderConfig = {
    path: options.path,
    encoding: sniffed.encoding,
    bomLength: sniffed.bomLength,
    delimiter: sniffed.delimiter,
    columns,
    hasHeader,
    phoneColumn,
    nameColumns,
    ...(consentColumn !== undefined ? { consentColumn } : {}),
    consentForAll: consent.kind === 'basis',
    country,
    batchSize: options.batchSize ?? DEFAULT_BATCH,
    maxFieldLength: options.maxFieldLength ?? DEFAULT_MAX_FIELD,
    importedAt: now(),
    rejectedCsvPath,
  };
  let source: RowSource | undefined;
  let inList = 0;
  let optedOut = 0;
  try {
    source = await openRowSource(config, { inWorker: options.readInWorker ?? sniffed.totalBytes >= WORKER_MIN_BYTES });
    for (;;) {
      const message = await source.next();
      if (options.signal?.aborted) throw cancelled();
      if (message.type === 'error') throw readerError(message.error);
      const progress = { rowsRead: message.rowsRead, bytesRead: message.bytesRead, totalBytes: sniffed.totalBytes };
      if (message.type === 'end') {
        options.onProgress?.(progress);
        const counts = { ...message.counts, duplicates: message.counts.duplicates + inList, optedOut };
        const committed = commitImport(session, { ...counts, encoding: sniffed.encoding, delimiter: sniffed.delimiter }, now());
        // The import is done when its contacts are in the database file, not only in the log.
        await session.checkpointed();
        // Committed: whatever happens to the rejected rows' file now, the import stands.
        const rejectedPath = await source.finish().catch((error: unknown) => {
          console.error('Fanout: the rejected rows of an import could not be written:', error);
          return undefined;
        });
        return {
          imported: committed.addedToList,
          newContacts: committed.newContacts,
          duplicates: counts.duplicates,
          invalid: counts.invalid,
          optedOut,
          ...(rejectedPath ? { rejectedCsvPath: rejectedPath } : {}),
          encoding: sniffed.encoding,
          delimiter: sniffed.delimiter,
          hasHeader,
          phoneColumn: columns[phoneColumn] ?? '',
          rows: counts.rows,
          listId: committed.listId,
          consentsRecorded: committed.consentsRecorded,
          consentUnclear: counts.consentUnclear,
        };
      }
      const rows = message.rows;
      const result = rows.count > 0 ? explainLostStaging(() => session.stageBatch(rows)) : { staged: 0, optedOut: 0, rejected: [] };
      optedOut += result.optedOut;
      inList += result.rejected.length;
      source.settle(result.rejected, rows);
      options.onProgress?.(progress);
    }
  } catch (error) {
    await source?.discard();
    session.discard();
    throw error;
  }
}

function beginImport(store: ImportContactsOptions['store'], request: Parameters<Store['contactImport']['begin']>[0]): ContactImportSession | undefined {
  try {
    return store.contactImport.begin(request);
  } catch (error) {
    if (!(error instanceof ImportInProgressError)) throw error;
    const since = new Date(error.startedAt).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
    throw new ContactImportError('busy', `Another import, into the list "${error.listName}", has been running since ${since}. Fanout imports one file at a time: wait until it has finished, then import this file.`, { cause: error });
  }
}

function commitImport(session: ContactImportSession, summary: Record<string, unknown>, now: number): ImportCommitResult {
  return explainLostStaging(() => session.commit(summary, now));
}

/** A batch or the commit, with the store's "what the import wrote was taken away meanwhile" said for the user. */
function explainLostStaging<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (!(error instanceof StagingLostError)) throw error;
    const why = error.lost === 'list-deleted' ? 'The list was deleted' : 'Someone was erased from Fanout';
    throw new ContactImportError('interrupted', `${why} while this file was being imported, so the import was stopped and nothing was imported. Import the file again.`, { cause: error });
  }
}

function cancelled(): ContactImportError {
  return new ContactImportError('cancelled', 'The import was cancelled; nothing was imported.');
}

/** The reader's error (perhaps from another thread) as the importer throws it. */
function readerError(error: ReaderError): Error {
  if (error.kind === 'import') return new ContactImportError(error.code, error.message);
  if (error.kind === 'invalid-text') return new InvalidTextError('The file is not valid UTF-8');
  const lost = new Error(error.message);
  if (error.stack) lost.stack = error.stack;
  return lost;
}
