import { describe, expect, it } from 'vitest';
import { encodeAddressField } from './address';
import { CodecError } from './errors';
import { bytesToHex } from './hex';
import { encodeTimestamp } from './timestamp';
import { minutesToValidityOctet, validityOctetToMinutes } from './validity-period';

describe('address fields (TS 23.040 9.1.2.5)', () => {
  it.each([
    ['+27829135934', '0B917228195339F4'],
    ['+9876543210', '0A918967452301'],
    ['0129998765', '0A811092997856'],
    // '*' and '#' are semi-octets A and B (USSD-style service numbers).
    ['*100#', '05811A00FB'],
  ])('%s → %s', (address, hex) => {
    expect(bytesToHex(encodeAddressField(address))).toBe(hex);
  });

  it('encodes alphanumeric originators only where allowed', () => {
    expect(bytesToHex(encodeAddressField('FRANCOIS', true))).toBe('0ED04669D0397C26A7');
    expect(bytesToHex(encodeAddressField('abc', true))).toBe('06D061F118');
    expect(() => encodeAddressField('FRANCOIS')).toThrow(CodecError);
    expect(() => encodeAddressField('TwelveLetter', true)).toThrow(CodecError);
    expect(() => encodeAddressField('Şirket', true)).toThrow(CodecError);
    // Extension characters would need escape sequences, which addresses do not carry.
    expect(() => encodeAddressField('Shop [1]', true)).toThrow(CodecError);
    expect(bytesToHex(encodeAddressField('a@b', true))).toBe('06D0618018');
  });
});

describe('service centre timestamps (TS 23.040 9.2.3.11)', () => {
  it('encodes local time and the quarter-hour offset', () => {
    expect(bytesToHex(encodeTimestamp(new Date('2015-11-27T00:00:00Z')))).toBe('51117200000000');
    expect(bytesToHex(encodeTimestamp(new Date('2015-11-26T22:00:00Z'), 120))).toBe('51117200000080');
    expect(bytesToHex(encodeTimestamp(new Date('2007-04-13T07:25:42Z'), -480))).toBe('7040213252242B');
  });

  it('rejects offsets that are not quarter hours and years out of range', () => {
    expect(() => encodeTimestamp(new Date(), 10)).toThrow(CodecError);
    expect(() => encodeTimestamp(new Date('1999-01-01T00:00:00Z'))).toThrow(CodecError);
    expect(() => encodeTimestamp(new Date(Number.NaN))).toThrow(CodecError);
  });
});

describe('relative validity period (TS 23.040 9.2.3.12.1)', () => {
  it.each([
    [30, 5],
    [16 * 60, 151],
    [3 * 1440, 169],
    [5 * 10080, 197],
  ])('%i minutes ↔ octet %i', (minutes, octet) => {
    expect(minutesToValidityOctet(minutes)).toBe(octet);
    expect(validityOctetToMinutes(octet)).toBe(minutes);
  });

  it('is monotonic, so rounding up is well defined', () => {
    for (let octet = 1; octet <= 255; octet++) {
      expect(validityOctetToMinutes(octet)).toBeGreaterThan(validityOctetToMinutes(octet - 1));
    }
  });
});
