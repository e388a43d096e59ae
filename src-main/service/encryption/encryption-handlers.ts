// Settings → Encryption: how the data is protected, a passphrase for the key, encrypted backups.
// Stateless over the key file beside the database: it is read again for every call, so Settings
// always shows what is on disk, also after `fanout db rekey` ran beside the app.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseOpenError, type Store } from '../../store';
import { BackupError, reprotectKeyFile, writeEncryptedBackup, type KeyProtector } from '../../store/encryption';
import type { DownloadRegistry } from '../files/download-registry';
import type { DomainHandlers } from '../handlers';
import { ServiceError } from '../service-error';
import { readEncryptionStatus } from './encryption-status';

export interface EncryptionHandlerOptions {
  store: Store;
  dataDir: string;
  downloads: DownloadRegistry;
  /** The desktop app's OS secret store; absent for `serve`. */
  keyProtector?: KeyProtector;
  now?: () => Date;
}

export const BACKUPS_FOLDER = 'backups';

export function createEncryptionHandlers(options: EncryptionHandlerOptions): DomainHandlers<'encryption.status' | 'encryption.protectWithPassphrase' | 'encryption.backup'> {
  const databasePath = path.resolve(options.store.database.path);
  const status = () => readEncryptionStatus(databasePath, options.keyProtector);
  const now = options.now ?? (() => new Date());
  return {
    'encryption.status': () => status(),

    'encryption.protectWithPassphrase': ({ passphrase, currentPassphrase }) => {
      const before = status();
      if (before.state !== 'encrypted' || !before.keyFilePresent) throw new ServiceError('conflict', 'This database is not encrypted with a key file, so there is no key to protect.');
      try {
        reprotectKeyFile(
          before.keyFile,
          { passphrase: () => currentPassphrase, ...(options.keyProtector ? { protector: options.keyProtector } : {}) },
          { kind: 'passphrase', passphrase },
        );
      } catch (error) {
        if (error instanceof DatabaseOpenError && error.kind === 'key-locked') {
          throw new ServiceError('forbidden', before.keyStorage === 'passphrase' ? 'Enter the current passphrase to choose a new one.' : error.message, undefined, { cause: error });
        }
        throw error;
      }
      return status();
    },

    'encryption.backup': () => {
      const folder = path.join(options.dataDir, BACKUPS_FOLDER);
      mkdirSync(folder, { recursive: true });
      const name = `fanout-backup-${stamp(now())}.db`;
      const file = path.join(folder, name);
      try {
        const { bytes } = writeEncryptedBackup(options.store.database.sqlite, file);
        return { path: file, name, bytes, downloadId: options.downloads.register(file, name, 'application/vnd.sqlite3') };
      } catch (error) {
        if (error instanceof BackupError) throw new ServiceError('conflict', error.message, undefined, { cause: error });
        throw error;
      }
    },
  };
}

/** 2026-11-23-093712: sorts by time, and two backups in one second get told apart by the refusal to overwrite. */
function stamp(at: Date): string {
  const iso = at.toISOString();
  return `${iso.slice(0, 10)}-${iso.slice(11, 19).replaceAll(':', '')}`;
}
