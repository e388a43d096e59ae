import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

const cache = new Map<string, string>();

/** "+4915123456789" as people write it, "+49 151 23456789"; anything unparsable is shown as stored. */
export function formatPhoneNumber(e164: string): string {
  let shown = cache.get(e164);
  if (shown === undefined) {
    shown = parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
    if (cache.size > 5000) cache.clear();
    cache.set(e164, shown);
  }
  return shown;
}
