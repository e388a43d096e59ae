// The per-install secret for phone hashes lived in the settings table before the database was
// encrypted (issue 8). It now lives in the key file beside the database (encryption/key-file.ts);
// a database from before carries its value over there, or every stored hash would stop matching.
import type { SettingsRepository } from './repositories/settings';

const LEGACY_SETTING_KEY = 'privacy.phoneHashSecret';

/** The secret an earlier version kept in the database, if this database still holds it. */
export function readLegacyInstallSecret(settings: SettingsRepository): Buffer | undefined {
  const stored = settings.get<unknown>(LEGACY_SETTING_KEY);
  return typeof stored === 'string' && stored.length > 0 ? Buffer.from(stored, 'base64url') : undefined;
}

/** Removes it once the key file holds it (secure_delete overwrites the row's bytes). */
export function forgetLegacyInstallSecret(settings: SettingsRepository): void {
  settings.delete(LEGACY_SETTING_KEY);
}

/** Only for tests that build a database as an earlier version of Fanout left it. */
export function storeLegacyInstallSecret(settings: SettingsRepository, secret: Buffer, now: number): void {
  settings.set(LEGACY_SETTING_KEY, secret.toString('base64url'), now);
}
