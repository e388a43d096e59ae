// The database key file sealed with Electron's safeStorage: Keychain on macOS, DPAPI on Windows,
// the Secret Service or KWallet on Linux. Only usable after app 'ready'. The store layer gets it
// as a KeyProtector and never imports Electron.
import type { SafeStorage } from 'electron';
import type { KeyProtector } from '../store/encryption';

export class KeyProtectorUnavailableError extends Error {
  constructor() {
    super("This computer's secret store cannot be used by Fanout (Electron safeStorage reports no encryption available).");
    this.name = 'KeyProtectorUnavailableError';
  }
}

/** Undefined when the OS store is unavailable: the key file then stays as `serve` keeps it (0600), and Settings says so. */
export function createSafeStorageKeyProtector(safeStorage: SafeStorage, platform: NodeJS.Platform): KeyProtector | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  return {
    backend: backendName(safeStorage, platform),
    // safeStorage works on strings; base64 keeps the bytes exact.
    seal: (plain) => safeStorage.encryptString(plain.toString('base64')),
    open: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
  };
}

function backendName(safeStorage: SafeStorage, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'keychain';
  if (platform === 'win32') return 'dpapi';
  // 'basic_text' when no keyring runs: a key built into Chromium (see isUnprotectedBackend).
  return safeStorage.getSelectedStorageBackend();
}
