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
  private carriageReturnPending = false;
  private readonly delimiter: number;
  private readonly delimiterText: string;

  constructor(
    delimiter: string,
    private readonly limit: number,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
    this.delimiterText = delimiter.charAt(0);
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
    if (text.length === 0) return;
    if (this.carriageReturnPending) {
      // The last chunk ended in CR: a line end of its own unless this chunk goes on with LF.
      this.carriageReturnPending = false;
      if (text.charCodeAt(0) !== LF) this.fieldStartRow = ++this.row;
    }
    // Most files quote nothing: then no field is longer than its line, and checking the lines is
    // enough. Only text with quotes, or a line longer than the limit, is followed character by character.
    if (this.inQuotes || text.indexOf('"') !== -1 || text.charCodeAt(text.length - 1) === CR || !this.checkLines(text)) this.scan(text);
  }

  /** For text without quotes: false (nothing changed) if a line is longer than the limit. */
  private checkLines(text: string): boolean {
    let carried = this.fieldLength;
    let lineFeeds = 0;
    for (let start = 0; start < text.length; ) {
      const lineFeed = text.indexOf('\n', start);
      const end = lineFeed === -1 ? text.length : lineFeed;
      if (carried + end - start > this.limit) return false;
      carried = 0;
      if (lineFeed === -1) break;
      lineFeeds++;
      start = lineFeed + 1;
    }
    this.row += lineFeeds + loneCarriageReturns(text);
    const lastBreak = Math.max(text.lastIndexOf(this.delimiterText), text.lastIndexOf('\n'), text.lastIndexOf('\r'));
    if (lastBreak === -1) {
      this.fieldLength += text.length;
    } else {
      this.fieldLength = text.length - 1 - lastBreak;
      this.fieldStartRow = this.row;
    }
    return true;
  }

  private scan(text: string): void {
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
        if (c === CR && i === text.length - 1) this.carriageReturnPending = true;
        else if (c === LF || text.charCodeAt(i + 1) !== LF) this.row++;
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

/** Carriage returns that end a line on their own (old Mac files), not as part of CR LF. */
function loneCarriageReturns(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\r'); at !== -1; at = text.indexOf('\r', at + 1)) if (text.charCodeAt(at + 1) !== LF) count++;
  return count;
}
