import { DEFAULT_ALPHABET, DEFAULT_EXTENSION } from './gsm7-alphabet';

/**
 * National language shift tables (3GPP TS 23.038 Annex A) that Fanout offers. A user enables them;
 * a message uses one only when it makes the message shorter (see segment.ts).
 */
export type NationalLanguage = 'turkish' | 'spanish' | 'portuguese';

export const NATIONAL_LANGUAGES: readonly NationalLanguage[] = ['turkish', 'spanish', 'portuguese'];

/** National language identifiers used in the UDH shift elements (TS 23.038 6.2.1.2.4). */
export const NATIONAL_LANGUAGE_ID: Readonly<Record<NationalLanguage, number>> = {
  turkish: 1,
  spanish: 2,
  portuguese: 3,
};

export function nationalLanguageById(id: number): NationalLanguage | undefined {
  return NATIONAL_LANGUAGES.find((language) => NATIONAL_LANGUAGE_ID[language] === id);
}

function withReplacements(base: readonly string[], replacements: Record<number, string>): readonly string[] {
  const table = [...base];
  for (const [septet, char] of Object.entries(replacements)) table[Number(septet)] = char;
  return table;
}

/**
 * Locking shift tables replace the whole default alphabet (Annex A.3). Spanish has none (A.3.2 is
 * void), so a Spanish message always locks to the default alphabet.
 */
export const LOCKING_SHIFT_TABLES: Readonly<Partial<Record<NationalLanguage, readonly string[]>>> = {
  // A.3.1 Turkish
  // prettier-ignore
  turkish: withReplacements(DEFAULT_ALPHABET, {
    0x04: '€', 0x07: 'ı', 0x0b: 'Ğ', 0x0c: 'ğ', 0x1c: 'Ş', 0x1d: 'ş', 0x40: 'İ', 0x60: 'ç',
  }),
  // A.3.3 Portuguese
  // prettier-ignore
  portuguese: withReplacements(DEFAULT_ALPHABET, {
    0x04: 'ê', 0x06: 'ú', 0x07: 'í', 0x08: 'ó', 0x09: 'ç', 0x0b: 'Ô', 0x0c: 'ô', 0x0e: 'Á', 0x0f: 'á',
    0x12: 'ª', 0x13: 'Ç', 0x14: 'À', 0x15: '∞', 0x16: '^', 0x17: '\\', 0x18: '€', 0x19: 'Ó', 0x1a: '|',
    0x1c: 'Â', 0x1d: 'â', 0x1e: 'Ê', 0x24: 'º', 0x40: 'Í', 0x5b: 'Ã', 0x5c: 'Õ', 0x5d: 'Ú', 0x60: '~',
    0x7b: 'ã', 0x7c: 'õ', 0x7d: '`',
  }),
};

function extensionWith(additions: Record<number, string>): ReadonlyMap<number, string> {
  const table = new Map(DEFAULT_EXTENSION);
  for (const [septet, char] of Object.entries(additions)) table.set(Number(septet), char);
  return table;
}

/** Single shift tables replace the default extension table (Annex A.2). */
export const SINGLE_SHIFT_TABLES: Readonly<Record<NationalLanguage, ReadonlyMap<number, string>>> = {
  // A.2.1 Turkish
  turkish: extensionWith({ 0x47: 'Ğ', 0x49: 'İ', 0x53: 'Ş', 0x63: 'ç', 0x67: 'ğ', 0x69: 'ı', 0x73: 'ş' }),
  // A.2.2 Spanish
  // prettier-ignore
  spanish: extensionWith({
    0x09: 'ç', 0x41: 'Á', 0x49: 'Í', 0x4f: 'Ó', 0x55: 'Ú', 0x61: 'á', 0x69: 'í', 0x6f: 'ó', 0x75: 'ú',
  }),
  // A.2.3 Portuguese
  // prettier-ignore
  portuguese: extensionWith({
    0x05: 'ê', 0x09: 'ç', 0x0b: 'Ô', 0x0c: 'ô', 0x0e: 'Á', 0x0f: 'á', 0x12: 'Φ', 0x13: 'Γ', 0x15: 'Ω',
    0x16: 'Π', 0x17: 'Ψ', 0x18: 'Σ', 0x19: 'Θ', 0x1f: 'Ê', 0x41: 'À', 0x49: 'Í', 0x4f: 'Ó', 0x55: 'Ú',
    0x5b: 'Ã', 0x5c: 'Õ', 0x61: 'Â', 0x69: 'í', 0x6f: 'ó', 0x75: 'ú', 0x7b: 'ã', 0x7c: 'õ', 0x7f: 'â',
  }),
};
