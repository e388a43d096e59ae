import { CodecError, PduFormatError } from './errors';

/**
 * Service centre timestamps (TS 23.040 9.2.3.11): seven swapped-BCD octets YY MM DD hh mm ss TZ,
 * TZ in quarter hours with the sign in bit 3 of its first digit.
 */
export const TIMESTAMP_OCTETS = 7;

function swappedBcd(octet: number, field: string): number {
  const tens = octet & 0x0f;
  const units = octet >> 4;
  if (tens > 9 || units > 9)
    throw new PduFormatError('invalid-timestamp', `${field} is not decimal (0x${octet.toString(16)})`);
  return tens * 10 + units;
}

function pad2(value: number): string {
  return value.toString().padStart(2, '0');
}

export function decodeTimestamp(octets: Uint8Array, field: string): string {
  // Two-digit years: 90-99 are the 1990s (old handsets and test vectors), the rest 2000s.
  const twoDigitYear = swappedBcd(octets[0] ?? 0, `${field} year`);
  const year = twoDigitYear >= 90 ? 1900 + twoDigitYear : 2000 + twoDigitYear;
  const month = swappedBcd(octets[1] ?? 0, `${field} month`);
  const day = swappedBcd(octets[2] ?? 0, `${field} day`);
  const hour = swappedBcd(octets[3] ?? 0, `${field} hour`);
  const minute = swappedBcd(octets[4] ?? 0, `${field} minute`);
  const second = swappedBcd(octets[5] ?? 0, `${field} second`);
  const zone = octets[6] ?? 0;
  const negative = (zone & 0x08) !== 0;
  const quarters = swappedBcd(zone & 0xf7, `${field} time zone`);
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 31 ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    quarters > 79
  ) {
    throw new PduFormatError('invalid-timestamp', `${field} is out of range`);
  }
  const offsetMinutes = quarters * 15;
  const sign = negative && offsetMinutes > 0 ? '-' : '+';
  const offset = `${sign}${pad2(Math.floor(offsetMinutes / 60))}:${pad2(offsetMinutes % 60)}`;
  return `${year}-${pad2(month)}-${pad2(day)}T${pad2(hour)}:${pad2(minute)}:${pad2(second)}${offset}`;
}

function toSwappedBcd(value: number): number {
  return ((value % 10) << 4) | Math.floor(value / 10);
}

/** The local time at the given offset, as a service centre in that zone would stamp it. */
export function encodeTimestamp(instant: Date, timezoneOffsetMinutes = 0): number[] {
  if (Number.isNaN(instant.getTime()))
    throw new CodecError('invalid-timestamp', 'Timestamp is not a valid date');
  if (
    !Number.isInteger(timezoneOffsetMinutes) ||
    timezoneOffsetMinutes % 15 !== 0 ||
    Math.abs(timezoneOffsetMinutes) > 79 * 15
  ) {
    throw new CodecError(
      'invalid-timestamp',
      'Time zone offset must be a whole number of quarter hours within ±19:45',
    );
  }
  const local = new Date(instant.getTime() + timezoneOffsetMinutes * 60_000);
  const year = local.getUTCFullYear();
  if (year < 2000 || year > 2089)
    throw new CodecError('invalid-timestamp', 'Timestamps carry years 2000-2089 only');
  const quarters = Math.abs(timezoneOffsetMinutes) / 15;
  const zone = toSwappedBcd(quarters) | (timezoneOffsetMinutes < 0 ? 0x08 : 0);
  return [
    toSwappedBcd(year - 2000),
    toSwappedBcd(local.getUTCMonth() + 1),
    toSwappedBcd(local.getUTCDate()),
    toSwappedBcd(local.getUTCHours()),
    toSwappedBcd(local.getUTCMinutes()),
    toSwappedBcd(local.getUTCSeconds()),
    zone,
  ];
}
