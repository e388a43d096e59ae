// The reading half of an import: file → decoder → length guard → papaparse → one contact per row
// (E.164 number, name, merge fields, consent), invalid rows and in-file duplicates rejected into
// the rejected-rows CSV. It knows no database, so it can run on a worker thread while the main
// thread writes (import-row-source.ts). Batches go out in the file's order, or sorted by number a
// window at a time where the file is in another order (see SORT_WINDOW_BATCHES); each is answered
// by settle(), oldest first, with the rows the database turned down, and only a few wait at a
// time (READ_AHEAD), so a fast reader never holds more than a few batches in memory.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { StagedRowsBuilder, type StagedContacts } from '../store/staged-contacts';
import { parseConsentCell } from './consent-cell';
import { FieldLengthGuard, FieldTooLongError } from './field-length-guard';
import { ContactImportError } from './import-error';
import { cellsFromMergeFields, mergeFieldColumns } from './merge-field-text';
import { normalisePhoneNumber, PHONE_REJECTION_TEXT, type CountryCode } from './phone-number';
import { RejectedRowsWriter, type RejectedRow } from './rejected-rows';
import { SeenNumbers } from './seen-numbers';
import { binaryFileError } from './sniff-file';
import type { Delimiter } from './sniff-table';
import { createDecoder, looksBinary, type TextEncodingName } from './text-encoding';

/** Everything the reader needs, as plain data (it crosses to a worker thread). */
export interface RowReaderConfig {
  path: string;
  encoding: TextEncodingName;
  bomLength: number;
  delimiter: Delimiter;
  columns: string[];
  hasHeader: boolean;
  phoneColumn: number;
  nameColumns: number[];
  consentColumn?: number;
  /** Every row has the file's declared basis (consent kind 'basis'). */
  consentForAll: boolean;
  country: CountryCode;
  batchSize: number;
  maxFieldLength: number;
  importedAt: number;
  rejectedCsvPath: string;
}

/** A row of a batch the database did not take (its number is in the list already), with the merge fields it was sent with. */
export interface RowTurnedDown {
  index: number;
  fieldsJson: string;
}

export interface RowCounts {
  rows: number;
  invalid: number;
  /** Duplicates within the file (the database adds those already in the list). */
  duplicates: number;
  consentUnclear: number;
}

export type ReaderMessage =
  | { type: 'batch'; rows: StagedContacts; rowsRead: number; bytesRead: number }
  | { type: 'end'; counts: RowCounts; rowsRead: number; bytesRead: number }
  | { type: 'error'; error: ReaderError };

/** An error as it crosses threads: what the importer needs to act on it. */
export type ReaderError =
  | { kind: 'import'; code: ContactImportError['code']; message: string }
  | { kind: 'invalid-text' }
  | { kind: 'other'; message: string; stack?: string };

/**
 * Bytes of the file read, decoded and parsed at a time. Papaparse hands over all rows of a piece
 * at once and they live until the last is taken, so every garbage collection meanwhile copies
 * them: at 512 KB (11,000 rows) a million-row import spent a quarter of the reader's time
 * collecting; 64 KB pieces made the import ~8% faster and its peak ~10 MB smaller.
 */
const READ_CHUNK = 1 << 16;
/**
 * A list in any order but by number (by name, by customer number) puts the numbers of every batch
 * all over the number index, and each batch's transaction then rewrites most of the index's pages:
 * a million such rows took three times as long as the same rows sorted by number (five times,
 * encrypted). So rows that come out of order are held back in windows of this many batches, and
 * each window is handed on sorted by number: each of its batches then covers an eighth of the
 * numbers. Rows that come in order go straight on (holding them would only cost memory). A million
 * scattered rows, plain: 4.6 s with windows of 4 batches, 3.9–4.2 s with 8 (peak +10 MB), 3.7 s
 * with 16 (peak ~300 MB, too close to the aim).
 */
const SORT_WINDOW_BATCHES = 8;
/**
 * Of a batch's rows, how many may have a number below the highest one before them in that batch
 * for the rows to count as in order: a list sorted by number with a few stray rows goes on as it
 * is; one that starts over (every 126th row in a list where each number is 7,919 after the last)
 * or has no order at all is sorted.
 */
const OUT_OF_ORDER_SHARE = 0.1;
/**
 * Batches read ahead of the database, enough to keep both threads busy and few enough to bound
 * memory: a window's worth, so the next window fills while the database writes this one. (A batch
 * is ~90 bytes a row; with two, each thread kept waiting for the other ~a quarter of the time.)
 */
const READ_AHEAD = SORT_WINDOW_BATCHES;

export class RowReader {
  private readonly rejected: RejectedRowsWriter;
  private readonly counts: RowCounts = { rows: 0, invalid: 0, duplicates: 0, consentUnclear: 0 };
  /**
   * Each batch sent and not yet settled, oldest first, with what the rows the database turns down
   * need besides their merge fields (which come back with the answer: holding every row's until
   * then made the reader's garbage collection a third of its time).
   */
  private readonly unsettled: { rowNumbers: readonly number[]; phoneCells: readonly string[] }[] = [];
  /** See mergeFieldColumns. */
  private readonly fieldColumns: readonly number[];
  /** Buffers of settled batches, written into again (see settle). */
  private readonly spareBuffers: ArrayBuffer[] = [];
  private room: (() => void) | undefined;
  private stopped = false;
  private bytesRead = 0;

  constructor(
    private readonly config: RowReaderConfig,
    private readonly emit: (message: ReaderMessage) => void,
  ) {
    this.rejected = new RejectedRowsWriter(config.rejectedCsvPath, config.columns, config.delimiter);
    this.fieldColumns = mergeFieldColumns(config.columns.length, config.phoneColumn);
  }

  /** Reads the whole file; ends with an 'end' or 'error' message. */
  async run(): Promise<void> {
    try {
      await this.read();
      if (!this.stopped) this.emit({ type: 'end', counts: { ...this.counts }, rowsRead: this.counts.rows, bytesRead: this.bytesRead });
    } catch (error) {
      if (!this.stopped) this.emit({ type: 'error', error: describeError(error) });
    }
  }

  /**
   * The database's answer to the oldest unsettled batch: which of its rows it did not take, and
   * the batch's buffer, which the database is done with (a new batch is written into it).
   */
  settle(turnedDown: readonly RowTurnedDown[], spareBuffer?: ArrayBuffer): void {
    const batch = this.unsettled.shift();
    if (!batch) return;
    const { fieldColumns, config } = this;
    this.rejected.write(
      turnedDown.map(({ index, fieldsJson }) => ({
        rowNumber: batch.rowNumbers[index] ?? 0,
        reason: 'duplicate: already in the list',
        cells: cellsFromMergeFields(fieldsJson, fieldColumns, config.phoneColumn, batch.phoneCells[index] ?? '', config.columns.length),
      })),
    );
    if (spareBuffer && this.spareBuffers.length < READ_AHEAD) this.spareBuffers.push(spareBuffer);
    this.room?.();
  }

  /** After the last batch is settled: the rejected rows' file, if any row was rejected. */
  finish(): string | undefined {
    return this.rejected.close();
  }

  /** Stops reading and removes the rejected rows' file. */
  discard(): void {
    this.stopped = true;
    this.rejected.discard();
    this.room?.();
  }

  private async waitForRoom(): Promise<void> {
    while (this.unsettled.length >= READ_AHEAD && !this.stopped) {
      await new Promise<void>((resolve) => (this.room = resolve));
      this.room = undefined;
    }
  }

  /** The file's text, chunk by chunk, once the database has room for more batches. */
  private async *decodedText(guard: FieldLengthGuard): AsyncGenerator<string> {
    const { config } = this;
    const decoder = createDecoder(config.encoding);
    const eightBit = config.encoding === 'utf-8' || config.encoding === 'windows-1252';
    const file = createReadStream(config.path, { start: config.bomLength, highWaterMark: READ_CHUNK });
    for await (const chunk of file as AsyncIterable<Buffer>) {
      await this.waitForRoom();
      if (this.stopped) throw new ContactImportError('cancelled', 'The import was cancelled; nothing was imported.');
      this.bytesRead += chunk.length;
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

  private read(): Promise<void> {
    const { config } = this;
    const guard = new FieldLengthGuard(config.delimiter, config.maxFieldLength);
    const rowSink = this.rowSink();

    return new Promise<void>((resolve, reject) => {
      const input = Readable.from(this.decodedText(guard), { objectMode: true });
      let failed = false;
      const fail = (error: unknown) => {
        if (failed) return;
        failed = true;
        // Stop reading the file; papaparse has already let go of the stream.
        input.on('error', () => undefined);
        input.destroy();
        reject(toImportError(error, config.maxFieldLength));
      };
      Papa.parse<string[]>(input as unknown as File /* papaparse's types lack Node streams; it accepts them */, {
        delimiter: config.delimiter,
        header: false,
        skipEmptyLines: false,
        chunk(results, parser) {
          if (failed) return;
          try {
            const fatal = results.errors.find((e) => e.code === 'MissingQuotes');
            if (fatal) throw unterminatedQuote(undefined);
            const rows = results.data;
            // A file of random bytes can still decode to "text": check what came out.
            if (rows.length > 0 && looksBinary(rows.slice(0, 50).flat().join(''))) throw binaryFileError();
            for (const row of rows) rowSink.take(row);
          } catch (error) {
            parser.abort();
            fail(error);
          }
        },
        complete: () => {
          if (failed) return;
          try {
            rowSink.flush();
            resolve();
          } catch (error) {
            fail(error);
          }
        },
        error: (error: Error) => fail(error),
      });
    });
  }

  /** Turns rows into batches: `take` per parsed row, `flush` at the end. */
  private rowSink(): { take: (cells: string[]) => void; flush: () => void } {
    const { config, counts, fieldColumns, spareBuffers } = this;
    const { columns, hasHeader, phoneColumn, nameColumns, consentColumn, country, importedAt, batchSize } = config;
    const seen = new SeenNumbers();
    /**
     * Rows not yet handed on, written as the store takes them (no object per row), with what sorting
     * needs and their phone cells for rows the database turns down.
     */
    let pending = newPendingRows(spareBuffers.pop());
    let rejections: RejectedRow[] = [];
    // Record number as a spreadsheet shows it: the header is row 1, empty lines count.
    let rowNumber = 0;
    // Whether the rows held come in order of their numbers, judged by each batch's worth of rows.
    let pendingOutOfOrder = false;
    let rowsBehind = 0;
    let highest = '';

    const emit = (rows: StagedContacts, rowNumbers: readonly number[], phoneCells: readonly string[]) => {
      this.unsettled.push({ rowNumbers, phoneCells });
      this.emit({ type: 'batch', rows, rowsRead: counts.rows, bytesRead: this.bytesRead });
    };
    /** A batch of the held rows at `indexes`. */
    const emitPicked = (held: PendingRows, indexes: readonly number[]) => {
      const pick = <T>(column: readonly T[]): readonly T[] => indexes.map((index) => column[index] as T);
      emit(held.rows.pick(indexes, spareBuffers.pop()), pick(held.rowNumber), pick(held.phoneCell));
    };
    const flushRejections = () => {
      this.rejected.write(rejections);
      rejections = [];
    };
    const flushPending = () => {
      flushRejections();
      const held = pending;
      const count = held.phoneE164.length;
      if (!pendingOutOfOrder) {
        // In order: one batch, handed on as it is.
        emit(held.rows.finish(), held.rowNumber, held.phoneCell);
        pending = newPendingRows(spareBuffers.pop());
      } else {
        const order = Array.from({ length: count }, (_, index) => index);
        const phones = held.phoneE164;
        order.sort((a, b) => {
          const [first, second] = [phones[a] as string, phones[b] as string];
          return first < second ? -1 : first > second ? 1 : 0;
        });
        for (let start = 0; start < count; start += batchSize) emitPicked(held, order.slice(start, start + batchSize));
        // The window's rows are copied out into batches of their own: the next window is written into its buffer.
        pending = newPendingRows(held.rows.release());
      }
      pendingOutOfOrder = false;
    };
    // An empty batch after the rejected rows: the progress of a stretch of the file with nothing to write.
    const flushRejectionsOnly = () => {
      flushRejections();
      emit(new StagedRowsBuilder(spareBuffers.pop()).finish(), [], []);
    };
    const reject = (rejection: RejectedRow) => {
      rejections.push(rejection);
      if (rejections.length >= batchSize) flushRejectionsOnly();
    };
    const hold = (phone: string, name: string | null, cells: readonly string[], consentAt: number | null, phoneCell: string) => {
      const held = pending.phoneE164.length;
      if (held % batchSize === 0 || phone > highest) highest = phone;
      else rowsBehind++;
      pending.rowNumber.push(rowNumber);
      pending.phoneE164.push(phone);
      const { rows } = pending;
      rows.beginRow(phone, name);
      for (let n = 0; n < fieldColumns.length; n++) rows.field(cells[fieldColumns[n] as number] ?? '');
      rows.endRow(rowNumber, consentAt);
      pending.phoneCell.push(phoneCell);
      if ((held + 1) % batchSize !== 0) return;
      // A batch's worth of rows: in order, they go on at once; otherwise they wait for a window to fill.
      if (rowsBehind > OUT_OF_ORDER_SHARE * batchSize) pendingOutOfOrder = true;
      rowsBehind = 0;
      if (!pendingOutOfOrder || held + 1 >= batchSize * SORT_WINDOW_BATCHES) flushPending();
    };
    const take = (row: string[]) => {
      rowNumber++;
      if (hasHeader && rowNumber === 1) return;
      if (row.every((cell) => cell.trim() === '')) return;
      counts.rows++;
      if (row.length < columns.length || trimmedWidth(row) > columns.length) {
        counts.invalid++;
        reject({ rowNumber, reason: `wrong number of fields: ${row.length} instead of ${columns.length}`, cells: row });
        return;
      }
      const phoneCell = row[phoneColumn] ?? '';
      const phone = normalisePhoneNumber(phoneCell, country);
      if (!phone.ok) {
        counts.invalid++;
        reject({ rowNumber, reason: PHONE_REJECTION_TEXT[phone.reason], cells: row });
        return;
      }
      const firstRow = seen.firstRowOf(phone.e164, rowNumber);
      if (firstRow !== undefined) {
        counts.duplicates++;
        reject({ rowNumber, reason: `duplicate: same number as row ${firstRow}`, cells: row });
        return;
      }
      let name = '';
      for (const column of nameColumns) {
        const part = row[column]?.trim();
        if (part) name = name ? `${name} ${part}` : part;
      }
      let consentAt: number | null = config.consentForAll ? importedAt : null;
      if (consentColumn !== undefined) {
        const cell = parseConsentCell(row[consentColumn] ?? '', importedAt);
        if (cell.kind === 'unclear') counts.consentUnclear++;
        if (cell.kind === 'yes') consentAt = cell.grantedAt ?? importedAt;
      }
      hold(phone.e164, name || null, row, consentAt, phoneCell);
    };
    return {
      take,
      flush: () => {
        if (pending.phoneE164.length > 0) flushPending();
        else if (rejections.length > 0) flushRejectionsOnly();
      },
    };
  }
}

/** Cells beyond the header's width that are empty are trailing delimiters, not data. */
function trimmedWidth(cells: readonly string[]): number {
  let width = cells.length;
  while (width > 0 && cells[width - 1] === '') width--;
  return width;
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

export function describeError(error: unknown): ReaderError {
  if (error instanceof ContactImportError) return { kind: 'import', code: error.code, message: error.message };
  if (error instanceof Error && error.name === 'InvalidTextError') return { kind: 'invalid-text' };
  if (error instanceof Error) return { kind: 'other', message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  return { kind: 'other', message: String(error) };
}

/** Rows held by the reader (see rowSink): the rows as the store takes them, and what sorting and rejected rows need. */
interface PendingRows {
  rows: StagedRowsBuilder;
  rowNumber: number[];
  phoneE164: string[];
  phoneCell: string[];
}

function newPendingRows(spareBuffer?: ArrayBuffer): PendingRows {
  return { rows: new StagedRowsBuilder(spareBuffer), rowNumber: [], phoneE164: [], phoneCell: [] };
}
