import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodecError } from './errors';
import { decodePdu } from './decode';
import { encodeSubmit } from './pdu-submit';
import type { SubmitRequest } from './pdu-submit';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof CodecError) return error.code;
    throw error;
  }
  return undefined;
}

describe('encodeSubmit: known vectors', () => {
  it('encodes the classic "hellohello" SMS-SUBMIT with a 4-day validity', () => {
    // TS 23.040 layout; the widely published example PDU for +46708251358.
    const [part] = encodeSubmit({
      to: '+46708251358',
      text: 'hellohello',
      validityPeriodMinutes: 4 * 24 * 60,
    });
    expect(part).toEqual({
      pdu: '0011000B916407281553F80000AA0AE8329BFD4697D9EC37',
      tpduLength: 23,
      partNumber: 1,
      totalParts: 1,
    });
  });

  it('sets TP-SRR, class 0 and the message reference', () => {
    const [part] = encodeSubmit({
      to: '+491701234567',
      text: 'Hi',
      flash: true,
      requestStatusReport: true,
      messageReference: 5,
    });
    // 21: SUBMIT + SRR, no VP; DCS 10: general group with class 0.
    expect(part?.pdu).toBe('0021050C91947110325476' + '0010' + '02C834');
    expect(part?.tpduLength).toBe(15);
  });

  it('sends national digits as type "unknown" and UCS-2 big-endian', () => {
    const [part] = encodeSubmit({ to: '01701234567', text: 'Привет' });
    expect(part?.pdu).toBe('0001000B811007214365F70008' + '0C' + '041F04400438043204350442');
  });

  it('sends an emoji as its surrogate pair', () => {
    expect(encodeSubmit({ to: '+491701', text: '😀' })[0]?.pdu.endsWith('0008' + '04' + 'D83DDE00')).toBe(
      true,
    );
  });

  it('puts an 8-bit concatenation header and one fill bit before GSM-7 parts', () => {
    const parts = encodeSubmit({ to: '+491701', text: 'a'.repeat(200), concatReference: 0x42 });
    expect(parts.map((part) => [part.partNumber, part.totalParts])).toEqual([
      [1, 2],
      [2, 2],
    ]);
    // 41 = SUBMIT with UDHI; UDL A0 = 160 septets (7 for header + fill, 153 text).
    expect(parts[0]?.pdu.startsWith('00410006919471100000A0' + '050003420201' + 'C2')).toBe(true);
    // Second part: 47 septets of text + 7 = 0x36.
    expect(parts[1]?.pdu.startsWith('0041000691947110000036' + '050003420202')).toBe(true);
    for (const part of parts) expect(part.tpduLength).toBe(part.pdu.length / 2 - 1);
  });

  it('uses IEI 08 for a 16-bit reference', () => {
    const parts = encodeSubmit({
      to: '+491701',
      text: 'ж'.repeat(100),
      concatReference: 0x1234,
      use16BitReference: true,
    });
    // UCS-2 with a 7-octet header: 66 characters, 7 + 132 = 139 octets.
    expect(parts[0]?.pdu.startsWith('00410006919471100008' + '8B' + '060804123402' + '01')).toBe(true);
  });

  it('uses a relative validity period rounded up, never down', () => {
    const vp = (minutes: number) => {
      const decoded = decodePdu(
        encodeSubmit({ to: '+491701', text: 'x', validityPeriodMinutes: minutes })[0]?.pdu ?? '',
        { direction: 'mo' },
      );
      return decoded.ok && decoded.value.type === 'submit' ? decoded.value.validityPeriodMinutes : undefined;
    };
    expect([
      vp(1),
      vp(5),
      vp(6),
      vp(720),
      vp(721),
      vp(1440),
      vp(1441),
      vp(10080),
      vp(10081),
      vp(10 ** 9),
    ]).toEqual([5, 5, 10, 720, 750, 1440, 2880, 10080, 11520, 635040]);
  });

  it('derives a stable default reference when none is given', () => {
    const req: SubmitRequest = { to: '+491701', text: 'a'.repeat(200) };
    expect(encodeSubmit(req)).toEqual(encodeSubmit(req));
  });
});

describe('encodeSubmit: invalid input throws a typed CodecError', () => {
  it.each([
    ['empty recipient', { to: '', text: 'x' }, 'invalid-address'],
    ['letters in the number', { to: '+49abc', text: 'x' }, 'invalid-address'],
    ['too many digits', { to: '+' + '1'.repeat(21), text: 'x' }, 'invalid-address'],
    ['alphanumeric recipient', { to: 'Bank', text: 'x' }, 'invalid-address'],
    ['8-bit reference out of range', { to: '+491701', text: 'x', concatReference: 256 }, 'invalid-reference'],
    ['negative reference', { to: '+491701', text: 'x', concatReference: -1 }, 'invalid-reference'],
    ['fractional reference', { to: '+491701', text: 'x', concatReference: 1.5 }, 'invalid-reference'],
    [
      '16-bit reference out of range',
      { to: '+491701', text: 'x', concatReference: 65536, use16BitReference: true },
      'invalid-reference',
    ],
    [
      'message reference out of range',
      { to: '+491701', text: 'x', messageReference: 300 },
      'invalid-message-reference',
    ],
    ['zero validity', { to: '+491701', text: 'x', validityPeriodMinutes: 0 }, 'invalid-validity-period'],
    ['forced GSM-7 with an emoji', { to: '+491701', text: '😀', encoding: 'gsm7' }, 'unencodable-character'],
    ['more than 255 parts', { to: '+491701', text: 'a'.repeat(153 * 255 + 1) }, 'too-many-parts'],
  ] as const)('%s', (_name, req, code) => {
    expect(codeOf(() => encodeSubmit(req as SubmitRequest))).toBe(code);
  });

  it('accepts a 16-bit reference above 255 when asked for 16 bits', () => {
    expect(
      codeOf(() =>
        encodeSubmit({ to: '+491701', text: 'x', concatReference: 4000, use16BitReference: true }),
      ),
    ).toBeUndefined();
  });
});

describe('encodeSubmit: any text', () => {
  it('round-trips every string, lone surrogates included, through decodePdu', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 400 }),
      fc.string({ unit: 'grapheme', maxLength: 200 }),
    );
    fc.assert(
      fc.property(text, fc.boolean(), (t, use16BitReference) => {
        const parts = encodeSubmit({ to: '+491701', text: t, use16BitReference, concatReference: 7 });
        const texts = parts.map((part) => {
          const decoded = decodePdu(part.pdu, { direction: 'mo' });
          if (!decoded.ok || decoded.value.type !== 'submit') throw new Error(JSON.stringify(decoded));
          expect(decoded.value.concat?.total ?? 1).toBe(parts.length);
          return decoded.value.text;
        });
        expect(texts.join('')).toBe(t);
      }),
      { numRuns: 1000 },
    );
  });
});
