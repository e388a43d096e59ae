// The per-install secret for phone hashes. Interim home: the settings table. Issue 8 (encryption
// at rest) moves it beside the database key, outside the file; it must then carry this value
// over, or every stored hash stops matching.
import { randomBytes } from 'node:crypto';
import type { SettingsRepository } from './repositories/settings';

const SETTING_KEY = 'privacy.phoneHashSecret';

export function loadOrCreateInstallSecret(settings: SettingsRepository, now: number): Buffer {
  const stored = settings.get<string>(SETTING_KEY);
  if (typeof stored === 'string' && stored.length > 0) return Buffer.from(stored, 'base64url');
  const secret = randomBytes(32);
  settings.set(SETTING_KEY, secret.toString('base64url'), now);
  return secret;
}
