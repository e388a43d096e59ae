// What Fanout does with a keyword reply: which keyword it is (keyword-matcher.ts) and what it
// answers, in which language. The engine holds one and swaps it when the user saves settings.
import type { ActingKeyword, KeywordSettings, ReplyLanguage } from '../../../src-shared/api/methods/keywords';
import { DEFAULT_ANSWER_TEXTS } from './built-in-keywords';
import { createKeywordMatcher, type KeywordMatch } from './keyword-matcher';

export interface KeywordAnswer {
  readonly kind: AutoReplyKind;
  readonly text: string;
}

/** As stored in auto_replies.kind. */
export type AutoReplyKind = 'stop-confirmation' | 'start-confirmation' | 'help';

export const AUTO_REPLY_KIND: Readonly<Record<ActingKeyword, AutoReplyKind>> = {
  stop: 'stop-confirmation',
  start: 'start-confirmation',
  help: 'help',
};

export interface KeywordPolicy {
  classify(text: string): KeywordMatch | null;
  /** The automatic answer to a keyword reply, or null when the user turned that answer off. */
  answerTo(match: KeywordMatch): KeywordAnswer | null;
}

export interface KeywordPolicyOptions {
  readonly settings?: Partial<KeywordSettings>;
  /** For a word several languages share (STOP) or one the user added: the default country's language. */
  readonly fallbackLanguage?: ReplyLanguage;
}

export const DEFAULT_KEYWORD_SETTINGS: KeywordSettings = {
  extraWords: { stop: [], start: [], help: [] },
  answers: { stop: true, start: true, help: true },
  texts: structuredClone(DEFAULT_ANSWER_TEXTS) as KeywordSettings['texts'],
};

export function createKeywordPolicy(options: KeywordPolicyOptions = {}): KeywordPolicy {
  const settings: KeywordSettings = { ...DEFAULT_KEYWORD_SETTINGS, ...options.settings };
  const fallback = options.fallbackLanguage ?? 'en';
  const matcher = createKeywordMatcher(settings.extraWords);
  return {
    classify: (text) => matcher.classify(text),
    answerTo(match) {
      if (match.keyword === 'near-miss' || !settings.answers[match.keyword]) return null;
      const language = match.languages.includes(fallback) || match.languages.length === 0 ? fallback : (match.languages[0] ?? fallback);
      return { kind: AUTO_REPLY_KIND[match.keyword], text: settings.texts[language][match.keyword] };
    },
  };
}
