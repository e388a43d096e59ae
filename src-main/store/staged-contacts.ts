// The rows of an import as the reader hands them to the store (contact-import.ts). Plain data
// with no database code, so the reader's worker thread can build them without loading the store.
import { ARRAY_HEADER_BYTES, JsonbWriter } from './jsonb-writer';

export interface StagedContact {
  rowNumber: number;
  phoneE164: string;
  name: string | null;
  /** The merge field values, in the order of the import's field names. */
  fields: readonly string[];
  /** When this row's marketing basis was given (UTC ms); null or absent: none in the file. */
  consentAt?: number | null;
}

/**
 * A batch of rows as one JSONB array (SQLite's binary JSON, see jsonb-writer.ts), a row per
 * element: `[phoneE164, name, [field values], rowNumber, consentAt]`, which the store's
 * statements read as it is. Built on the reader's thread, and moved (not copied) to the
 * database's: handing a batch over as a million separate strings, or as JSON text, cost both
 * threads more.
 */
export interface StagedContacts {
  readonly rows: Uint8Array;
  readonly count: number;
  /** False when no row has a consentAt. */
  readonly anyConsent: boolean;
}

/** The buffer under a batch, if it can be moved to another thread and written again (not a SharedArrayBuffer). */
export function batchBuffer(batch: StagedContacts): ArrayBuffer | undefined {
  const { buffer } = batch.rows;
  return buffer instanceof ArrayBuffer ? buffer : undefined;
}

/**
 * Builds a batch row by row: `beginRow`, a `field` per merge field value, `endRow`. The rows can
 * also be taken out in another order (`pick`), so the reader can sort a window of rows by number.
 */
export class StagedRowsBuilder {
  private readonly writer: JsonbWriter;
  /** Where each row's bytes end (the first starts after the batch's array header). */
  private readonly rowEnds: number[] = [];
  private readonly rowStart: number;
  private anyConsent = false;

  /** `spare`: the bytes of a batch the store is done with, to write into again. */
  constructor(spare?: ArrayBuffer) {
    this.writer = new JsonbWriter(spare);
    this.writer.beginArray();
    this.rowStart = this.writer.length;
  }

  get count(): number {
    return this.rowEnds.length;
  }

  beginRow(phoneE164: string, name: string | null): void {
    const { writer } = this;
    writer.beginArray();
    writer.text(phoneE164);
    if (name === null) writer.null();
    else writer.text(name);
    writer.beginArray();
  }

  field(value: string): void {
    this.writer.text(value);
  }

  endRow(rowNumber: number, consentAt: number | null): void {
    const { writer } = this;
    writer.endArray();
    writer.integer(rowNumber);
    if (consentAt === null) writer.null();
    else {
      writer.integer(consentAt);
      this.anyConsent = true;
    }
    writer.endArray();
    this.rowEnds.push(writer.length);
  }

  /** Every row, in the order they were added. The builder is done with. */
  finish(): StagedContacts {
    this.writer.endArray();
    return { rows: this.writer.finish(), count: this.count, anyConsent: this.anyConsent };
  }

  /** Its buffer, for the next builder to write into (after `pick`: its rows are copied out). This builder is done with. */
  release(): ArrayBuffer {
    return this.writer.release();
  }

  /** The rows at `indexes`, in that order, as a batch of their own (this builder can pick again). */
  pick(indexes: readonly number[], spare?: ArrayBuffer): StagedContacts {
    const rowStart = (index: number) => (index === 0 ? this.rowStart : (this.rowEnds[index - 1] as number));
    let bytes = ARRAY_HEADER_BYTES;
    for (const index of indexes) bytes += (this.rowEnds[index] as number) - rowStart(index);
    // Written once at its size: growing it by doubling would leave the smaller buffers behind.
    const batch = new JsonbWriter(spare && spare.byteLength >= bytes ? spare : bytes);
    batch.beginArray();
    for (const index of indexes) {
      batch.copy(this.writer, rowStart(index), this.rowEnds[index] as number);
    }
    batch.endArray();
    // Whether any row of the window has consent: the store only uses it to skip a statement that finds no rows.
    return { rows: batch.finish(), count: indexes.length, anyConsent: this.anyConsent };
  }
}

/** A batch of the given rows (tests and small callers; the reader builds its batches row by row). */
export function toStagedContacts(rows: readonly StagedContact[]): StagedContacts {
  const builder = new StagedRowsBuilder();
  for (const row of rows) {
    builder.beginRow(row.phoneE164, row.name);
    for (const value of row.fields) builder.field(value);
    builder.endRow(row.rowNumber, row.consentAt ?? null);
  }
  return builder.finish();
}
