import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MergeFieldText, mergeFieldColumns } from './merge-field-text';

describe('MergeFieldText', () => {
  it('writes the values of the merge fields, without the phone column, as a JSON array', () => {
    const text = new MergeFieldText(mergeFieldColumns(3, 1));
    const json = text.of(['Jörg', '0151 1234567', 'sagt "hallo"\n\\ 😀']);
    expect(JSON.parse(json)).toEqual(['Jörg', 'sagt "hallo"\n\\ 😀']);
    expect(new MergeFieldText(mergeFieldColumns(1, 0)).of(['0151'])).toBe('[]');
  });

  it('reads back exactly the cells it was given, whatever they hold', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 6 }), fc.nat(), (cells, phoneAt) => {
        const phoneColumn = phoneAt % cells.length;
        const text = new MergeFieldText(mergeFieldColumns(cells.length, phoneColumn));
        const json = text.of(cells);
        expect(() => JSON.parse(json)).not.toThrow();
        expect(text.cellsOf(json, phoneColumn, cells[phoneColumn] as string, cells.length)).toEqual(cells);
      }),
      { numRuns: 300 },
    );
  });
});
