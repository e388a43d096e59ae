// Encryption at rest (issue 8): the cipher, the key file, and opening the database with them.
export { DATABASE_CIPHER, DATABASE_CIPHER_LABEL, DATABASE_KEY_BYTES, backupInto, databaseFileState, type DatabaseFileState } from './database-cipher';
export { isUnprotectedBackend, type KeyProtector } from './key-protector';
export {
  keyFilePathFor,
  readKeyFileHeader,
  unlockKeyFile,
  writeKeyFile,
  KeyFileError,
  type DatabaseSecrets,
  type KeyProtection,
  type KeyProtectionKind,
  type KeyFileContent,
  type UnlockSources,
} from './key-file';
export { openEncryptedDatabase, rekeyEncryptedDatabase, reprotectKeyFile, type EncryptedDatabase, type OpenEncryptedDatabaseOptions } from './open-encrypted-database';
export { writeEncryptedBackup, BackupError } from './encrypted-backup';
