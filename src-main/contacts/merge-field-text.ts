// An imported row's merge fields as the JSON object text the store keeps (`{"Vorname":"Anna",…}`),
// built by hand because it runs for every row: each title is encoded once. The row's cells can be
// read back from that text (for the few rows the database turns down), so the reader need not
// hold every row's cells until the database has answered.
import { jsonString } from '../store/json-text';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export class MergeFieldText {
  /** Per merge field, the text before its value: `{"Vorname":`, `,"Nachname":` … */
  private readonly prefixes: string[];

  constructor(
    columns: readonly string[],
    /** The columns that become merge fields (all but the phone column), in file order. */
    private readonly fieldColumns: readonly number[],
  ) {
    this.prefixes = fieldColumns.map((column, n) => `${n ? ',' : '{'}${jsonString(columns[column] ?? '')}:`);
  }

  of(cells: readonly string[]): string {
    let text = '';
    for (let n = 0; n < this.fieldColumns.length; n++) text += `${this.prefixes[n] as string}${jsonString(cells[this.fieldColumns[n] as number] ?? '')}`;
    return text ? `${text}}` : '{}';
  }

  /**
   * The cells `of` was given, `width` of them, with `phoneCell` back in `phoneColumn`. Reads the
   * values by position, not by title: two columns may share a title.
   */
  cellsOf(text: string, phoneColumn: number, phoneCell: string, width: number): string[] {
    const cells = new Array<string>(width).fill('');
    cells[phoneColumn] = phoneCell;
    let at = 0;
    for (let n = 0; n < this.fieldColumns.length; n++) {
      at += (this.prefixes[n] as string).length;
      const end = endOfString(text, at);
      cells[this.fieldColumns[n] as number] = JSON.parse(text.slice(at, end)) as string;
      at = end;
    }
    return cells;
  }
}

/** Index after the closing quote of the JSON string literal that starts at `start`. */
function endOfString(text: string, start: number): number {
  let at = start + 1;
  while (at < text.length) {
    const c = text.charCodeAt(at);
    if (c === QUOTE) return at + 1;
    at += c === BACKSLASH ? 2 : 1;
  }
  throw new RangeError('Unterminated merge field text');
}
