import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { FieldLengthGuard, FieldTooLongError } from './field-length-guard';

/** Feeds the chunks; the row the guard stopped at (undefined if it did not), and whether the text ended inside quotes. */
function guard(chunks: readonly string[], limit: number): { stoppedAt: number | undefined; insideQuotes: boolean } {
  const fieldGuard = new FieldLengthGuard(';', limit);
  try {
    for (const chunk of chunks) fieldGuard.check(chunk);
  } catch (error) {
    if (error instanceof FieldTooLongError) return { stoppedAt: error.row, insideQuotes: false };
    throw error;
  }
  return { stoppedAt: undefined, insideQuotes: fieldGuard.insideQuotes };
}

/** What papaparse reads: the first record with a field longer than the limit. */
function firstLongField(text: string, newline: string, limit: number): number | undefined {
  const records = Papa.parse<string[]>(text, { delimiter: ';', newline: newline as '\n', skipEmptyLines: false }).data;
  const index = records.findIndex((cells) => cells.some((cell) => cell.length > limit));
  return index === -1 ? undefined : index + 1;
}

const unquoted = fc.stringMatching(/^[a-z0-9 ]{0,30}$/);
const quoted = fc.stringMatching(/^[a-z;\n"]{0,30}$/).map((content) => `"${content.replaceAll('"', '""')}"`);
const field = fc.oneof(unquoted, unquoted, quoted);

function cut(text: string, cuts: readonly number[]): string[] {
  const positions = [...new Set(cuts.map((at) => at % (text.length + 1)))].sort((a, b) => a - b);
  return [...positions, text.length].map((end, i) => text.slice(i === 0 ? 0 : positions[i - 1], end));
}

describe('FieldLengthGuard', () => {
  it('stops at the record papaparse would find the first over-long field in, however the text is cut', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom('\n', '\r\n'),
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (records, newline, limit, cuts) => {
          const text = records.map((cells) => cells.join(';')).join(newline);
          expect(guard(cut(text, cuts), limit).stoppedAt).toBe(firstLongField(text, newline, limit));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('counts records, not lines, and CR LF split between chunks as one line end', () => {
    const text = 'a;b\r\nc;"x\r\ny"\r\nshort;' + 'z'.repeat(50) + '\r\n';
    expect(guard([text], 20).stoppedAt).toBe(3);
    expect(guard(['a;b\r', '\nc;"x\r', '\ny"\r', '\nshort;', 'z'.repeat(50)], 20).stoppedAt).toBe(3);
    expect(guard(['a;b\r', '\nc;"x\r', '\ny"\r', '\nshort;', 'z'.repeat(20), 'z'.repeat(20)], 20).stoppedAt).toBe(3);
  });

  it('adds a field that runs over several chunks up', () => {
    expect(guard(['id;note\n1;', 'x'.repeat(15), 'x'.repeat(15)], 20).stoppedAt).toBe(2);
    expect(guard(['id;note\n1;', 'x'.repeat(10), 'x'.repeat(10), ';ok\n'], 20).stoppedAt).toBeUndefined();
  });

  it('tells a field still open at the end apart', () => {
    expect(guard(['a;"open\nstill'], 100).insideQuotes).toBe(true);
    expect(guard(['a;"closed"\n'], 100).insideQuotes).toBe(false);
  });
});
