// Keyed hash of a phone number, stored beside (and after erasure instead of) the number, so the
// opt-out list can still block a number Fanout no longer knows. Keyed with a per-install secret so
// the hashes of the ~10^10 numbers of a country cannot simply be computed by whoever holds the file.
import { createHmac } from 'node:crypto';

export interface PhoneHasher {
  /** `e164` must already be normalised: "+4917012345678". */
  hash(e164: string): string;
}

export function createPhoneHasher(secret: Uint8Array): PhoneHasher {
  if (secret.byteLength < 16) throw new RangeError('The phone hash secret must be at least 16 bytes');
  const key = Buffer.from(secret);
  return {
    hash: (e164) => createHmac('sha256', key).update(e164, 'utf8').digest('base64url'),
  };
}
