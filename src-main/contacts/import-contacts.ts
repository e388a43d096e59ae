// Imports a CSV/TSV file into a contact list, streamed: the file is read in chunks, decoded
// incrementally, parsed by papaparse and written in batches, hidden until the import commits at
// the very end, so a file that turns out to be broken half-way leaves the database as it was.
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { jsonString, StagingLostError, type ConsentBasis, type ImportTarget, type StagedContact, type Store } from '../store';
import { parseConsentCell } from './consent-cell';
import { FieldLengthGuard, FieldTooLongError } from './field-length-guard';
import { ContactImportError } from './import-error';
import { DEFAULT_COUNTRY, normalisePhoneNumber, PHONE_REJECTION_TEXT, type CountryCode } from './phone-number';
import { RejectedRowsWriter, type RejectedRow } from './rejected-rows';
import { SeenNumbers } from './seen-numbers';
import { binaryFileError, sniffFile, type SniffedFile } from './sniff-file';
import type { Delimiter } from './sniff-table';
import { createDecoder, InvalidTextError, looksBinary, type TextEncodingName } from './text-encoding';

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
const READ_CHUNK = 1 << 19;

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
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const rejectedPath = options.rejectedCsvPath ?? path.join(tmpdir(), `fanout-rejected-${path.basename(options.path, path.extname(options.path))}-${process.pid}-${Date.now()}.csv`);

  options.store.contactImport.discardAbandoned(now() - ABANDONED_AFTER_MS);
  const fileLabel = options.fileLabel ?? path.basename(options.path);
  const session = options.store.contactImport.begin({
    target: options.list,
    fileName: path.basename(options.path),
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
  const rejected = new RejectedRowsWriter(rejectedPath, columns, sniffed.delimiter);

  const counts = { rows: 0, duplicates: 0, invalid: 0, optedOut: 0, consentUnclear: 0 };
  const importedAt = now();
  const fieldColumns = columns.map((_, index) => index).filter((index) => index !== phoneColumn);
  // Each contact's merge fields are an object text built by hand: the titles are encoded once.
  const fieldKeys = fieldColumns.map((index, n) => `${n ? ',' : '{'}${jsonString(columns[index] ?? '')}:`);
  let batch: { staged: StagedContact; cells: string[] }[] = [];
  let bytesRead = 0;

  // Rows rejected before staging wait here; written at each flush, so a file of a million bad
  // rows is not held in memory either.
  const pendingRejections: RejectedRow[] = [];
  const flush = () => {
    rejected.write(pendingRejections.splice(0));
    if (batch.length === 0) {
      options.onProgress?.({ rowsRead: counts.rows, bytesRead, totalBytes: sniffed.totalBytes });
      return;
    }
    const result = session.stageBatch(batch.map((b) => b.staged));
    counts.optedOut += result.optedOut;
    const rows: RejectedRow[] = [];
    for (const rejection of result.rejected) {
      const entry = batch[rejection.index];
      if (!entry) continue;
      counts.duplicates++;
      rows.push({ rowNumber: entry.staged.rowNumber, reason: 'duplicate: already in the list', cells: entry.cells });
    }
    rejected.write(rows);
    batch = [];
    options.onProgress?.({ rowsRead: counts.rows, bytesRead, totalBytes: sniffed.totalBytes });
  };

  // Record number as a spreadsheet shows it: the header is row 1, empty lines count.
  let rowNumber = 0;
  const seen = new SeenNumbers();
  const reject = (rejection: RejectedRow) => {
    pendingRejections.push(rejection);
    if (pendingRejections.length >= batchSize) flush();
  };
  const takeRow = (cells: string[]) => {
    rowNumber++;
    if (hasHeader && rowNumber === 1) return;
    if (cells.every((cell) => cell.trim() === '')) return;
    counts.rows++;
    if (cells.length < columns.length || trimmedWidth(cells) > columns.length) {
      counts.invalid++;
      reject({ rowNumber, reason: `wrong number of fields: ${cells.length} instead of ${columns.length}`, cells });
      return;
    }
    const phone = normalisePhoneNumber(cells[phoneColumn] ?? '', country);
    if (!phone.ok) {
      counts.invalid++;
      reject({ rowNumber, reason: PHONE_REJECTION_TEXT[phone.reason], cells });
      return;
    }
    const firstRow = seen.firstRowOf(phone.e164, rowNumber);
    if (firstRow !== undefined) {
      counts.duplicates++;
      reject({ rowNumber, reason: `duplicate: same number as row ${firstRow}`, cells });
      return;
    }
    let fieldsJson = '';
    for (let n = 0; n < fieldColumns.length; n++) fieldsJson += `${fieldKeys[n] as string}${jsonString(cells[fieldColumns[n] as number] ?? '')}`;
    fieldsJson = fieldsJson ? `${fieldsJson}}` : '{}';
    const name = nameColumns.map((i) => cells[i]?.trim() ?? '').filter(Boolean).join(' ') || null;
    let consentAt: number | null = consent.kind === 'basis' ? importedAt : null;
    if (consentColumn !== undefined) {
      const cell = parseConsentCell(cells[consentColumn] ?? '', importedAt);
      if (cell.kind === 'unclear') counts.consentUnclear++;
      if (cell.kind === 'yes') consentAt = cell.grantedAt ?? importedAt;
    }
    batch.push({ staged: { rowNumber, phoneE164: phone.e164, name, fieldsJson, consentAt }, cells });
    if (batch.length >= batchSize) flush();
  };

  try {
    await parseStream(options, sniffed, (rows) => rows.forEach(takeRow), (n) => (bytesRead = n));
    flush();
    const summary = { ...counts, encoding: sniffed.encoding, delimiter: sniffed.delimiter };
    let committed;
    try {
      committed = session.commit(summary, now());
    } catch (error) {
      if (!(error instanceof StagingLostError)) throw error;
      const why = error.lost === 'list-deleted' ? 'The list was deleted' : 'Someone was erased from Fanout';
      throw new ContactImportError('interrupted', `${why} while this file was being imported, so the import was stopped and nothing was imported. Import the file again.`, { cause: error });
    }
    const rejectedCsvPath = rejected.close();
    return {
      imported: committed.addedToList,
      newContacts: committed.newContacts,
      duplicates: counts.duplicates,
      invalid: counts.invalid,
      optedOut: counts.optedOut,
      ...(rejectedCsvPath ? { rejectedCsvPath } : {}),
      encoding: sniffed.encoding,
      delimiter: sniffed.delimiter,
      hasHeader,
      phoneColumn: columns[phoneColumn] ?? '',
      rows: counts.rows,
      listId: committed.listId,
      consentsRecorded: committed.consentsRecorded,
      consentUnclear: counts.consentUnclear,
    };
  } catch (error) {
    session.discard();
    rejected.discard();
    throw error;
  }
}

/** Cells beyond the header's width that are empty are trailing delimiters, not data. */
function trimmedWidth(cells: readonly string[]): number {
  let width = cells.length;
  while (width > 0 && cells[width - 1] === '') width--;
  return width;
}

/** Streams the file through decoder, guard and papaparse; calls `onRows` synchronously per chunk. */
function parseStream(options: ImportContactsOptions, sniffed: SniffedFile, onRows: (rows: string[][]) => void, onBytes: (bytesRead: number) => void): Promise<void> {
  const maxField = options.maxFieldLength ?? DEFAULT_MAX_FIELD;
  const guard = new FieldLengthGuard(sniffed.delimiter, maxField);
  const decoder = createDecoder(sniffed.encoding);
  const eightBit = sniffed.encoding === 'utf-8' || sniffed.encoding === 'windows-1252';
  let bytesRead = 0;

  async function* decodedText(): AsyncGenerator<string> {
    const file = createReadStream(options.path, { start: sniffed.bomLength, highWaterMark: READ_CHUNK });
    for await (const chunk of file as AsyncIterable<Buffer>) {
      if (options.signal?.aborted) throw new ContactImportError('cancelled', 'The import was cancelled; nothing was imported.');
      bytesRead += chunk.length;
      if (eightBit && chunk.includes(0)) throw binaryFileError();
      const text = decoder.write(chunk);
      guard.check(text);
      if (text) yield text;
    }
    const rest = decoder.end();
    guard.check(rest);
    if (guard.insideQuotes) throw unterminatedQuote(guard.currentFieldRow);
    if (rest) yield rest;
  }

  return new Promise<void>((resolve, reject) => {
    const input = Readable.from(decodedText(), { objectMode: true });
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      // Stop reading the file; papaparse has already let go of the stream.
      input.on('error', () => undefined);
      input.destroy();
      reject(toImportError(error, maxField));
    };
    Papa.parse<string[]>(input as unknown as File /* papaparse's types lack Node streams; it accepts them */, {
      delimiter: sniffed.delimiter,
      header: false,
      skipEmptyLines: false,
      chunk(results, parser) {
        if (failed) return;
        try {
          const fatal = results.errors.find((e) => e.code === 'MissingQuotes');
          if (fatal) throw unterminatedQuote(undefined);
          onBytes(bytesRead);
          const rows = results.data;
          // A file of random bytes can still decode to "text": check what came out.
          if (rows.length > 0 && looksBinary(rows.slice(0, 50).flat().join(''))) throw binaryFileError();
          onRows(rows);
        } catch (error) {
          parser.abort();
          fail(error);
        }
      },
      complete: () => {
        if (!failed) resolve();
      },
      error: (error: Error) => fail(error),
    });
  });
}

function unterminatedQuote(row: number | undefined): ContactImportError {
  const where = row === undefined ? '' : ` in row ${row}`;
  return new ContactImportError(
    'unterminated-quote',
    `A quoted field${where} is never closed: a quotation mark (") is missing, so the rest of the file would be read as one field. Nothing was imported. Fix the quotes in the file, or export it again from your spreadsheet.`,
  );
}

function toImportError(error: unknown, maxField: number): unknown {
  if (error instanceof FieldTooLongError) {
    if (error.inQuotes) return unterminatedQuote(error.row);
    return new ContactImportError(
      'field-too-long',
      `Row ${error.row} has a field longer than ${maxField.toLocaleString('en')} characters. This is not a contacts table, or the file is damaged. Nothing was imported.`,
    );
  }
  return error;
}
