// What Settings → Encryption and `fanout db info` show, read from the files without unlocking them.
import { existsSync, statSync } from 'node:fs';
import {
  DATABASE_CIPHER,
  DATABASE_CIPHER_LABEL,
  databaseFileState,
  isUnprotectedBackend,
  keyFilePathFor,
  readKeyFileHeader,
  type DatabaseFileState,
  type KeyProtectionKind,
  type KeyProtector,
} from '../../store/encryption';

export interface EncryptionStatus {
  databasePath: string;
  databaseBytes: number | null;
  state: DatabaseFileState;
  cipher: typeof DATABASE_CIPHER | null;
  cipherLabel: string | null;
  keyFile: string;
  keyFilePresent: boolean;
  /** Whether only this user may read the key file (POSIX mode 0600); null where that is not known (Windows) or there is no file. */
  keyFilePrivate: boolean | null;
  keyStorage: KeyProtectionKind | null;
  /** The OS secret store that seals the key, or that would (desktop app). */
  backend: string | null;
  /** Linux's basic_text: sealed with a key everyone has (see key-protector.ts). */
  backendUnprotected: boolean;
}

export function readEncryptionStatus(databasePath: string, protector?: KeyProtector): EncryptionStatus {
  const keyFile = keyFilePathFor(databasePath);
  const state = databaseFileState(databasePath);
  const header = readKeyFileHeader(keyFile);
  const backend = protector?.backend ?? (header?.protection === 'os' ? header.backend : null);
  const encrypted = state === 'encrypted' || (state !== 'plain' && header !== null);
  return {
    databasePath,
    databaseBytes: existsSync(databasePath) ? statSync(databasePath).size : null,
    state,
    cipher: encrypted ? DATABASE_CIPHER : null,
    cipherLabel: encrypted ? DATABASE_CIPHER_LABEL : null,
    keyFile,
    keyFilePresent: header !== null,
    keyFilePrivate: header === null || process.platform === 'win32' ? null : (statSync(keyFile).mode & 0o077) === 0,
    keyStorage: header?.protection ?? null,
    backend,
    backendUnprotected: backend !== null && isUnprotectedBackend(backend) && header?.protection !== 'passphrase',
  };
}
