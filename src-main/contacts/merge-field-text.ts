// An imported row's merge fields as the store keeps them: a JSON array of the values alone
// (`["Anna","Muster",…]`), their names stored once for the whole import (schema.ts, contacts.
// fields_json). Built by hand because it runs for every row. The row's cells can be read back
// from it (for the few rows the database turns down), so the reader need not hold every row's
// cells until the database has answered.
import { jsonString } from '../store/json-text';

/** The columns that become merge fields: all but the phone number's, in file order. */
export function mergeFieldColumns(columnCount: number, phoneColumn: number): number[] {
  return Array.from({ length: columnCount }, (_, index) => index).filter((index) => index !== phoneColumn);
}

export class MergeFieldText {
  constructor(
    /** See mergeFieldColumns. */
    private readonly fieldColumns: readonly number[],
  ) {}

  of(cells: readonly string[]): string {
    let text = '';
    for (let n = 0; n < this.fieldColumns.length; n++) text += `${n ? ',' : '['}${jsonString(cells[this.fieldColumns[n] as number] ?? '')}`;
    return text ? `${text}]` : '[]';
  }

  /** The `width` cells `of` was given, with `phoneCell` back in `phoneColumn`. */
  cellsOf(text: string, phoneColumn: number, phoneCell: string, width: number): string[] {
    const cells = new Array<string>(width).fill('');
    cells[phoneColumn] = phoneCell;
    const values = JSON.parse(text) as string[];
    this.fieldColumns.forEach((column, n) => (cells[column] = values[n] ?? ''));
    return cells;
  }
}
