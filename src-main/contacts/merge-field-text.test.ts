import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { StagedRowsBuilder } from '../store/staged-contacts';
import { cellsFromMergeFields, mergeFieldColumns } from './merge-field-text';

// SQLite reads the batch and gives the fields back as JSON text, as the store does for rows it turns down.
const sqlite = new Database(':memory:');
const fieldsOfFirstRow = sqlite.prepare<[Uint8Array], { fieldsJson: string }>('SELECT r.value -> 2 AS fieldsJson FROM jsonb_each(?) r WHERE r.key = 0');
afterAll(() => sqlite.close());

function mergeFieldsThroughSqlite(cells: readonly string[], fieldColumns: readonly number[]): string {
  const builder = new StagedRowsBuilder();
  builder.beginRow('+4915112345678', null);
  for (const column of fieldColumns) builder.field(cells[column] as string);
  builder.endRow(2, null);
  const row = fieldsOfFirstRow.get(builder.finish().rows);
  if (!row) throw new Error('SQLite read no row');
  return row.fieldsJson;
}

describe('merge fields', () => {
  it('are the values of every column but the phone column, in file order', () => {
    expect(mergeFieldColumns(3, 1)).toEqual([0, 2]);
    expect(mergeFieldColumns(1, 0)).toEqual([]);
    const json = mergeFieldsThroughSqlite(['Jörg', '0151 1234567', 'sagt "hallo"\n\\ 😀'], mergeFieldColumns(3, 1));
    expect(JSON.parse(json)).toEqual(['Jörg', 'sagt "hallo"\n\\ 😀']);
  });

  it('give back exactly the cells of the row, whatever they hold', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 6 }), fc.nat(), (cells, phoneAt) => {
        const phoneColumn = phoneAt % cells.length;
        const fieldColumns = mergeFieldColumns(cells.length, phoneColumn);
        const json = mergeFieldsThroughSqlite(cells, fieldColumns);
        expect(cellsFromMergeFields(json, fieldColumns, phoneColumn, cells[phoneColumn] as string, cells.length)).toEqual(cells);
      }),
      { numRuns: 300 },
    );
  });
});
