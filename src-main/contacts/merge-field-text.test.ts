import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MergeFieldText } from './merge-field-text';

describe('MergeFieldText', () => {
  it('writes the merge fields as the JSON object of the row, without the phone column', () => {
    const text = new MergeFieldText(['Vorname', 'Mobil', 'Notiz'], [0, 2]);
    const json = text.of(['Jörg', '0151 1234567', 'sagt "hallo"\n\\ 😀']);
    expect(JSON.parse(json)).toEqual({ Vorname: 'Jörg', Notiz: 'sagt "hallo"\n\\ 😀' });
    expect(new MergeFieldText(['Mobil'], []).of(['0151'])).toBe('{}');
  });

  it('reads back exactly the cells it was given, whatever they hold and however the columns are titled', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.string({ unit: 'binary' }), { minLength: 6, maxLength: 6 }),
        fc.nat(),
        (titles, row, phoneAt) => {
          const phoneColumn = phoneAt % titles.length;
          const fieldColumns = titles.map((_, index) => index).filter((index) => index !== phoneColumn);
          const cells = row.slice(0, titles.length);
          const text = new MergeFieldText(titles, fieldColumns);
          const json = text.of(cells);
          expect(() => JSON.parse(json)).not.toThrow();
          expect(text.cellsOf(json, phoneColumn, cells[phoneColumn] as string, titles.length)).toEqual(cells);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps two columns with the same title apart', () => {
    const text = new MergeFieldText(['Name', 'Name', 'Tel'], [0, 1]);
    expect(text.cellsOf(text.of(['Anna', 'Berta', '0151']), 2, '0151', 3)).toEqual(['Anna', 'Berta', '0151']);
  });
});
