import { CodecError, PduFormatError } from './errors';
import { ESCAPE_SEPTET } from './gsm7-alphabet';
import { gsm7Charset, packSeptets, septetsToText, textToSeptets, unpackSeptets } from './gsm7';
import type { PduReader } from './pdu-reader';
import type { PhoneAddress } from './types';

/** Type-of-address octets (TS 23.040 9.1.2.5): bit 7 set, type of number in bits 6-4, ISDN plan. */
const TOA_INTERNATIONAL = 0x91;
const TOA_UNKNOWN = 0x81;
const TOA_ALPHANUMERIC = 0xd0;

const TYPE_OF_NUMBER: Record<number, PhoneAddress['type']> = {
  0: 'unknown',
  1: 'international',
  2: 'national',
  5: 'alphanumeric',
};

const SEMI_OCTET_DIGITS = '0123456789*#abc';
const MAX_ADDRESS_DIGITS = 20;
const MAX_ALPHANUMERIC_CHARS = 11;

function packDigits(digits: string): number[] {
  const octets: number[] = [];
  for (let i = 0; i < digits.length; i += 2) {
    const low = SEMI_OCTET_DIGITS.indexOf(digits.charAt(i));
    const high = i + 1 < digits.length ? SEMI_OCTET_DIGITS.indexOf(digits.charAt(i + 1)) : 0x0f;
    octets.push((high << 4) | low);
  }
  return octets;
}

/** Semi-octet digits, low nibble first; 0xF is the filler after an odd count. */
export function unpackDigits(octets: ArrayLike<number>, count: number): string {
  let digits = '';
  for (let i = 0; i < count; i++) {
    const octet = octets[i >> 1] ?? 0xff;
    const nibble = i % 2 === 0 ? octet & 0x0f : octet >> 4;
    if (nibble === 0x0f) break;
    digits += SEMI_OCTET_DIGITS[nibble];
  }
  return digits;
}

/**
 * A destination or originator address field (TS 23.040 9.1.2.5). '+' digits are sent as
 * international; bare digits as "unknown" type, which lets the network apply the national
 * dialling rules the user typed them with (the "national" type would require the trunk prefix
 * to be stripped). Alphanumeric only when allowed (originators of messages Fanout fabricates).
 */
export function encodeAddressField(address: string, allowAlphanumeric = false): number[] {
  if (/^\+[0-9]{1,20}$/.test(address)) {
    const digits = address.slice(1);
    return [digits.length, TOA_INTERNATIONAL, ...packDigits(digits)];
  }
  if (/^[0-9*#]{1,20}$/.test(address)) {
    return [address.length, TOA_UNKNOWN, ...packDigits(address)];
  }
  if (allowAlphanumeric && address.length > 0 && [...address].length <= MAX_ALPHANUMERIC_CHARS) {
    const encoded = textToSeptets(address, gsm7Charset());
    // Default alphabet only: an address has no room for escape sequences (TS 23.040 9.1.2.5
    // codes it in the 7-bit default alphabet), and many phones show them as the base character.
    const plain = 'septets' in encoded && !encoded.septets.includes(ESCAPE_SEPTET);
    if (plain && encoded.septets.length <= MAX_ALPHANUMERIC_CHARS) {
      const packed = packSeptets(encoded.septets);
      // The length counts the semi-octets that carry septet bits (TS 23.040 9.1.2.5).
      return [Math.ceil((encoded.septets.length * 7) / 4), TOA_ALPHANUMERIC, ...packed];
    }
  }
  const expected = allowAlphanumeric
    ? `+digits, digits (at most ${MAX_ADDRESS_DIGITS}) or a name of at most ${MAX_ALPHANUMERIC_CHARS} GSM-7 default-alphabet characters`
    : `+digits or digits, at most ${MAX_ADDRESS_DIGITS}`;
  throw new CodecError(
    'invalid-address',
    `Not an address Fanout can put in a PDU: "${address}" (expected ${expected})`,
  );
}

export function decodeAddressField(reader: PduReader, field: string): PhoneAddress {
  const semiOctets = reader.octet(`${field} length`);
  const typeOfAddress = reader.octet(`${field} type`);
  if (semiOctets > MAX_ADDRESS_DIGITS) {
    throw new PduFormatError(
      'invalid-address',
      `${field} claims ${semiOctets} digits (at most ${MAX_ADDRESS_DIGITS})`,
    );
  }
  const value = reader.octets(Math.ceil(semiOctets / 2), field);
  const type = TYPE_OF_NUMBER[(typeOfAddress >> 4) & 0x07] ?? 'unknown';
  if (type === 'alphanumeric') {
    const septets = unpackSeptets(value, Math.floor((semiOctets * 4) / 7));
    // Senders that count whole octets (length 14 for a 7-character name) make the seven fill
    // bits look like an eighth septet, '@' (the ambiguity TS 23.038 6.1.2.3.1 describes).
    if (septets.length % 8 === 0 && septets[septets.length - 1] === 0) septets.pop();
    return { number: septetsToText(septets, gsm7Charset()), type };
  }
  const digits = unpackDigits(value, semiOctets);
  return { number: type === 'international' ? `+${digits}` : digits, type };
}

/** The SMSC field that precedes the TPDU in AT+CMGS/+CMGR PDUs (TS 27.005 3.1); octet count first. */
export function decodeSmscField(reader: PduReader): PhoneAddress | undefined {
  const octets = reader.octet('SMSC length');
  if (octets === 0) return undefined;
  if (octets > 11)
    throw new PduFormatError('invalid-address', `SMSC field claims ${octets} octets (at most 11)`);
  const typeOfAddress = reader.octet('SMSC type');
  const value = reader.octets(octets - 1, 'SMSC address');
  const type = TYPE_OF_NUMBER[(typeOfAddress >> 4) & 0x07] ?? 'unknown';
  const digits = unpackDigits(value, value.length * 2);
  return { number: type === 'international' ? `+${digits}` : digits, type };
}

/** An SMSC field carrying a real number (the virtual modem's deliveries name their SMSC). */
export function encodeSmscField(number: string): number[] {
  const field = encodeAddressField(number);
  return [field.length - 1, ...field.slice(1)];
}
