import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { storeLegacyInstallSecret } from '../install-secret';
import { DatabaseOpenError, openDatabase } from '../open-database';
import { createPhoneHasher } from '../phone-hash';
import { createSettingsRepository } from '../repositories/settings';
import { createStore, type Store } from '../store';
import { backupInto, databaseFileState } from './database-cipher';
import { keyFilePathFor, pendingKeyFilePath, readKeyFileHeader, writeKeyFile } from './key-file';
import { openEncryptedDatabase, rekeyEncryptedDatabase, reprotectKeyFile, type EncryptedDatabase } from './open-encrypted-database';

// Markers only this test writes: if they show up in a file's bytes, that file holds cleartext.
const MARKER_NAME = 'Quirinella Zwetschkenbaum';
const MARKER_PHONE = '+4917098765432';
const MARKER_DIGITS = '17098765432';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));
function freshFolder(): string {
  dir = mkdtempSync(path.join(tmpdir(), 'fanout-encryption-'));
  return path.join(dir, 'fanout.db');
}

const storeOf = (opened: EncryptedDatabase): Store => createStore(opened.database, { phoneHasher: createPhoneHasher(opened.secrets.phoneHashSecret) });
const bytesOf = (file: string): Buffer => (existsSync(file) ? readFileSync(file) : Buffer.alloc(0));
const holdsMarkers = (file: string): boolean => {
  const bytes = bytesOf(file);
  return [MARKER_NAME, MARKER_DIGITS].some((marker) => bytes.includes(Buffer.from(marker, 'utf8')) || bytes.includes(Buffer.from(marker, 'utf16le')));
};

function addMarkers(store: Store): void {
  store.contacts.create({ phoneE164: MARKER_PHONE, name: MARKER_NAME, fields: { Stadt: MARKER_NAME } }, Date.now());
  store.suppressions.add({ phoneE164: '+4917011112222', reason: MARKER_NAME, source: 'manual' }, Date.now());
}

function expectOpenError(open: () => unknown, kind: DatabaseOpenError['kind'], message: RegExp): void {
  let caught: unknown;
  try {
    open();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DatabaseOpenError);
  expect((caught as DatabaseOpenError).kind).toBe(kind);
  expect((caught as Error).message).toMatch(message);
}

describe('a database opened by Fanout', () => {
  it('is encrypted from the start: names and numbers are not in the file, its WAL or a backup — but are in a plain control', () => {
    const file = freshFolder();
    const opened = openEncryptedDatabase({ path: file });
    const store = storeOf(opened);
    addMarkers(store);
    const backup = path.join(dir, 'backup.db');
    backupInto(opened.database.sqlite, backup);
    // Read while the connection is open: the WAL still holds the latest pages.
    expect(bytesOf(`${file}-wal`).length).toBeGreaterThan(0);
    for (const written of [file, `${file}-wal`, backup]) expect(holdsMarkers(written), written).toBe(false);
    expect(databaseFileState(file)).toBe('encrypted');
    expect(databaseFileState(backup)).toBe('encrypted');
    opened.database.close();

    const control = path.join(dir, 'control.db');
    const plain = openDatabase({ path: control });
    addMarkers(createStore(plain, { phoneHasher: createPhoneHasher(randomBytes(32)) }));
    expect(holdsMarkers(control) || holdsMarkers(`${control}-wal`)).toBe(true);
    plain.close();
  });

  it('keeps its key in a key file only this user may read, and opens again with it', () => {
    const file = freshFolder();
    const first = openEncryptedDatabase({ path: file });
    addMarkers(storeOf(first));
    first.database.close();

    const keyFile = keyFilePathFor(file);
    expect(keyFile).toBe(path.join(dir, 'fanout.key'));
    if (process.platform !== 'win32') expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readKeyFileHeader(keyFile)).toMatchObject({ version: 1, cipher: 'chacha20', protection: 'file' });

    const again = openEncryptedDatabase({ path: file });
    try {
      expect(storeOf(again).contacts.getByPhone(MARKER_PHONE)?.name).toBe(MARKER_NAME);
      expect(again.secrets.databaseKey.equals(first.secrets.databaseKey)).toBe(true);
    } finally {
      again.database.close();
    }
  });

  it('says clearly what to do when the key file is missing or belongs to another database', () => {
    const file = freshFolder();
    openEncryptedDatabase({ path: file }).database.close();
    const keyFile = keyFilePathFor(file);

    renameSync(keyFile, `${keyFile}.away`);
    expectOpenError(() => openEncryptedDatabase({ path: file }), 'key-missing', /key file .*fanout\.key is missing\. Put the key file back from your backup/);
    expect(existsSync(keyFile)).toBe(false);

    writeKeyFile(keyFile, { databaseKey: randomBytes(32), phoneHashSecret: randomBytes(32) }, { kind: 'file' });
    expectOpenError(() => openEncryptedDatabase({ path: file }), 'key-wrong', /does not open the database .* Restore the key file that was saved together with this database/);

    renameSync(`${keyFile}.away`, keyFile);
    openEncryptedDatabase({ path: file }).database.close();
  });

  it('unlocks a passphrase-protected key only with the right passphrase', () => {
    const file = freshFolder();
    const first = openEncryptedDatabase({ path: file });
    addMarkers(storeOf(first));
    first.database.close();
    const keyFile = keyFilePathFor(file);
    reprotectKeyFile(keyFile, {}, { kind: 'passphrase', passphrase: 'Grüne Tomaten im Juli' });
    expect(readKeyFileHeader(keyFile)).toMatchObject({ protection: 'passphrase', kdf: { name: 'scrypt' } });
    expect(readFileSync(keyFile, 'utf8')).not.toContain(first.secrets.databaseKey.toString('hex'));

    expectOpenError(() => openEncryptedDatabase({ path: file, passphrase: () => undefined }), 'key-locked', /protected by a passphrase\. Type it .* or set FANOUT_PASSPHRASE/);
    expectOpenError(() => openEncryptedDatabase({ path: file, passphrase: () => 'Grüne Tomaten im Juni' }), 'key-locked', /passphrase does not unlock/);
    // Typed with decomposed umlauts (as a Mac may send them): the same passphrase.
    const opened = openEncryptedDatabase({ path: file, passphrase: () => 'Grüne Tomaten im Juli'.normalize('NFD') });
    try {
      expect(storeOf(opened).contacts.getByPhone(MARKER_PHONE)?.name).toBe(MARKER_NAME);
      expect(opened.protection).toEqual({ kind: 'passphrase', passphrase: 'Grüne Tomaten im Juli'.normalize('NFD') });
    } finally {
      opened.database.close();
    }
  });

  it('rekeys: the data stays, the old key no longer opens the file, and the new key file replaces the old one', () => {
    const file = freshFolder();
    const opened = openEncryptedDatabase({ path: file });
    const store = storeOf(opened);
    addMarkers(store);
    const hashBefore = store.suppressions.phoneHashOf('+4917011112222');
    const oldKey = opened.secrets.databaseKey;

    const rekeyed = rekeyEncryptedDatabase(opened, { kind: 'file' });
    expect(rekeyed.secrets.databaseKey.equals(oldKey)).toBe(false);
    expect(existsSync(pendingKeyFilePath(rekeyed.keyFile))).toBe(false);
    expect(opened.database.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.contacts.getByPhone(MARKER_PHONE)?.name).toBe(MARKER_NAME);
    opened.database.close();

    expectOpenError(() => openDatabase({ path: file, key: oldKey }), 'not-a-database', /key is wrong/);
    const again = openEncryptedDatabase({ path: file });
    try {
      const reopened = storeOf(again);
      expect(reopened.contacts.getByPhone(MARKER_PHONE)?.name).toBe(MARKER_NAME);
      expect(reopened.suppressions.phoneHashOf('+4917011112222')).toBe(hashBefore);
      expect(again.secrets.databaseKey.equals(rekeyed.secrets.databaseKey)).toBe(true);
    } finally {
      again.database.close();
    }
    expect(holdsMarkers(file)).toBe(false);
  });

  it('finishes a rekey that stopped after re-encrypting, before the key file was replaced', () => {
    const file = freshFolder();
    const opened = openEncryptedDatabase({ path: file });
    addMarkers(storeOf(opened));
    const keyFile = opened.keyFile;
    const oldKeyFile = readFileSync(keyFile);
    rekeyEncryptedDatabase(opened, { kind: 'file' });
    opened.database.close();
    // As if the process died just before the rename: old key file in place, new one pending.
    renameSync(keyFile, pendingKeyFilePath(keyFile));
    writeKeyFile(keyFile, { databaseKey: Buffer.from(JSON.parse(oldKeyFile.toString()).secrets.databaseKey, 'hex'), phoneHashSecret: opened.secrets.phoneHashSecret }, { kind: 'file' });

    const again = openEncryptedDatabase({ path: file });
    try {
      expect(storeOf(again).contacts.getByPhone(MARKER_PHONE)?.name).toBe(MARKER_NAME);
      expect(existsSync(pendingKeyFilePath(keyFile))).toBe(false);
    } finally {
      again.database.close();
    }
    openEncryptedDatabase({ path: file }).database.close();
  });

  it('encrypts a plain database from an earlier version in place, carrying the phone-hash secret over so hashes still match', () => {
    const file = freshFolder();
    const legacySecret = randomBytes(32);
    // As Fanout before issue 8 left it: plain file, secret in the settings table.
    const plain = openDatabase({ path: file });
    storeLegacyInstallSecret(createSettingsRepository(plain), legacySecret, Date.now());
    const before = createStore(plain, { phoneHasher: createPhoneHasher(legacySecret) });
    addMarkers(before);
    before.contacts.create({ phoneE164: '+4917055556666', name: 'Erika Gelöscht' }, Date.now());
    before.erasure.erasePerson('+4917055556666', { reason: 'request', now: Date.now() });
    const erasedHash = before.suppressions.phoneHashOf('+4917055556666');
    plain.close();
    expect(databaseFileState(file)).toBe('plain');
    expect(holdsMarkers(file)).toBe(true);

    const opened = openEncryptedDatabase({ path: file });
    expect(opened.encryptedNow).toBe(true);
    expect(opened.secrets.phoneHashSecret.equals(legacySecret)).toBe(true);
    const store = storeOf(opened);
    try {
      expect(store.contacts.getByPhone(MARKER_PHONE)?.name).toBe(MARKER_NAME);
      expect(store.suppressions.isSuppressed('+4917011112222')).toBe(true);
      expect(store.suppressions.isHashSuppressed(erasedHash)).toBe(true);
      expect(store.suppressions.phoneHashOf('+4917055556666')).toBe(erasedHash);
      expect(store.settings.get('privacy.phoneHashSecret')).toBeUndefined();
      expect(opened.database.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      opened.database.close();
    }
    expect(databaseFileState(file)).toBe('encrypted');
    expect(holdsMarkers(file)).toBe(false);
    expect(holdsMarkers(`${file}-wal`)).toBe(false);

    const again = openEncryptedDatabase({ path: file });
    try {
      expect(again.encryptedNow).toBe(false);
      expect(storeOf(again).suppressions.isHashSuppressed(erasedHash)).toBe(true);
    } finally {
      again.database.close();
    }
  });

  it('refuses to encrypt a plain database another connection holds, leaving it readable', () => {
    const file = freshFolder();
    const other = openDatabase({ path: file });
    try {
      expectOpenError(() => openEncryptedDatabase({ path: file }), 'in-use', /open in another program/);
      expect(other.sqlite.prepare('SELECT count(*) AS n FROM settings').get()).toEqual({ n: 0 });
    } finally {
      other.close();
    }
    expect(databaseFileState(file)).toBe('plain');
    openEncryptedDatabase({ path: file }).database.close();
    expect(databaseFileState(file)).toBe('encrypted');
  });

  it('opens a backup with the same key, and the backup alone with another key not at all', () => {
    const file = freshFolder();
    const opened = openEncryptedDatabase({ path: file });
    addMarkers(storeOf(opened));
    const backup = path.join(dir, 'backup.db');
    backupInto(opened.database.sqlite, backup);
    opened.database.close();

    const restored = openDatabase({ path: backup, key: opened.secrets.databaseKey });
    try {
      expect(createStore(restored, { phoneHasher: createPhoneHasher(opened.secrets.phoneHashSecret) }).contacts.getByPhone(MARKER_PHONE)?.name).toBe(MARKER_NAME);
    } finally {
      restored.close();
    }
    expectOpenError(() => openDatabase({ path: backup, key: randomBytes(32) }), 'not-a-database', /key is wrong/);
  });
});
