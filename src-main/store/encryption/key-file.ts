// The key file beside the database (fanout.db → fanout.key): the database key and the per-install
// phone-hash secret, plain (readable by this user only, 0600), sealed with a passphrase, or sealed
// by the operating system's secret store (desktop app). Both secrets live here, outside the
// database, so a copy of the database alone reveals nothing and cannot be matched against numbers.
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { syncFolder } from '../disk-sync';
import path from 'node:path';
import { z } from 'zod';
import { DATABASE_CIPHER, DATABASE_KEY_BYTES } from './database-cipher';
import type { KeyProtector } from './key-protector';
import { openWithPassphrase, sealWithPassphrase, type PassphraseSealed } from './passphrase-seal';

export interface DatabaseSecrets {
  databaseKey: Buffer;
  phoneHashSecret: Buffer;
}

/** How the key file is protected, with what is needed to write it that way again. */
export type KeyProtection = { kind: 'file' } | { kind: 'passphrase'; passphrase: string } | { kind: 'os'; protector: KeyProtector };
export type KeyProtectionKind = KeyProtection['kind'];

const FORMAT = 'fanout-database-key';
// Bound into every sealed blob, so a blob from another format version or cipher is refused.
const SEAL_CONTEXT = `${FORMAT}/1/${DATABASE_CIPHER}`;

const secretsSchema = z.object({
  databaseKey: z.string().regex(new RegExp(`^[0-9a-f]{${DATABASE_KEY_BYTES * 2}}$`)),
  phoneHashSecret: z.string().regex(/^[A-Za-z0-9_-]{22,}$/),
});
const header = { format: z.literal(FORMAT), version: z.literal(1), cipher: z.literal(DATABASE_CIPHER) };
const keyFileSchema = z.discriminatedUnion('protection', [
  z.object({ ...header, protection: z.literal('file'), secrets: secretsSchema }),
  z.object({
    ...header,
    protection: z.literal('passphrase'),
    // Bounded so an edited file cannot make the derivation take minutes or gigabytes.
    kdf: z.object({ name: z.literal('scrypt'), N: z.number().int().min(2 ** 14).max(2 ** 20), r: z.number().int().min(1).max(16), p: z.number().int().min(1).max(4), salt: z.string().min(16) }),
    sealed: z.string().min(1),
  }),
  z.object({ ...header, protection: z.literal('os'), backend: z.string(), sealed: z.string().min(1) }),
]);
export type KeyFileContent = z.infer<typeof keyFileSchema>;

/** fanout.db → fanout.key in the same folder. */
export function keyFilePathFor(databasePath: string): string {
  const parsed = path.parse(path.resolve(databasePath));
  return path.join(parsed.dir, `${parsed.name}.key`);
}

/** The next key while a rekey is under way; see openEncryptedDatabase for how it is resolved. */
export function pendingKeyFilePath(keyFile: string): string {
  return `${keyFile}.new`;
}

export function newDatabaseSecrets(phoneHashSecret: Buffer = randomBytes(32)): DatabaseSecrets {
  return { databaseKey: randomBytes(DATABASE_KEY_BYTES), phoneHashSecret };
}

export class KeyFileError extends Error {
  constructor(
    readonly kind: 'unreadable' | 'passphrase-needed' | 'passphrase-wrong' | 'needs-desktop-app' | 'os-store-refused',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'KeyFileError';
  }
}

/** The key file's outer facts, without unlocking it (for `fanout db info` and Settings). */
export function readKeyFileHeader(file: string): KeyFileContent | null {
  if (!existsSync(file)) return null;
  return parseKeyFile(file);
}

export interface UnlockSources {
  /** Asked only when the key file needs a passphrase. */
  passphrase?: () => string | undefined;
  protector?: KeyProtector;
}

export function unlockKeyFile(file: string, sources: UnlockSources): { secrets: DatabaseSecrets; protection: KeyProtection } {
  const content = parseKeyFile(file);
  switch (content.protection) {
    case 'file':
      return { secrets: decodeSecrets(content.secrets), protection: { kind: 'file' } };
    case 'passphrase': {
      const passphrase = sources.passphrase?.();
      if (passphrase === undefined || passphrase === '') {
        throw new KeyFileError('passphrase-needed', `The key of this database (${file}) is protected by a passphrase. Type it when Fanout asks (run the command in a terminal), or set FANOUT_PASSPHRASE.`);
      }
      let plain: Buffer;
      try {
        plain = openWithPassphrase(content, passphrase, SEAL_CONTEXT);
      } catch (cause) {
        throw new KeyFileError('passphrase-wrong', `The passphrase does not unlock ${file}. Type the passphrase you chose for this database (check FANOUT_PASSPHRASE if you set it).`, { cause });
      }
      return { secrets: decodeSecretsJson(plain, file), protection: { kind: 'passphrase', passphrase } };
    }
    case 'os': {
      const protector = sources.protector;
      if (!protector) {
        throw new KeyFileError(
          'needs-desktop-app',
          `The key of this database (${file}) is sealed by the desktop app with the computer's secret store (${content.backend}), which the command line cannot reach. In the desktop app, Settings → Encryption → "Protect with a passphrase", then use that passphrase here.`,
        );
      }
      let plain: Buffer;
      try {
        plain = protector.open(Buffer.from(content.sealed, 'base64'));
      } catch (cause) {
        throw new KeyFileError('os-store-refused', `The computer's secret store (${protector.backend}) could not unseal ${file}; it was sealed with ${content.backend}, perhaps by another user or computer. Log in as the user who set Fanout up, or restore the key file from your backup.`, { cause });
      }
      return { secrets: decodeSecretsJson(plain, file), protection: { kind: 'os', protector } };
    }
  }
}

/** Writes the key file atomically (temporary file, fsync, rename) and readable by this user only. */
export function writeKeyFile(file: string, secrets: DatabaseSecrets, protection: KeyProtection): void {
  const content = sealKeyFile(secrets, protection);
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(content, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    chmodSync(temporary, 0o600);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  syncFolder(path.dirname(file));
}

/** Replaces `file` with `pending` (the last step of a rekey). */
export function promotePendingKeyFile(pending: string, file: string): void {
  renameSync(pending, file);
  syncFolder(path.dirname(file));
}

function sealKeyFile(secrets: DatabaseSecrets, protection: KeyProtection): KeyFileContent {
  const base = { format: FORMAT, version: 1, cipher: DATABASE_CIPHER } as const;
  const encoded = encodeSecrets(secrets);
  switch (protection.kind) {
    case 'file':
      return { ...base, protection: 'file', secrets: encoded };
    case 'passphrase': {
      const box: PassphraseSealed = sealWithPassphrase(Buffer.from(JSON.stringify(encoded)), protection.passphrase, SEAL_CONTEXT);
      return { ...base, protection: 'passphrase', kdf: box.kdf, sealed: box.sealed };
    }
    case 'os':
      return { ...base, protection: 'os', backend: protection.protector.backend, sealed: protection.protector.seal(Buffer.from(JSON.stringify(encoded))).toString('base64') };
  }
}

function parseKeyFile(file: string): KeyFileContent {
  let text: string;
  try {
    tightenPermissions(file);
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new KeyFileError('unreadable', `Cannot read the key file ${file}: ${(cause as Error).message}.`, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new KeyFileError('unreadable', `The key file ${file} is damaged (not JSON). Restore it from your backup.`, { cause });
  }
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success) throw new KeyFileError('unreadable', `The key file ${file} is damaged or from another program. Restore it from your backup.`, { cause: parsed.error });
  return parsed.data;
}

/** A key file others may read (copied around, unpacked from a backup) is made private again. */
function tightenPermissions(file: string): void {
  if (process.platform === 'win32') return;
  const stat = statSync(file);
  if ((stat.mode & 0o077) !== 0 && typeof process.getuid === 'function' && stat.uid === process.getuid()) chmodSync(file, 0o600);
}

function encodeSecrets(secrets: DatabaseSecrets): z.infer<typeof secretsSchema> {
  return { databaseKey: secrets.databaseKey.toString('hex'), phoneHashSecret: secrets.phoneHashSecret.toString('base64url') };
}

function decodeSecrets(encoded: z.infer<typeof secretsSchema>): DatabaseSecrets {
  return { databaseKey: Buffer.from(encoded.databaseKey, 'hex'), phoneHashSecret: Buffer.from(encoded.phoneHashSecret, 'base64url') };
}

function decodeSecretsJson(plain: Buffer, file: string): DatabaseSecrets {
  const parsed = secretsSchema.safeParse(JSON.parse(plain.toString('utf8')));
  if (!parsed.success) throw new KeyFileError('unreadable', `The key file ${file} holds no valid key. Restore it from your backup.`, { cause: parsed.error });
  return decodeSecrets(parsed.data);
}
