// Papaparse keeps an unfinished field in memory until it ends. A missing closing quote therefore
// makes it buffer the rest of the file as one field; this guard follows the quoting on the decoded
// text as it streams and stops the import at the first field longer than the limit.

export class FieldTooLongError extends Error {
  override name = 'FieldTooLongError';
  constructor(
    readonly row: number,
    readonly limit: number,
    readonly inQuotes: boolean,
  ) {
    super(`A field in row ${row} is longer than ${limit} characters`);
  }
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export class FieldLengthGuard {
  private fieldLength = 0;
  private inQuotes = false;
  /** A quote inside a quoted field: either the closing one or the first of an escaped pair. */
  private quotePending = false;
  private row = 1;
  private fieldStartRow = 1;
  private readonly delimiter: number;

  constructor(
    delimiter: string,
    private readonly limit: number,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Whether the text so far ends inside a quoted field. */
  get insideQuotes(): boolean {
    return this.inQuotes && !this.quotePending;
  }

  /** Row (1-based, counting records, not lines) where the current field started. */
  get currentFieldRow(): number {
    return this.fieldStartRow;
  }

  check(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.inQuotes) {
        if (this.quotePending) {
          this.quotePending = false;
          if (c === QUOTE) {
            this.grow();
            continue;
          }
          this.inQuotes = false;
          // fall through: c is the character after the closing quote
        } else {
          if (c === QUOTE) this.quotePending = true;
          else this.grow();
          continue;
        }
      }
      if (c === this.delimiter) {
        this.fieldLength = 0;
        this.fieldStartRow = this.row;
      } else if (c === LF || c === CR) {
        if (c === LF || text.charCodeAt(i + 1) !== LF) this.row++;
        this.fieldLength = 0;
        this.fieldStartRow = this.row;
      } else if (c === QUOTE && this.fieldLength === 0) {
        this.inQuotes = true;
      } else {
        this.grow();
      }
    }
  }

  private grow(): void {
    if (++this.fieldLength > this.limit) throw new FieldTooLongError(this.fieldStartRow, this.limit, this.inQuotes);
  }
}
