// `fanout db info | rekey | backup`: the encrypted database's key and backups from the terminal.
// The CLI acts as the local administrator (whoever holds the file and its key has the data
// anyway); rekey and backup are written to the audit log as such.
import path from 'node:path';
import type { Command } from 'commander';
import { openAppDatabase, storeOver } from '../../service/open-app-store';
import { readEncryptionStatus, type EncryptionStatus } from '../../service/encryption/encryption-status';
import { PASSPHRASE_VARIABLE, promptHidden } from '../../service/encryption/passphrase-source';
import { CLI_ACTOR, DatabaseOpenError } from '../../store';
import { BackupError, rekeyEncryptedDatabase, writeEncryptedBackup, type EncryptedDatabase, type KeyProtection } from '../../store/encryption';
import { CliError } from '../cli-error';
import { databaseOption } from '../database-option';

export const NEW_PASSPHRASE_VARIABLE = 'FANOUT_NEW_PASSPHRASE';

interface InfoOptions {
  db: string;
  json: boolean;
}

interface RekeyOptions {
  db: string;
  /** true: protect the new key with a new passphrase; false: a plain key file; undefined: as before. */
  passphrase?: boolean;
}

export function registerDbCommand(program: Command): void {
  const db = program.command('db').description("The database's encryption: key, passphrase and encrypted backups.");
  db.command('info')
    .description('Show how the database is encrypted and where its key is kept (nothing is unlocked).')
    .addOption(databaseOption())
    .option('--json', 'print one JSON object', false)
    .action((options: InfoOptions) => {
      const status = readEncryptionStatus(path.resolve(options.db));
      console.log(options.json ? JSON.stringify(status) : describeStatus(status));
    });
  db.command('rekey')
    .description('Re-encrypt the database with a new random key (close the app and `fanout serve` first).')
    .addOption(databaseOption())
    .option('--passphrase', `protect the new key with a passphrase (asked for, or from ${NEW_PASSPHRASE_VARIABLE})`)
    .option('--no-passphrase', 'keep the new key in the key file without a passphrase')
    .action((options: RekeyOptions) => {
      runRekey(options);
    });
  db.command('backup')
    .description('Write an encrypted copy of the database (same key) to FILE.')
    .argument('<file>', 'the new backup file')
    .addOption(databaseOption())
    .action((file: string, options: { db: string }) => {
      runBackup(path.resolve(file), options.db);
    });
}

function runRekey(options: RekeyOptions): void {
  const opened = openForCli(options.db);
  try {
    const protection = nextProtection(opened, options.passphrase);
    let rekeyed: EncryptedDatabase;
    try {
      rekeyed = rekeyEncryptedDatabase(opened, protection);
    } catch (error) {
      if (error instanceof DatabaseOpenError) throw new CliError(error.message);
      throw error;
    }
    storeOver(rekeyed).audit.append({ actor: CLI_ACTOR, action: 'db.rekey', details: { keyStorage: protection.kind } });
    console.log(`The database ${opened.database.path} is now encrypted with a new key, kept in ${rekeyed.keyFile}${protection.kind === 'passphrase' ? ' and protected by your passphrase' : ''}.`);
    console.log('The old key no longer opens it: replace the key file in your backups with the new one.');
  } finally {
    opened.database.close();
  }
}

function nextProtection(opened: EncryptedDatabase, wantPassphrase: boolean | undefined): KeyProtection {
  if (wantPassphrase === false) return { kind: 'file' };
  if (wantPassphrase === true) return { kind: 'passphrase', passphrase: newPassphrase() };
  if (opened.protection.kind === 'os') {
    throw new CliError('The key is sealed by the desktop app; rekey it there, or choose --passphrase or --no-passphrase here.');
  }
  return opened.protection;
}

function newPassphrase(): string {
  const fromEnvironment = process.env[NEW_PASSPHRASE_VARIABLE];
  if (fromEnvironment !== undefined && fromEnvironment !== '') return checkedPassphrase(fromEnvironment);
  if (!process.stdin.isTTY || !process.stderr.isTTY) {
    throw new CliError(`Set ${NEW_PASSPHRASE_VARIABLE} to the new passphrase, or run the command in a terminal to type it.`);
  }
  const first = checkedPassphrase(promptHidden('New passphrase: '));
  if (promptHidden('The same passphrase again: ') !== first) throw new CliError('The two passphrases differ. Nothing was changed.');
  return first;
}

function checkedPassphrase(passphrase: string): string {
  if ([...passphrase].length < 8) throw new CliError('Choose a passphrase of at least 8 characters; several words are easiest to remember.');
  return passphrase;
}

function runBackup(file: string, dbPath: string): void {
  const opened = openForCli(dbPath);
  try {
    const { bytes } = writeEncryptedBackup(opened.database.sqlite, file, opened.secrets.databaseKey);
    storeOver(opened).audit.append({ actor: CLI_ACTOR, action: 'db.backup', details: { file: path.basename(file), bytes } });
    console.log(`Wrote an encrypted backup to ${file} (${formatBytes(bytes)}).`);
    console.log(`It opens with the key in ${opened.keyFile}: keep a copy of that file apart from the backup. To restore, put the backup back as ${path.basename(opened.database.path)} beside that key file.`);
  } catch (error) {
    if (error instanceof BackupError) throw new CliError(error.message);
    throw error;
  } finally {
    opened.database.close();
  }
}

function openForCli(dbPath: string): EncryptedDatabase {
  try {
    return openAppDatabase(dbPath);
  } catch (error) {
    if (error instanceof DatabaseOpenError) throw new CliError(error.message);
    throw error;
  }
}

function describeStatus(status: EncryptionStatus): string {
  const lines = [`Database:    ${status.databasePath}${status.databaseBytes === null ? ' (does not exist yet)' : ` (${formatBytes(status.databaseBytes)})`}`];
  if (status.state === 'plain') lines.push('Encrypted:   no — an earlier version wrote it; Fanout encrypts it the next time it opens it');
  else if (status.cipherLabel) lines.push(`Encrypted:   yes, ${status.cipherLabel}`);
  else lines.push('Encrypted:   a new database will be, when Fanout first opens it');
  lines.push(`Key file:    ${status.keyFile}${status.keyFilePresent ? (status.keyFilePrivate === false ? ' (readable by others: Fanout makes it private when it next reads it)' : '') : ' (missing)'}`);
  const storage: Record<NonNullable<EncryptionStatus['keyStorage']>, string> = {
    file: 'in the key file, readable by you only (no passphrase)',
    passphrase: `in the key file, locked with a passphrase (asked for, or ${PASSPHRASE_VARIABLE})`,
    os: `in the key file, sealed by the desktop app with the computer's secret store (${status.backend ?? 'unknown'})`,
  };
  if (status.keyStorage) lines.push(`Key kept:    ${storage[status.keyStorage]}`);
  if (status.backendUnprotected) lines.push("Warning:     'basic_text' means no keyring was running: the seal does not protect the key. Protect it with a passphrase.");
  return lines.join('\n');
}

function formatBytes(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1e3))} kB`;
}
