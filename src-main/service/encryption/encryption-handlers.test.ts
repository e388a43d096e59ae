import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPhoneHasher, createStore, openDatabase, type Store } from '../../store';
import { databaseFileState, unlockKeyFile, type KeyProtector } from '../../store/encryption';
import { DownloadRegistry } from '../files/download-registry';
import { defaultDatabasePath, openAppStore } from '../open-app-store';
import { ServiceError } from '../service-error';
import { createEncryptionHandlers } from './encryption-handlers';

const context = { transport: 'test' } as const;
const MARKER_NAME = 'Hieronymus Quappenschwanz';

/**
 * Works like Chromium's Linux 'basic_text' store: AES with a key built into the program. Electron's
 * safeStorage itself cannot run here (no Electron binary); this is the same interface with a real cipher.
 */
function builtInKeyProtector(): KeyProtector {
  const key = Buffer.alloc(32, 0x5a);
  return {
    backend: 'basic_text',
    seal(plain) {
      const iv = randomBytes(16);
      const cipher = createCipheriv('aes-256-cbc', key, iv);
      return Buffer.concat([iv, cipher.update(plain), cipher.final()]);
    },
    open(sealed) {
      const decipher = createDecipheriv('aes-256-cbc', key, sealed.subarray(0, 16));
      return Buffer.concat([decipher.update(sealed.subarray(16)), decipher.final()]);
    },
  };
}

let dataDir: string;
let store: Store | undefined;
afterEach(() => {
  store?.database.close();
  store = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

function open(options: Parameters<typeof openAppStore>[1] = {}) {
  dataDir ??= mkdtempSync(path.join(tmpdir(), 'fanout-encryption-service-'));
  store = openAppStore(defaultDatabasePath(dataDir), { passphrase: () => undefined, ...options });
  const downloads = new DownloadRegistry();
  const handlers = createEncryptionHandlers({ store, dataDir, downloads, ...(options.keyProtector ? { keyProtector: options.keyProtector } : {}), now: () => new Date('2026-11-23T09:37:12Z') });
  return { store, handlers, downloads };
}

describe('encryption handlers', () => {
  it('show the cipher and the key file, and write a backup that is encrypted, opens with the key and holds no name in its bytes', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'fanout-encryption-service-'));
    const { store, handlers, downloads } = open();
    store.contacts.create({ phoneE164: '+4917012341234', name: MARKER_NAME }, Date.now());

    expect(await handlers['encryption.status']({}, context)).toMatchObject({
      state: 'encrypted',
      cipher: 'chacha20',
      keyFile: path.join(dataDir, 'fanout.key'),
      keyFilePresent: true,
      keyFilePrivate: true,
      keyStorage: 'file',
      backend: null,
      backendUnprotected: false,
    });

    const backup = await handlers['encryption.backup']({}, context);
    expect(backup).toMatchObject({ name: 'fanout-backup-2026-11-23-093712.db', path: path.join(dataDir, 'backups', 'fanout-backup-2026-11-23-093712.db') });
    expect(downloads.get(backup.downloadId)).toMatchObject({ path: backup.path, name: backup.name });
    expect(databaseFileState(backup.path)).toBe('encrypted');
    expect(readFileSync(backup.path).includes(Buffer.from(MARKER_NAME))).toBe(false);
    const { secrets } = unlockKeyFile(path.join(dataDir, 'fanout.key'), {});
    const restored = openDatabase({ path: backup.path, key: secrets.databaseKey });
    try {
      expect(createStore(restored, { phoneHasher: createPhoneHasher(secrets.phoneHashSecret) }).contacts.getByPhone('+4917012341234')?.name).toBe(MARKER_NAME);
    } finally {
      restored.close();
    }
    // The same second again: refused, never overwritten.
    await expect(Promise.resolve().then(() => handlers['encryption.backup']({}, context))).rejects.toThrow(/already exists/);
  });

  it('protect the key with a passphrase, which the next start then needs; changing it needs the current one', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'fanout-encryption-service-'));
    const first = open();
    first.store.contacts.create({ phoneE164: '+4917012341234', name: MARKER_NAME }, Date.now());
    expect(await first.handlers['encryption.protectWithPassphrase']({ passphrase: 'Kartoffelsuppe mit Speck' }, context)).toMatchObject({ keyStorage: 'passphrase' });
    first.store.database.close();

    expect(() => open()).toThrow(/protected by a passphrase/);
    const second = open({ passphrase: () => 'Kartoffelsuppe mit Speck' });
    expect(second.store.contacts.getByPhone('+4917012341234')?.name).toBe(MARKER_NAME);
    const refused = await Promise.resolve()
      .then(() => second.handlers['encryption.protectWithPassphrase']({ passphrase: 'Linsensuppe ohne Speck', currentPassphrase: 'falsch' }, context))
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ServiceError);
    expect(refused).toMatchObject({ code: 'forbidden', message: 'Enter the current passphrase to choose a new one.' });
    await second.handlers['encryption.protectWithPassphrase']({ passphrase: 'Linsensuppe ohne Speck', currentPassphrase: 'Kartoffelsuppe mit Speck' }, context);
    second.store.database.close();
    expect(open({ passphrase: () => 'Linsensuppe ohne Speck' }).store.contacts.getByPhone('+4917012341234')?.name).toBe(MARKER_NAME);
  });

  it("say so when the desktop app's secret store is Linux's basic_text, until a passphrase protects the key", async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'fanout-encryption-service-'));
    const protector = builtInKeyProtector();
    const { handlers } = open({ keyProtector: protector });
    const keyFileText = readFileSync(path.join(dataDir, 'fanout.key'), 'utf8');
    expect(JSON.parse(keyFileText)).toMatchObject({ protection: 'os', backend: 'basic_text' });
    expect(keyFileText).not.toMatch(/databaseKey/);
    expect(await handlers['encryption.status']({}, context)).toMatchObject({ keyStorage: 'os', backend: 'basic_text', backendUnprotected: true });
    expect(await handlers['encryption.protectWithPassphrase']({ passphrase: 'Rote Grütze mit Sahne' }, context)).toMatchObject({ keyStorage: 'passphrase', backendUnprotected: false });
  });
});
