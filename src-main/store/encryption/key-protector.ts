// The operating system's own secret store, as the desktop app reaches it (Electron's safeStorage:
// Keychain on macOS, DPAPI on Windows, the Secret Service or KWallet on Linux). Injected, so this
// folder knows nothing of Electron and the CLI and `serve` simply have none.

export interface KeyProtector {
  /**
   * Which store seals the key: 'keychain', 'dpapi', or on Linux what Electron's
   * getSelectedStorageBackend() answers ('gnome_libsecret', 'kwallet5', 'basic_text', …).
   */
  readonly backend: string;
  seal(plain: Buffer): Buffer;
  open(sealed: Buffer): Buffer;
}

/**
 * Chromium's 'basic_text' on Linux (no keyring running) encrypts with a key written into
 * Chromium itself: anyone with the file can undo it. The key is then only hidden, not protected.
 */
export function isUnprotectedBackend(backend: string): boolean {
  return backend === 'basic_text';
}
