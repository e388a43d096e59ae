// Phone numbers to E.164 with libphonenumber-js ("min" metadata: validity by national number
// pattern, which is what an import needs; the "max" set is twice the size and four times slower).
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { fastNormalise } from './phone-fast-path';

export type { CountryCode };

/** Fanout's first users are in Germany; the UI and the CLI let people choose. */
export const DEFAULT_COUNTRY: CountryCode = 'DE';

export type PhoneRejection = 'missing' | 'scientific-notation' | 'not-a-number' | 'invalid';

export type NormalisedPhone = { ok: true; e164: string } | { ok: false; reason: PhoneRejection };

export const PHONE_REJECTION_TEXT: Record<PhoneRejection, string> = {
  missing: 'no phone number',
  'scientific-notation': 'number was turned into scientific notation by a spreadsheet (e.g. 4.917E+12); format the column as text and export again',
  'not-a-number': 'not a phone number',
  invalid: 'not a valid phone number for its country',
};

const SCIENTIFIC = /^\d(?:[.,]\d+)?e\+?\d+$/i;
const DIGITS_ONLY = /^\d{10,15}$/;

export function normalisePhoneNumber(raw: string, defaultCountry: CountryCode): NormalisedPhone {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'missing' };
  const fast = fastNormalise(text, defaultCountry);
  if (fast !== undefined) return { ok: true, e164: fast };
  if (SCIENTIFIC.test(text)) return { ok: false, reason: 'scientific-notation' };
  return slowNormalise(text, defaultCountry);
}

/** libphonenumber alone; exported for the test that holds the fast path to the same answers. */
export function slowNormalise(text: string, defaultCountry: CountryCode): NormalisedPhone {
  const parsed = parsePhoneNumberFromString(text, defaultCountry);
  if (parsed?.isValid()) return { ok: true, e164: parsed.number };
  // Spreadsheets drop the "+" of international numbers stored as numbers: 4917012345678.
  if (DIGITS_ONLY.test(text)) {
    const international = parsePhoneNumberFromString(`+${text}`);
    if (international?.isValid()) return { ok: true, e164: international.number };
  }
  return { ok: false, reason: parsed ? 'invalid' : 'not-a-number' };
}

/** Country codes libphonenumber knows, for validating a --country option. */
export { isSupportedCountry } from 'libphonenumber-js/min';
