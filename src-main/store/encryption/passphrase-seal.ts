// A passphrase protects the key file, not the database: scrypt derives a key-encryption key once
// per open, AES-256-GCM seals the secrets with it. Changing the passphrase rewrites a small file
// instead of re-encrypting the whole database, and the slow, memory-hard derivation (scrypt
// resists GPUs better than SQLite3MultipleCiphers' PBKDF2) runs once, not per connection.
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';

export interface ScryptParameters {
  name: 'scrypt';
  /** CPU/memory cost; 2^15 with r = 8 needs 32 MB and about 0.1 s. */
  N: number;
  r: number;
  p: number;
  salt: string;
}

export interface PassphraseSealed {
  kdf: ScryptParameters;
  /** base64: 12-byte nonce, 16-byte tag, ciphertext. */
  sealed: string;
}

const DEFAULT_COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export class WrongPassphraseError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('The passphrase is wrong.', options);
    this.name = 'WrongPassphraseError';
  }
}

/** `context` is bound to the ciphertext (AES-GCM additional data): a sealed blob cannot be moved to another field or format. */
export function sealWithPassphrase(plain: Buffer, passphrase: string, context: string): PassphraseSealed {
  const kdf: ScryptParameters = { name: 'scrypt', ...DEFAULT_COST, salt: randomBytes(16).toString('base64') };
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(passphrase, kdf), nonce);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { kdf, sealed: Buffer.concat([nonce, cipher.getAuthTag(), ciphertext]).toString('base64') };
}

export function openWithPassphrase(box: PassphraseSealed, passphrase: string, context: string): Buffer {
  const bytes = Buffer.from(box.sealed, 'base64');
  if (bytes.length < NONCE_BYTES + TAG_BYTES) throw new WrongPassphraseError();
  const decipher = createDecipheriv('aes-256-gcm', deriveKey(passphrase, box.kdf), bytes.subarray(0, NONCE_BYTES));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(bytes.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]);
  } catch (cause) {
    // GCM cannot tell a wrong passphrase from a tampered file; for the user it is the same fix.
    throw new WrongPassphraseError({ cause });
  }
}

function deriveKey(passphrase: string, kdf: ScryptParameters): Buffer {
  // NFC: the same passphrase typed on a Mac (decomposed umlauts) and on Windows must match.
  return scryptSync(passphrase.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), 32, {
    N: kdf.N,
    r: kdf.r,
    p: kdf.p,
    maxmem: 256 * kdf.N * kdf.r * kdf.p,
  });
}
