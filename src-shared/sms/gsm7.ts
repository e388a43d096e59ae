import { DEFAULT_ALPHABET, DEFAULT_EXTENSION, ESCAPE_SEPTET } from './gsm7-alphabet';
import type { NationalLanguage } from './national-tables';
import { LOCKING_SHIFT_TABLES, SINGLE_SHIFT_TABLES } from './national-tables';

/** Which tables a GSM-7 message uses: undefined = the default alphabet / default extension table. */
export interface Gsm7Tables {
  locking?: NationalLanguage;
  single?: NationalLanguage;
}

/** A character set made of one locking table plus one single shift table, indexed both ways. */
export interface Gsm7Charset {
  readonly tables: Gsm7Tables;
  /** char → septets it is sent as (one, or ESC + one). */
  readonly encode: ReadonlyMap<string, readonly number[]>;
  readonly locking: readonly string[];
  readonly shift: ReadonlyMap<number, string>;
}

const charsetCache = new Map<string, Gsm7Charset>();

export function gsm7Charset(tables: Gsm7Tables = {}): Gsm7Charset {
  const key = `${tables.locking ?? ''}/${tables.single ?? ''}`;
  const cached = charsetCache.get(key);
  if (cached) return cached;

  const locking = (tables.locking && LOCKING_SHIFT_TABLES[tables.locking]) || DEFAULT_ALPHABET;
  const shift = tables.single ? SINGLE_SHIFT_TABLES[tables.single] : DEFAULT_EXTENSION;
  const encode = new Map<string, readonly number[]>();
  // Shifted characters first, so a character present in both tables takes the one-septet form.
  for (const [septet, char] of shift) {
    // CR2 (0x0D) and the reserved double escape are decode-only (TS 23.038 6.2.1.1).
    if (septet === 0x0d || septet === ESCAPE_SEPTET) continue;
    encode.set(char, [ESCAPE_SEPTET, septet]);
  }
  locking.forEach((char, septet) => {
    if (septet !== ESCAPE_SEPTET) encode.set(char, [septet]);
  });
  const charset: Gsm7Charset = { tables, encode, locking, shift };
  charsetCache.set(key, charset);
  return charset;
}

/** Septets one character costs in this charset, or 0 if it cannot be sent in it. */
export function gsm7Cost(charset: Gsm7Charset, char: string): number {
  return charset.encode.get(char)?.length ?? 0;
}

/** Text → septet values. Returns the first unencodable character instead of guessing. */
export function textToSeptets(
  text: string,
  charset: Gsm7Charset,
): { septets: number[] } | { unencodable: string } {
  const septets: number[] = [];
  for (const char of text) {
    const codes = charset.encode.get(char);
    if (!codes) return { unencodable: char };
    for (const code of codes) septets.push(code);
  }
  return { septets };
}

/**
 * Septet values → text. An escape followed by a septet missing from the shift table shows the
 * locking table's character (TS 23.038 6.2.1.1 note); a trailing lone escape is dropped.
 */
export function septetsToText(septets: ArrayLike<number>, charset: Gsm7Charset): string {
  let text = '';
  for (let i = 0; i < septets.length; i++) {
    const septet = septets[i] ?? 0;
    if (septet === ESCAPE_SEPTET) {
      i++;
      if (i >= septets.length) break;
      const shifted = septets[i] ?? 0;
      if (shifted === ESCAPE_SEPTET) text += ' ';
      else text += charset.shift.get(shifted) ?? charset.locking[shifted] ?? '';
    } else {
      text += charset.locking[septet] ?? '';
    }
  }
  return text;
}

/**
 * Packs septets into octets, LSB first (TS 23.038 6.1.2.1.1). fillBits zero bits come first so
 * the septets start on a septet boundary after a user data header (TS 23.040 9.2.3.24).
 */
export function packSeptets(septets: ArrayLike<number>, fillBits = 0): Uint8Array {
  const totalBits = fillBits + septets.length * 7;
  const out = new Uint8Array(Math.ceil(totalBits / 8));
  let bitPosition = fillBits;
  for (let i = 0; i < septets.length; i++) {
    const value = (septets[i] ?? 0) & 0x7f;
    const byteIndex = bitPosition >> 3;
    const shift = bitPosition & 7;
    out[byteIndex] = (out[byteIndex] ?? 0) | ((value << shift) & 0xff);
    if (shift > 1) out[byteIndex + 1] = (out[byteIndex + 1] ?? 0) | (value >> (8 - shift));
    bitPosition += 7;
  }
  return out;
}

/** Reads count septets starting fillBits into the octets; stops early if the octets run out. */
export function unpackSeptets(octets: ArrayLike<number>, count: number, fillBits = 0): number[] {
  const septets: number[] = [];
  let bitPosition = fillBits;
  for (let i = 0; i < count; i++) {
    const byteIndex = bitPosition >> 3;
    const shift = bitPosition & 7;
    if (byteIndex >= octets.length) break;
    let value = ((octets[byteIndex] ?? 0) >> shift) & 0x7f;
    if (shift > 1) {
      if (byteIndex + 1 >= octets.length) break;
      value |= ((octets[byteIndex + 1] ?? 0) << (8 - shift)) & 0x7f;
    }
    septets.push(value);
    bitPosition += 7;
  }
  return septets;
}
