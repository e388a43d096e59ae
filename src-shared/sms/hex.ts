import { PduFormatError } from './errors';

const HEX_DIGITS = '0123456789ABCDEF';
const OCTET_HEX = Array.from(
  { length: 256 },
  (_, octet) => HEX_DIGITS.charAt(octet >> 4) + HEX_DIGITS.charAt(octet & 0x0f),
);

export function bytesToHex(bytes: ArrayLike<number>): string {
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += OCTET_HEX[(bytes[i] ?? 0) & 0xff];
  return hex;
}

function nibble(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return -1;
}

/** Hex as modems print it: either case, optional surrounding whitespace. */
export function hexToBytes(hex: string): Uint8Array {
  const clean = hex.trim();
  if (clean.length % 2 !== 0) throw new PduFormatError('invalid-hex', 'PDU hex has an odd number of digits');
  const bytes = new Uint8Array(clean.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    const hi = nibble(clean.charCodeAt(2 * i));
    const lo = nibble(clean.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0)
      throw new PduFormatError('invalid-hex', `PDU contains a non-hex character near offset ${2 * i}`);
    bytes[i] = (hi << 4) | lo;
  }
  return bytes;
}
