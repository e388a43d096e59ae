import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodecError } from './errors';
import { decodePdu } from './decode';
import { encodeSubmit } from './pdu-submit';
import { gsm7Charset } from './gsm7';
import type { Gsm7Tables } from './gsm7';
import { segmentText } from './segment';
import type { SegmentOptions } from './segment';

const CYRILLIC = 'ж'; // one UTF-16 unit, outside GSM-7

describe('segmentText: GSM-7 limits (TS 23.040 9.2.3.24.1)', () => {
  it.each([
    [160, 1],
    [161, 2],
    [306, 2],
    [307, 3],
    [459, 3],
    [460, 4],
  ])('%i septets take %i part(s)', (length, parts) => {
    const segmentation = segmentText('a'.repeat(length));
    expect(segmentation.encoding).toBe('gsm7');
    expect(segmentation.parts).toHaveLength(parts);
  });

  it('counts extension characters as two septets', () => {
    expect(segmentText('€'.repeat(80)).parts).toHaveLength(1);
    expect(segmentText('€'.repeat(81)).parts).toHaveLength(2);
    expect(segmentText('€'.repeat(80)).unitsUsed).toBe(160);
  });

  it('never splits an escape pair across parts', () => {
    const text = 'a'.repeat(152) + '€' + 'b'.repeat(10);
    const { parts, partUnits } = segmentText(text);
    expect(parts).toEqual(['a'.repeat(152), '€' + 'b'.repeat(10)]);
    expect(partUnits).toEqual([152, 12]);
  });

  it('leaves one septet less per part with a 16-bit reference', () => {
    expect(segmentText('a'.repeat(305)).parts).toHaveLength(2);
    expect(segmentText('a'.repeat(305), { use16BitReference: true }).parts).toHaveLength(3);
    expect(segmentText('a'.repeat(304), { use16BitReference: true }).parts).toHaveLength(2);
  });
});

describe('segmentText: UCS-2 limits', () => {
  it.each([
    [70, 1],
    [71, 2],
    [134, 2],
    [135, 3],
  ])('%i units take %i part(s)', (length, parts) => {
    const segmentation = segmentText(CYRILLIC.repeat(length));
    expect(segmentation.encoding).toBe('ucs2');
    expect(segmentation.parts).toHaveLength(parts);
  });

  it('never splits a surrogate pair', () => {
    const { parts, partUnits } = segmentText(CYRILLIC.repeat(66) + '😀' + CYRILLIC.repeat(5));
    expect(parts).toEqual([CYRILLIC.repeat(66), '😀' + CYRILLIC.repeat(5)]);
    expect(partUnits).toEqual([66, 7]);
  });

  it('keeps a flag whole when that costs no extra part', () => {
    const { parts } = segmentText(CYRILLIC.repeat(65) + '🇩🇪' + CYRILLIC.repeat(10));
    expect(parts).toHaveLength(2);
    expect(parts[1]?.startsWith('🇩🇪')).toBe(true);
  });

  it('splits a flag between its code points when keeping it whole would cost a part', () => {
    const text = CYRILLIC.repeat(65) + '🇩🇪' + CYRILLIC.repeat(65);
    const { parts } = segmentText(text);
    expect(parts).toHaveLength(2);
    expect(parts.join('')).toBe(text);
    for (const part of parts) expect(/[\ud800-\udbff]$/.test(part)).toBe(false);
  });

  it('switches the whole message to UCS-2 for one character outside GSM-7', () => {
    const segmentation = segmentText('a'.repeat(100) + '😀');
    expect(segmentation.encoding).toBe('ucs2');
    expect(segmentation.charactersForcingUcs2).toEqual(['😀']);
    expect(segmentation.parts).toHaveLength(2);
  });
});

describe('segmentText: forced encodings', () => {
  it('sends plain text as UCS-2 when asked', () => {
    expect(segmentText('a'.repeat(70), { encoding: 'ucs2' })).toMatchObject({
      encoding: 'ucs2',
      parts: ['a'.repeat(70)],
    });
  });

  it('throws a CodecError when GSM-7 is forced on a character it lacks', () => {
    expect(() => segmentText('aж', { encoding: 'gsm7' })).toThrow(CodecError);
    try {
      segmentText('aж', { encoding: 'gsm7' });
    } catch (error) {
      expect((error as CodecError).code).toBe('unencodable-character');
    }
  });
});

describe('segmentText: national language tables', () => {
  const turkish = 'Şimdi ığdır ve çağrı şu an geldi. ';

  it('stays in UCS-2 when the tables are not enabled', () => {
    expect(segmentText(turkish.repeat(4)).encoding).toBe('ucs2');
  });

  it('uses Turkish tables when enabled and they save parts', () => {
    const text = turkish.repeat(3); // 102 characters: 2 UCS-2 parts, 1 GSM-7 part with a table
    expect(segmentText(text).parts).toHaveLength(2);
    const segmentation = segmentText(text, { nationalLanguages: ['turkish'] });
    expect(segmentation.encoding).toBe('gsm7');
    expect(segmentation.parts).toHaveLength(1);
    expect(segmentation.tables.locking ?? segmentation.tables.single).toBe('turkish');
  });

  it('does not use them when they save nothing, and then names the characters outside the default alphabet', () => {
    const segmentation = segmentText('Çağrı', { nationalLanguages: ['turkish'] });
    expect(segmentation.encoding).toBe('ucs2');
    expect(segmentation.charactersForcingUcs2).toEqual(['ğ', 'ı']);
    expect(segmentText('Çağrı 😀', { nationalLanguages: ['turkish'] }).charactersForcingUcs2).toEqual(['😀']);
  });

  it('does not touch messages the default alphabet already carries', () => {
    const segmentation = segmentText('a'.repeat(200), {
      nationalLanguages: ['turkish', 'spanish', 'portuguese'],
    });
    expect(segmentation.tables).toEqual({});
  });

  it('uses the Spanish single shift table (Spanish has no locking table)', () => {
    const text = 'Acción rápida: íntegro, último, ¿qué más? '.repeat(4);
    const segmentation = segmentText(text, { nationalLanguages: ['spanish'] });
    expect(segmentation).toMatchObject({ encoding: 'gsm7', tables: { single: 'spanish' } });
  });
});

describe('segmentText: limits with shift table headers (TS 23.040 9.2.3.24.15/16)', () => {
  // A 3-octet shift element per table: UDH of 4 octets leaves 155 septets, with an 8-bit
  // concatenation element 9 octets leave 149; both tables: 7 octets → 152, 12 octets → 146.
  it('Spanish single shift: 155 alone, 149 per part', () => {
    const one = segmentText('a'.repeat(153) + 'á', { nationalLanguages: ['spanish'] });
    expect(one).toMatchObject({ tables: { single: 'spanish' }, perPartLimit: 155, unitsUsed: 155 });
    expect(one.parts).toHaveLength(1);
    const two = segmentText('a'.repeat(154) + 'á', { nationalLanguages: ['spanish'] });
    expect(two).toMatchObject({ tables: { single: 'spanish' }, perPartLimit: 149, partUnits: [149, 7] });
  });

  it('one septet less per part again with a 16-bit reference', () => {
    const two = segmentText('a'.repeat(154) + 'á', {
      nationalLanguages: ['spanish'],
      use16BitReference: true,
    });
    expect(two).toMatchObject({ perPartLimit: 148, partUnits: [148, 8] });
  });

  it('Portuguese locking and single shift together: 152 alone, 146 per part', () => {
    // 'ª' exists only in the locking table, 'Φ' only in the single shift table.
    const one = segmentText('ªΦ' + 'a'.repeat(149), { nationalLanguages: ['portuguese'] });
    expect(one).toMatchObject({
      tables: { locking: 'portuguese', single: 'portuguese' },
      perPartLimit: 152,
      unitsUsed: 152,
    });
    expect(one.parts).toHaveLength(1);
    const two = segmentText('ªΦ' + 'a'.repeat(150), { nationalLanguages: ['portuguese'] });
    expect(two).toMatchObject({ perPartLimit: 146, partUnits: [146, 7] });
  });
});

describe('segmentText: transliteration is opt-in', () => {
  it('names the characters that force UCS-2 and offers replacements', () => {
    const segmentation = segmentText('Preis – „gut“ … ok 😀');
    expect(segmentation.encoding).toBe('ucs2');
    expect(segmentation.charactersForcingUcs2).toEqual(['–', '„', '“', '…', '😀']);
    expect(segmentation.replacements).toEqual([
      { char: '–', replacement: '-' },
      { char: '„', replacement: '"' },
      { char: '“', replacement: '"' },
      { char: '…', replacement: '...' },
    ]);
    expect(segmentation.text).toBe('Preis – „gut“ … ok 😀');
  });

  it('replaces them only when asked', () => {
    const segmentation = segmentText('Preis – „gut“ …', { transliterate: true });
    expect(segmentation).toMatchObject({
      encoding: 'gsm7',
      text: 'Preis - "gut" ...',
      charactersForcingUcs2: [],
    });
  });

  it('leaves characters an enabled national table carries alone', () => {
    const segmentation = segmentText('şeker', { transliterate: true, nationalLanguages: ['turkish'] });
    expect(segmentation.text).toBe('şeker');
  });
});

const MIXED = 'abc€[]é Ωжş😀🇩🇪👍🏽áçíÇ~';
const mixedText = fc.array(fc.constantFrom(...MIXED), { maxLength: 420 }).map((chars) => chars.join(''));
const optionsArb: fc.Arbitrary<SegmentOptions> = fc.record({
  use16BitReference: fc.boolean(),
  nationalLanguages: fc.subarray(['turkish', 'spanish', 'portuguese'] as const),
  transliterate: fc.boolean(),
});

describe('segmentText: properties', () => {
  it('parts join to the sent text and each part fits its limit', () => {
    fc.assert(
      fc.property(mixedText, optionsArb, (text, options) => {
        const segmentation = segmentText(text, options);
        expect(segmentation.parts.join('')).toBe(segmentation.text);
        for (const units of segmentation.partUnits)
          expect(units).toBeLessThanOrEqual(segmentation.perPartLimit);
        for (const part of segmentation.parts.slice(0, -1)) expect(/[\ud800-\udbff]$/.test(part)).toBe(false);
        // A UCS-2 message always names its culprits; a GSM-7 one never has any.
        expect(segmentation.charactersForcingUcs2.length > 0).toBe(segmentation.encoding === 'ucs2');
      }),
      { numRuns: 500 },
    );
  });

  it('national-table messages decode back to the same text', () => {
    fc.assert(
      fc.property(mixedText, optionsArb, (text, options) => {
        const parts = encodeSubmit({ to: '+905321234567', text, ...options });
        const decoded = parts.map((part) => decodePdu(part.pdu, { direction: 'mo' }));
        const texts = decoded.map((result) =>
          result.ok ? result.value.type === 'submit' && result.value.text : 'error',
        );
        expect(texts.join('')).toBe(segmentText(text, options).text);
      }),
      { numRuns: 500 },
    );
  });
});

/** Fewest parts by exhaustive search over cut points, for given per-character costs and limits. */
function fewestParts(costs: readonly number[], single: number, perPart: number): number {
  if (costs.reduce((a, b) => a + b, 0) <= single) return 1;
  const best = [0];
  for (let end = 1; end <= costs.length; end++) {
    let cost = 0;
    let fewest = Infinity;
    for (let start = end - 1; start >= 0; start--) {
      cost += costs[start] ?? 0;
      if (cost > perPart) break;
      fewest = Math.min(fewest, (best[start] ?? Infinity) + 1);
    }
    best.push(fewest);
  }
  return best[costs.length] ?? Infinity;
}

describe('segmentText: minimal with national tables', () => {
  it('uses as few parts as the best allowed table combination, and tables only when they save one', () => {
    // Limits stated from the header sizes: [single message, per part with 8-bit reference].
    const limits: [Gsm7Tables, number, number][] = [
      [{}, 160, 153],
      [{ single: 'portuguese' }, 155, 149],
      [{ locking: 'portuguese' }, 155, 149],
      [{ locking: 'portuguese', single: 'portuguese' }, 152, 146],
    ];
    const text = fc
      .array(fc.constantFrom(...'aeç€ªΦúÁ{ж'), { maxLength: 400 })
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(text, (t) => {
        const chars = [...t];
        const ucs2 = fewestParts(
          chars.map((char) => char.length),
          70,
          67,
        );
        const options = limits.map(([tables, single, perPart]) => {
          const charset = gsm7Charset(tables);
          const costs = chars.map((char) => charset.encode.get(char)?.length ?? Infinity);
          return costs.every(Number.isFinite) ? fewestParts(costs, single, perPart) : Infinity;
        });
        const plain = Math.min(options[0] ?? Infinity, options[0] === Infinity ? ucs2 : Infinity);
        const national = Math.min(...options.slice(1));
        const expected = Math.min(plain, national);
        const segmentation = segmentText(t, { nationalLanguages: ['portuguese'] });
        expect(segmentation.parts).toHaveLength(expected);
        const usesTables = Object.keys(segmentation.tables).length > 0;
        expect(usesTables).toBe(national < plain);
      }),
      { numRuns: 400 },
    );
  });
});
