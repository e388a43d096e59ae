// The keyword settings in the settings table. The added STOP words keep the key they always had
// (AppSettings.stopKeywords reads the same one), the rest is one value of its own.
import { keywordSettingsSchema, replyLanguages, type KeywordSettings } from '../../src-shared/api/methods/keywords';
import { createKeywordPolicy, DEFAULT_KEYWORD_SETTINGS, languageOfCountry, type KeywordPolicy } from '../engine';
import type { SettingsRepository } from '../store';
import { appSettingKeys, readAppSettings } from './app-settings';

const KEYWORDS_KEY = 'keywords.settings';

type StoredKeywordSettings = Omit<KeywordSettings, 'extraWords'> & { extraWords: Omit<KeywordSettings['extraWords'], 'stop'> };

/** Each part that no longer passes the contract (an older version, a hand edit) falls back to its default. */
export function readKeywordSettings(repository: SettingsRepository): KeywordSettings {
  const stored = repository.get<Partial<StoredKeywordSettings>>(KEYWORDS_KEY) ?? {};
  const defaults = DEFAULT_KEYWORD_SETTINGS;
  const candidate: KeywordSettings = {
    extraWords: {
      stop: repository.get<string[]>(appSettingKeys.stopKeywords) ?? [],
      start: stored.extraWords?.start ?? [],
      help: stored.extraWords?.help ?? [],
    },
    answers: { ...defaults.answers, ...stored.answers },
    texts: Object.fromEntries(replyLanguages.map((language) => [language, { ...defaults.texts[language], ...stored.texts?.[language] }])) as KeywordSettings['texts'],
  };
  const shape = keywordSettingsSchema.shape;
  return {
    extraWords: {
      stop: shape.extraWords.shape.stop.safeParse(candidate.extraWords.stop).data ?? [],
      start: shape.extraWords.shape.start.safeParse(candidate.extraWords.start).data ?? [],
      help: shape.extraWords.shape.help.safeParse(candidate.extraWords.help).data ?? [],
    },
    answers: shape.answers.safeParse(candidate.answers).data ?? defaults.answers,
    texts: Object.fromEntries(
      replyLanguages.map((language) => [language, shape.texts.shape[language].safeParse(candidate.texts[language]).data ?? defaults.texts[language]]),
    ) as KeywordSettings['texts'],
  };
}

export function writeKeywordSettings(repository: SettingsRepository, settings: KeywordSettings, now: number): void {
  const { stop, ...otherWords } = settings.extraWords;
  repository.set(appSettingKeys.stopKeywords, stop, now);
  const stored: StoredKeywordSettings = { extraWords: otherWords, answers: settings.answers, texts: settings.texts };
  repository.set(KEYWORDS_KEY, stored, now);
}

/** The policy the engine applies, from the saved settings and the default country's language. */
export function keywordPolicyFromSettings(repository: SettingsRepository): KeywordPolicy {
  return createKeywordPolicy({
    settings: readKeywordSettings(repository),
    fallbackLanguage: languageOfCountry(readAppSettings(repository).defaultCountry),
  });
}
