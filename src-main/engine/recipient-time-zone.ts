// The recipient's time zone, for quiet hours in their local time. libphonenumber-js carries no
// time-zone data, so this table names the zone of countries that have exactly one (for mobile
// numbers, which cannot be placed geographically within a country). Countries spanning several
// zones (US, CA, MX, BR, RU, AU, ID, KZ …) or with outlying islands on another clock (ES: the
// Canaries, PT: the Azores) are left out on purpose: for them the campaign's zone applies.
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { isValidTimeZone } from './quiet-hours';

const SINGLE_ZONE_COUNTRIES: Readonly<Record<string, string>> = {
  DE: 'Europe/Berlin',
  AT: 'Europe/Vienna',
  CH: 'Europe/Zurich',
  LI: 'Europe/Vaduz',
  LU: 'Europe/Luxembourg',
  NL: 'Europe/Amsterdam',
  BE: 'Europe/Brussels',
  FR: 'Europe/Paris',
  IT: 'Europe/Rome',
  MT: 'Europe/Malta',
  GB: 'Europe/London',
  GG: 'Europe/Guernsey',
  JE: 'Europe/Jersey',
  IM: 'Europe/Isle_of_Man',
  IE: 'Europe/Dublin',
  DK: 'Europe/Copenhagen',
  SE: 'Europe/Stockholm',
  NO: 'Europe/Oslo',
  FI: 'Europe/Helsinki',
  IS: 'Atlantic/Reykjavik',
  PL: 'Europe/Warsaw',
  CZ: 'Europe/Prague',
  SK: 'Europe/Bratislava',
  HU: 'Europe/Budapest',
  SI: 'Europe/Ljubljana',
  HR: 'Europe/Zagreb',
  RS: 'Europe/Belgrade',
  BA: 'Europe/Sarajevo',
  AL: 'Europe/Tirane',
  GR: 'Europe/Athens',
  CY: 'Asia/Nicosia',
  RO: 'Europe/Bucharest',
  BG: 'Europe/Sofia',
  EE: 'Europe/Tallinn',
  LV: 'Europe/Riga',
  LT: 'Europe/Vilnius',
  TR: 'Europe/Istanbul',
  IL: 'Asia/Jerusalem',
  AE: 'Asia/Dubai',
  SA: 'Asia/Riyadh',
  EG: 'Africa/Cairo',
  MA: 'Africa/Casablanca',
  NG: 'Africa/Lagos',
  KE: 'Africa/Nairobi',
  ZA: 'Africa/Johannesburg',
  IN: 'Asia/Kolkata',
  CN: 'Asia/Shanghai',
  HK: 'Asia/Hong_Kong',
  SG: 'Asia/Singapore',
  TH: 'Asia/Bangkok',
  VN: 'Asia/Ho_Chi_Minh',
  PH: 'Asia/Manila',
  JP: 'Asia/Tokyo',
  KR: 'Asia/Seoul',
  AR: 'America/Argentina/Buenos_Aires',
};

/** The IANA zone of an E.164 number when its country has only one, else undefined. */
export function timeZoneOfNumber(e164: string): string | undefined {
  const country = parsePhoneNumberFromString(e164)?.country;
  return country ? SINGLE_ZONE_COUNTRIES[country] : undefined;
}

/**
 * The zone quiet hours are counted in: the one set by hand on the contact (someone with a German
 * number living in New York), else the number's country when it has a single zone, else the
 * fallback (the computer's zone). A hand-set zone this runtime does not know is passed over.
 */
export function recipientTimeZone({ e164, contactZone, fallback }: { e164: string; contactZone: string | null; fallback: string }): string {
  if (contactZone && isValidTimeZone(contactZone)) return contactZone;
  return timeZoneOfNumber(e164) ?? fallback;
}
