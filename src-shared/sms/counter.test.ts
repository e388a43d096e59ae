import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countForRecipients, countMessage } from './counter';
import { encodeSubmit } from './pdu-submit';

describe('countMessage', () => {
  it('reports a short GSM-7 message', () => {
    expect(countMessage('Hello')).toMatchObject({
      encoding: 'gsm7',
      parts: 1,
      unit: 'septet',
      unitsUsed: 5,
      unitsLeftInPart: 155,
      perPartLimit: 160,
      characters: 5,
      charactersForcingUcs2: [],
    });
  });

  it('counts extension characters as two septets but one character', () => {
    expect(countMessage('5 €')).toMatchObject({ unitsUsed: 4, characters: 3, unitsLeftInPart: 156 });
  });

  it('switches to per-part limits once concatenated', () => {
    expect(countMessage('a'.repeat(161))).toMatchObject({
      parts: 2,
      perPartLimit: 153,
      unitsLeftInPart: 153 - 8,
    });
    expect(countMessage('ж'.repeat(71))).toMatchObject({
      encoding: 'ucs2',
      parts: 2,
      perPartLimit: 67,
      unitsLeftInPart: 63,
    });
  });

  it('counts an emoji as two UTF-16 units and one character', () => {
    expect(countMessage('Hi 😀')).toMatchObject({
      encoding: 'ucs2',
      unitsUsed: 5,
      characters: 4,
      charactersForcingUcs2: ['😀'],
    });
  });

  it('treats the empty message as one empty part, as sending it would', () => {
    expect(countMessage('')).toMatchObject({ parts: 1, unitsUsed: 0, unitsLeftInPart: 160 });
    expect(encodeSubmit({ to: '+491701', text: '' })).toHaveLength(1);
  });

  it('offers transliterations and shows their effect when applied', () => {
    const offered = countMessage('Hello – world');
    expect(offered).toMatchObject({
      encoding: 'ucs2',
      charactersForcingUcs2: ['–'],
      replacements: [{ char: '–', replacement: '-' }],
    });
    expect(offered.transliterationAvoidsUcs2).toBe(true);
    expect(countMessage('Hello – world 😀').transliterationAvoidsUcs2).toBe(false);
    const applied = countMessage('Hello – world', { transliterate: true });
    expect(applied).toMatchObject({ encoding: 'gsm7', sentText: 'Hello - world', charactersForcingUcs2: [] });
  });

  it('flags messages beyond 255 parts', () => {
    expect(countMessage('a'.repeat(153 * 255)).tooLong).toBe(false);
    expect(countMessage('a'.repeat(153 * 255 + 1)).tooLong).toBe(true);
  });

  it('always predicts the part count encodeSubmit produces', () => {
    const text = fc
      .array(fc.constantFrom(...'ab €{ жşáç😀🇩🇪'), { maxLength: 500 })
      .map((chars) => chars.join(''));
    const options = fc.record({
      use16BitReference: fc.boolean(),
      nationalLanguages: fc.subarray(['turkish', 'spanish', 'portuguese'] as const),
      transliterate: fc.boolean(),
      encoding: fc.constantFrom(undefined, 'ucs2' as const),
    });
    fc.assert(
      fc.property(text, options, (t, o) => {
        expect(countMessage(t, o).parts).toBe(encodeSubmit({ to: '+491701', text: t, ...o }).length);
      }),
      { numRuns: 500 },
    );
  });
});

describe('countForRecipients', () => {
  it('sums parts over the rendered texts and counts UCS-2 ones', () => {
    const result = countForRecipients(['Hi Anna', 'Hi Zoë', 'Hi ' + 'x'.repeat(200)]);
    expect(result.counts.map((count) => count.parts)).toEqual([1, 1, 2]);
    expect(result).toMatchObject({ totalParts: 4, maxParts: 2, ucs2Count: 1 });
  });
});
