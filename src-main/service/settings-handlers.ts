import { getCountries, getCountryCallingCode } from 'libphonenumber-js/min';
import { appSettingsSchema, type AppSettings } from '../../src-shared/api/methods/settings';
import { describeValidationIssues, fieldIssuesOf } from '../../src-shared/api';
import { isSupportedCountry } from '../contacts';
import { DEFAULT_STOP_WORDS } from '../engine/stop-words';
import type { Store } from '../store';
import { readAppSettings, writeAppSettings } from './app-settings';
import type { DomainHandlers } from './handlers';
import { ServiceError } from './service-error';

const countries = getCountries().map((code) => ({ code, callingCode: getCountryCallingCode(code) }));

/** Keeps one copy of each word, compared as the engine compares replies (case folded). */
function distinctWords(words: readonly string[]): string[] {
  const seen = new Set(DEFAULT_STOP_WORDS.map((word) => word.toLocaleLowerCase('und')));
  const kept: string[] = [];
  for (const word of words) {
    const key = word.normalize('NFKC').toLocaleLowerCase('und');
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(word);
  }
  return kept;
}

export function createSettingsHandlers(
  store: Store,
  /** Told about every saved change, so running parts (the engine's STOP words) follow at once. */
  onChanged: (settings: AppSettings) => void = () => undefined,
): DomainHandlers<'settings.get' | 'settings.update'> {
  return {
    'settings.get': () => ({
      settings: readAppSettings(store.settings),
      builtInStopKeywords: [...DEFAULT_STOP_WORDS],
      countries,
    }),
    'settings.update': (changes) => {
      if (changes.defaultCountry !== undefined && !isSupportedCountry(changes.defaultCountry)) {
        throw new ServiceError(
          'bad-request',
          `Fanout does not know the country code "${changes.defaultCountry}". Choose a country from the list.`,
        );
      }
      const merged: AppSettings = { ...readAppSettings(store.settings), ...changes };
      if (changes.stopKeywords) merged.stopKeywords = distinctWords(changes.stopKeywords);
      const checked = appSettingsSchema.safeParse(merged);
      if (!checked.success) {
        const first = checked.error.issues[0]?.message ?? 'These settings cannot be saved.';
        throw new ServiceError('bad-request', first, describeValidationIssues(checked.error, 'settings'), { issues: fieldIssuesOf(checked.error) });
      }
      const saved: Partial<AppSettings> = {};
      for (const key of Object.keys(changes) as (keyof AppSettings)[])
        Object.assign(saved, { [key]: checked.data[key] });
      writeAppSettings(store.settings, saved, Date.now());
      const settings = readAppSettings(store.settings);
      onChanged(settings);
      return { settings };
    },
  };
}
