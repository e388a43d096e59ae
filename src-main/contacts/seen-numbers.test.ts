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

  it('finds repeats among runs of consecutive numbers and numbers a power of two apart', () => {
    const seen = new SeenNumbers();
    const numbers = [
      ...Array.from({ length: 20_000 }, (_, i) => 4915100000000 + i),
      ...Array.from({ length: 5_000 }, (_, i) => 4917000000000 + i * 16),
      ...Array.from({ length: 5_000 }, (_, i) => 4917100000000 + i * 4096),
    ];
    numbers.forEach((n, row) => expect(seen.firstRowOf(`+${n}`, row + 1)).toBeUndefined());
    numbers.forEach((n, row) => expect(seen.firstRowOf(`+${n}`, 0)).toBe(row + 1));
    expect(seen.size).toBe(numbers.length);
  });

  it('refuses text that is not an E.164 number', () => {
    for (const text of ['', '+', '4915112345678', '+49 151', '+1234567890123456']) expect(() => new SeenNumbers().firstRowOf(text, 1)).toThrow(RangeError);
  });

  it('keeps 15-digit numbers apart that differ in the last digit', () => {
    const seen = new SeenNumbers();
    expect(seen.firstRowOf('+491234567890123', 1)).toBeUndefined();
    expect(seen.firstRowOf('+491234567890124', 2)).toBeUndefined();
    expect(seen.firstRowOf('+491234567890123', 3)).toBe(1);
  });
});
