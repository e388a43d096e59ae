import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonString } from './json-text';

describe('jsonString', () => {
  it('always yields a JSON literal that parses back to the same string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        expect(JSON.parse(jsonString(value))).toBe(value);
      }),
      { numRuns: 5000 },
    );
    for (const value of ['Jörg', 'a"b', 'back\\slash', 'line\nbreak', '\u2028', '手机', '😀', '\ud800']) expect(JSON.parse(jsonString(value))).toBe(value);
  });
});
