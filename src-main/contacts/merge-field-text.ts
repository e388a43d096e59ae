// An imported row's merge fields as the store keeps them: a JSON array of the values alone
// (`["Anna","Muster",…]`), their names stored once for the whole import (schema.ts, contacts.
// fields_json). The reader writes the values into its batch (StagedRowsBuilder.field); for the
// few rows the database turns down it gets them back as that text, and the row's cells can be
// read back from it, so the reader need not hold every row's cells until the database has answered.

/** The columns that become merge fields: all but the phone number's, in file order. */
export function mergeFieldColumns(columnCount: number, phoneColumn: number): number[] {
  return Array.from({ length: columnCount }, (_, index) => index).filter((index) => index !== phoneColumn);
}

/** A row's `width` cells: its merge field values (`fieldsJson`, in `fieldColumns` order) with `phoneCell` back in `phoneColumn`. */
export function cellsFromMergeFields(fieldsJson: string, fieldColumns: readonly number[], phoneColumn: number, phoneCell: string, width: number): string[] {
  const cells = new Array<string>(width).fill('');
  cells[phoneColumn] = phoneCell;
  const values = JSON.parse(fieldsJson) as string[];
  fieldColumns.forEach((column, n) => (cells[column] = values[n] ?? ''));
  return cells;
}
