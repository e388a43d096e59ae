import fc from 'fast-check';
import { getCountries, type CountryCode } from 'libphonenumber-js/min';
import { describe, expect, it } from 'vitest';
import { fastNormalise } from './phone-fast-path';
import { normalisePhoneNumber, slowNormalise } from './phone-number';

describe('normalisePhoneNumber', () => {
  it.each([
    ['+49 151 23456789', '+4915123456789'],
    ['0151 23456789', '+4915123456789'],
    ['0151/234 567 89', '+4915123456789'],
    ['(0151) 23456789', '+4915123456789'],
    ['0049 151 23456789', '+4915123456789'],
    ['+49 (0)151 23456789', '+4915123456789'],
    ['+43 664 1234567', '+436641234567'],
    ['+86 138 0013 8000', '+8613800138000'],
    ['+33 6 12 34 56 78', '+33612345678'],
  ])('reads %s as %s (default country DE)', (raw, e164) => {
    expect(normalisePhoneNumber(raw, 'DE')).toEqual({ ok: true, e164 });
  });

  it.each([
    ['', 'missing'],
    ['   ', 'missing'],
    ['4.91512E+12', 'scientific-notation'],
    ['keine Angabe', 'not-a-number'],
    ['0151', 'invalid'],
    ['12', 'invalid'],
    ['+49 000 0000000', 'invalid'],
  ])('rejects %j as %s', (raw, reason) => {
    expect(normalisePhoneNumber(raw, 'DE')).toEqual({ ok: false, reason });
  });

  it('restores the "+" a spreadsheet dropped when the number is not valid nationally', () => {
    expect(normalisePhoneNumber('4915123456789', 'FR')).toEqual({ ok: true, e164: '+4915123456789' });
  });

  it('uses the default country for national numbers', () => {
    expect(normalisePhoneNumber('06 12 34 56 78', 'FR')).toEqual({ ok: true, e164: '+33612345678' });
    expect(normalisePhoneNumber('(201) 555-0123', 'US')).toEqual({ ok: true, e164: '+12015550123' });
  });
});

describe('the fast path', () => {
  const countries = getCountries();
  // The usual separators, and some the fast path leaves to the regular expressions or to libphonenumber.
  const separators = fc.oneof({ arbitrary: fc.constantFrom('', ' ', '-', '/', '.', '  '), weight: 4 }, { arbitrary: fc.constantFrom('(', ') ', ' (0)', '\u00a0', '\u2013', '\u2014', '\u2010', '\u2212', '\u202f', '\t', '+', 'x'), weight: 1 });
  const digitString = (min: number, max: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(''));
  const notation = fc.tuple(fc.constantFrom('+', '0', '00', ''), fc.constantFrom('', '49', '43', '41', '33', '86', '1', '7', '44', '39', '31', '90', '55', '54', '52', '91', '34', '48'), separators, digitString(0, 14), separators, digitString(0, 6));
  const country = fc.constantFrom<CountryCode>('DE', 'AT', 'CH', 'FR', 'CN', 'US', 'GB', 'IT', 'BR', 'AR', 'MX', ...countries.slice(0, 40));

  it('agrees with libphonenumber whenever it answers', () => {
    let answered = 0;
    fc.assert(
      fc.property(notation, country, ([prefix, code, sep1, body, sep2, tail], defaultCountry) => {
        const raw = `${prefix}${code}${sep1}${body}${sep2}${tail}`;
        const fast = fastNormalise(raw, defaultCountry);
        if (fast === undefined) return;
        answered++;
        expect(slowNormalise(raw, defaultCountry)).toEqual({ ok: true, e164: fast });
      }),
      { numRuns: 20_000 },
    );
    // The generator must actually exercise the fast path.
    expect(answered).toBeGreaterThan(500);
  });

  it('agrees on realistic German mobile and landline numbers', () => {
    fc.assert(
      fc.property(fc.constantFrom('151', '160', '170', '176', '1512', '30', '89', '221', '3303', '40'), digitString(5, 9), fc.constantFrom('+49 ', '0', '+49', '0049 '), (area, subscriber, prefix) => {
        const raw = `${prefix}${area} ${subscriber}`;
        const fast = fastNormalise(raw, 'DE');
        const slow = slowNormalise(raw, 'DE');
        if (fast !== undefined) expect(slow).toEqual({ ok: true, e164: fast });
      }),
      { numRuns: 5_000 },
    );
  });
});
