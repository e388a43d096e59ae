import { keywordSettingsSchema, replyLanguages, type KeywordSettings } from '../../src-shared/api/methods/keywords';
import { describeValidationIssues, fieldIssuesOf } from '../../src-shared/api';
import { BUILT_IN_KEYWORDS, DEFAULT_ANSWER_TEXTS, languageOfCountry } from '../engine';
import { foldReply } from '../engine/keywords/fold-reply';
import type { Store } from '../store';
import { readAppSettings } from './app-settings';
import type { DomainHandlers } from './handlers';
import { readKeywordSettings, writeKeywordSettings } from './keyword-settings';
import { ServiceError } from './service-error';

type KeywordList = keyof KeywordSettings['extraWords'];
const LISTS: readonly KeywordList[] = ['stop', 'start', 'help'];
const LIST_NAMES: Record<KeywordList, string> = { stop: 'STOP', start: 'START', help: 'HELP' };

function builtInWords(list: KeywordList): { word: string; languages: (typeof replyLanguages)[number][] }[] {
  const words = new Map<string, (typeof replyLanguages)[number][]>();
  for (const language of replyLanguages) {
    for (const word of BUILT_IN_KEYWORDS[list][language]) words.set(word, [...(words.get(word) ?? []), language]);
  }
  return [...words].map(([word, languages]) => ({ word, languages }));
}

/**
 * Keeps one copy of each added word, compared as replies are (folded), and drops words that are
 * built in anyway. A word on two lists is refused: it would be unclear what it does.
 */
function tidyWords(extra: KeywordSettings['extraWords']): KeywordSettings['extraWords'] {
  const owner = new Map<string, KeywordList>();
  for (const list of LISTS) for (const language of replyLanguages) for (const word of BUILT_IN_KEYWORDS[list][language]) owner.set(foldReply(word), list);
  const tidy: KeywordSettings['extraWords'] = { stop: [], start: [], help: [] };
  for (const list of LISTS) {
    for (const word of extra[list]) {
      const key = foldReply(word);
      const taken = owner.get(key);
      if (taken === list) continue;
      if (taken !== undefined) {
        throw new ServiceError('bad-request', `"${word}" is already a ${LIST_NAMES[taken]} word, so it cannot also be a ${LIST_NAMES[list]} word. Remove it from one list.`);
      }
      owner.set(key, list);
      tidy[list].push(word);
    }
  }
  return tidy;
}

export function createKeywordsHandlers(
  store: Store,
  /** Told about every saved change, so the engine answers with the new words and texts at once. */
  onChanged: () => void = () => undefined,
): DomainHandlers<'keywords.get' | 'keywords.update'> {
  return {
    'keywords.get': () => ({
      settings: readKeywordSettings(store.settings),
      builtIn: { stop: builtInWords('stop'), start: builtInWords('start'), help: builtInWords('help') },
      defaultTexts: structuredClone(DEFAULT_ANSWER_TEXTS) as KeywordSettings['texts'],
      fallbackLanguage: languageOfCountry(readAppSettings(store.settings).defaultCountry),
    }),
    'keywords.update': (changes) => {
      const merged: KeywordSettings = { ...readKeywordSettings(store.settings), ...changes };
      const checked = keywordSettingsSchema.safeParse(merged);
      if (!checked.success) {
        const first = checked.error.issues[0]?.message ?? 'These keyword settings cannot be saved.';
        throw new ServiceError('bad-request', first, describeValidationIssues(checked.error, 'keywords'), { issues: fieldIssuesOf(checked.error) });
      }
      const settings = { ...checked.data, extraWords: tidyWords(checked.data.extraWords) };
      writeKeywordSettings(store.settings, settings, Date.now());
      onChanged();
      return { settings: readKeywordSettings(store.settings) };
    },
  };
}
