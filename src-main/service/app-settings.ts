// The user's settings, kept in the settings table one key per value so other parts of Fanout
// (the engine's STOP words and quiet hours, the retention job) can read the one they need.
import { appSettingsSchema, type AppSettings } from '../../src-shared/api/methods/settings';
import type { SettingsRepository } from '../store';

export const appSettingKeys = {
  defaultCountry: 'sending.defaultCountry',
  quietHours: 'sending.quietHours',
  marketingQuietHours: 'sending.marketingQuietHours',
  optOutHints: 'sending.optOutHints',
  stopKeywords: 'sending.extraStopKeywords',
  pricePerPart: 'billing.pricePerPart',
  currency: 'billing.currency',
  retentionDays: 'privacy.retentionDays',
} as const satisfies Record<keyof AppSettings, string>;

export const defaultAppSettings: AppSettings = {
  defaultCountry: 'DE',
  quietHours: { enabled: false, start: '21:00', end: '08:00' },
  marketingQuietHours: { enabled: true, start: '21:00', end: '08:00' },
  optOutHints: [],
  stopKeywords: [],
  pricePerPart: 0.09,
  currency: 'EUR',
  retentionDays: null,
};

/** Stored values that no longer pass the contract (an older version, a hand edit) fall back to the default. */
export function readAppSettings(repository: SettingsRepository): AppSettings {
  const settings = { ...defaultAppSettings };
  for (const key of Object.keys(appSettingKeys) as (keyof AppSettings)[]) {
    const stored = repository.get<unknown>(appSettingKeys[key]);
    if (stored === undefined) continue;
    const candidate = { ...settings, [key]: stored };
    if (appSettingsSchema.safeParse(candidate).success) Object.assign(settings, { [key]: stored });
  }
  return settings;
}

export function writeAppSettings(
  repository: SettingsRepository,
  changes: Partial<AppSettings>,
  now: number,
): void {
  for (const key of Object.keys(changes) as (keyof AppSettings)[]) {
    if (changes[key] !== undefined) repository.set(appSettingKeys[key], changes[key], now);
  }
}
