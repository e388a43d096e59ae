import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeenNumbers } from './seen-numbers';

describe('SeenNumbers', () => {
  it('reports the first row of every repeated number, like a Map would', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 999_999_999_999_999 }), { maxLength: 3000 }), fc.integer({ min: 0, max: 50 }), (numbers, repeats) => {
        const seen = new SeenNumbers();
        const reference = new Map<string, number>();
        const sequence = [...numbers, ...numbers.slice(0, repeats)];
        sequence.forEach((n, row) => {
          const e164 = `+${n}`;
          expect(seen.firstRowOf(e164, row + 1)).toBe(reference.get(e164));
          if (!reference.has(e164)) reference.set(e164, row + 1);
        });
        expect(seen.size).toBe(reference.size);
      }),
      { numRuns: 50 },
    );
  });

  it('keeps 15-digit numbers apart that differ in the last digit', () => {
    const seen = new SeenNumbers();
    expect(seen.firstRowOf('+491234567890123', 1)).toBeUndefined();
    expect(seen.firstRowOf('+491234567890124', 2)).toBeUndefined();
    expect(seen.firstRowOf('+491234567890123', 3)).toBe(1);
  });
});
