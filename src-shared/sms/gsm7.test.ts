import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from './hex';
import { gsm7Charset, packSeptets, septetsToText, textToSeptets, unpackSeptets } from './gsm7';
import { NATIONAL_LANGUAGES } from './national-tables';

function septetsOf(text: string, tables = {}): number[] {
  const encoded = textToSeptets(text, gsm7Charset(tables));
  if (!('septets' in encoded)) throw new Error(`unencodable ${encoded.unencodable}`);
  return encoded.septets;
}

describe('GSM-7 packing (TS 23.038 6.1.2.1.1)', () => {
  it('packs the classic vectors', () => {
    expect(bytesToHex(packSeptets(septetsOf('hellohello')))).toBe('E8329BFD4697D9EC37');
    expect(bytesToHex(packSeptets(septetsOf('Hello World!')))).toBe('C8329BFD065DDF72363904');
    // Eight septets fill exactly seven octets.
    expect(bytesToHex(packSeptets(septetsOf('12345678')))).toBe('31D98C56B3DD70');
  });

  it('shifts by the fill bits that follow a user data header', () => {
    // One fill bit after a six-octet UDH: 'A' (0x41) starts at bit 1.
    expect(bytesToHex(packSeptets([0x41], 1))).toBe('82');
    expect(unpackSeptets(hexToBytes('82'), 1, 1)).toEqual([0x41]);
  });

  it('round-trips any septets with any fill', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 127 }), { maxLength: 200 }),
        fc.integer({ min: 0, max: 6 }),
        (septets, fill) => {
          expect(unpackSeptets(packSeptets(septets, fill), septets.length, fill)).toEqual(septets);
        },
      ),
    );
  });

  it('stops rather than inventing septets when the octets run out', () => {
    expect(unpackSeptets(hexToBytes('E832'), 10)).toEqual([0x68, 0x65]);
  });
});

describe('GSM-7 alphabet (TS 23.038 6.2.1)', () => {
  it('sends extension characters as escape pairs', () => {
    expect(septetsOf('€[]{}~\\^|\f')).toEqual([
      0x1b, 0x65, 0x1b, 0x3c, 0x1b, 0x3e, 0x1b, 0x28, 0x1b, 0x29, 0x1b, 0x3d, 0x1b, 0x2f, 0x1b, 0x14, 0x1b,
      0x40, 0x1b, 0x0a,
    ]);
  });

  it('round-trips every default and extension character', () => {
    const charset = gsm7Charset();
    const all = [...charset.encode.keys()].join('');
    expect([...all]).toHaveLength(127 + 10);
    expect(septetsToText(septetsOf(all), charset)).toBe(all);
  });

  it('refuses characters outside the alphabet instead of guessing', () => {
    expect(textToSeptets('a–b', gsm7Charset())).toEqual({ unencodable: '–' });
    expect(textToSeptets('ç', gsm7Charset())).toEqual({ unencodable: 'ç' });
  });

  it('reads odd escapes as the spec tells receivers to', () => {
    const charset = gsm7Charset();
    // Escape + a code with no extension character shows the main table's character.
    expect(septetsToText([0x1b, 0x41], charset)).toBe('A');
    // A double escape is shown as a space; a trailing escape is dropped.
    expect(septetsToText([0x1b, 0x1b, 0x41], charset)).toBe(' A');
    expect(septetsToText([0x41, 0x1b], charset)).toBe('A');
    // CR2 in the extension table decodes, but a plain CR is always sent as one septet.
    expect(septetsOf('\r')).toEqual([0x0d]);
  });
});

// Annex A tables written out in full, position = septet, ' ' = no character (the ESC slot is 0x1B).
const LOCKING_ANNEX_A: Record<string, string> = {
  turkish:
    '@£$¥€éùıòÇ\nĞğ\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bŞşßÉ !"#¤%&\'()*+,-./0123456789:;<=>?İABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§çabcdefghijklmnopqrstuvwxyzäöñüà',
  portuguese:
    '@£$¥êéúíóç\nÔô\rÁáΔ_ªÇÀ∞^\\€Ó|\u001bÂâÊÉ !"#º%&\'()*+,-./0123456789:;<=>?ÍABCDEFGHIJKLMNOPQRSTUVWXYZÃÕÚÜ§~abcdefghijklmnopqrstuvwxyzãõ`üà',
};
const SINGLE_SHIFT_ANNEX_A: Record<string, string> = {
  turkish:
    '          \f         ^                   {}     \\            [~] |      Ğ İ         Ş               ç € ğ ı         ş            ',
  spanish:
    '         ç\f         ^                   {}     \\            [~] |Á       Í     Ó     Ú           á   €   í     ó     ú          ',
  portuguese:
    '     ê   ç\fÔô Áá  ΦΓ^ΩΠΨΣΘ     Ê        {}     \\            [~] |À       Í     Ó     Ú     ÃÕ    Â   €   í     ó     ú     ãõ  â',
};

describe('national language tables (TS 23.038 Annex A)', () => {
  it.each(Object.entries(LOCKING_ANNEX_A))('%s locking shift table matches Annex A.3', (language, table) => {
    const charset = gsm7Charset({ locking: language as 'turkish' | 'portuguese' });
    expect([...table]).toHaveLength(128);
    [...table].forEach((char, septet) => {
      if (septet !== 0x1b) expect([septet, charset.locking[septet]]).toEqual([septet, char]);
    });
  });

  it.each(Object.entries(SINGLE_SHIFT_ANNEX_A))(
    '%s single shift table matches Annex A.2',
    (language, table) => {
      const charset = gsm7Charset({ single: language as 'turkish' | 'spanish' | 'portuguese' });
      expect([...table]).toHaveLength(128);
      [...table].forEach((char, septet) => {
        const expected = char === ' ' ? undefined : char;
        // CR2 (0x0D) is in every single shift table and decodes only.
        if (septet !== 0x0d) expect([septet, charset.shift.get(septet)]).toEqual([septet, expected]);
      });
    },
  );

  it('round-trips every character of every table combination', () => {
    for (const language of NATIONAL_LANGUAGES) {
      for (const tables of [
        { single: language },
        { locking: language },
        { locking: language, single: language },
      ]) {
        const charset = gsm7Charset(tables);
        const all = [...charset.encode.keys()].join('');
        expect(septetsToText(septetsOf(all, tables), charset)).toBe(all);
      }
    }
  });

  it('prefers the one-septet form when a character is in both tables', () => {
    // Portuguese locking has 'ç' at 0x09 and its single shift has it too.
    expect(septetsOf('ç', { locking: 'portuguese', single: 'portuguese' })).toEqual([0x09]);
    expect(septetsOf('ç', { single: 'portuguese' })).toEqual([0x1b, 0x09]);
  });
});
