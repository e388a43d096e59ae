import { CodecError } from './errors';

/** Minutes a relative TP-VP octet stands for (TS 23.040 9.2.3.12.1). */
export function validityOctetToMinutes(octet: number): number {
  if (octet <= 143) return (octet + 1) * 5;
  if (octet <= 167) return 12 * 60 + (octet - 143) * 30;
  if (octet <= 196) return (octet - 166) * 24 * 60;
  return (octet - 192) * 7 * 24 * 60;
}

/**
 * The smallest relative TP-VP octet lasting at least the requested minutes, so a message never
 * expires earlier than asked; requests beyond 63 weeks get the maximum.
 */
export function minutesToValidityOctet(minutes: number): number {
  if (!Number.isFinite(minutes) || minutes <= 0) {
    throw new CodecError(
      'invalid-validity-period',
      `Validity period must be a positive number of minutes, got ${minutes}`,
    );
  }
  for (let octet = 0; octet <= 255; octet++) {
    if (validityOctetToMinutes(octet) >= minutes) return octet;
  }
  return 255;
}
