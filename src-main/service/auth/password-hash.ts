import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Operator passwords, stored self-describing as "scrypt$N$r$p$salt$hash" (salt and hash
 * base64url) so stronger parameters can be chosen later and old hashes still verify.
 *
 * N = 2^14, r = 8, p = 1 (16 MiB of memory) takes about 70 ms on this project's 2-core build
 * machine: slow enough to make guessing a stolen hash expensive, fast enough for a login to
 * feel instant. N = 2^15 took 145 ms there. The async scrypt keeps serial reads and the window
 * going while it runs.
 */
export const currentScryptParameters = { N: 2 ** 14, r: 8, p: 1 } as const;

const saltBytes = 16;
const hashBytes = 32;

function derive(password: string, salt: Buffer, parameters: { N: number; r: number; p: number }, length: number): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is too tight for anything above 2^14.
  const options: ScryptOptions = { ...parameters, maxmem: 256 * parameters.N * parameters.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(saltBytes);
  const { N, r, p } = currentScryptParameters;
  const hash = await derive(password, salt, currentScryptParameters, hashBytes);
  return ['scrypt', N, r, p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

interface ParsedHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

function parseStoredHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  // Bounds keep a tampered row from making a login allocate gigabytes.
  const sane = Number.isInteger(N) && N >= 2 && N <= 2 ** 20 && (N & (N - 1)) === 0 && Number.isInteger(r) && r >= 1 && r <= 32 && Number.isInteger(p) && p >= 1 && p <= 16;
  if (!sane) return null;
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const hash = Buffer.from(parts[5] ?? '', 'base64url');
  if (salt.length < 8 || hash.length < 16) return null;
  return { N, r, p, salt, hash };
}

/** False for a wrong password and for a stored value that is not a hash we can read. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStoredHash(stored);
  if (!parsed) return false;
  const candidate = await derive(password, parsed.salt, parsed, parsed.hash.length);
  return timingSafeEqual(candidate, parsed.hash);
}

/** True when the stored hash was made with weaker parameters than today's, so a login can upgrade it. */
export function needsRehash(stored: string): boolean {
  const parsed = parseStoredHash(stored);
  const { N, r, p } = currentScryptParameters;
  return !parsed || parsed.N !== N || parsed.r !== r || parsed.p !== p;
}
