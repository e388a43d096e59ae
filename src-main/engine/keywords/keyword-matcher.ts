// Decides what a reply is: exactly a STOP, START or HELP word (acts at once), a near miss of a
// STOP word ("stop please", "Stopp!!", "bitte abmelden": flagged for a person, never acted on
// silently, issue 8), or an ordinary reply.
import type { ActingKeyword, ReplyLanguage } from '../../../src-shared/api/methods/keywords';
import { BUILT_IN_KEYWORDS, EVERYDAY_STOP_WORDS } from './built-in-keywords';
import { foldReply, isUnspacedScript, withoutAutomaticFullStop, wordsOnly } from './fold-reply';

export type KeywordMatch =
  | { readonly keyword: ActingKeyword; readonly word: string; /** Empty for a word the user added. */ readonly languages: readonly ReplyLanguage[] }
  | { readonly keyword: 'near-miss'; readonly word: string };

export interface KeywordMatcher {
  /** Null for an ordinary reply. */
  classify(text: string): KeywordMatch | null;
}

export type ExtraKeywords = Partial<Record<ActingKeyword, readonly string[]>>;

interface KnownWord {
  readonly keyword: ActingKeyword;
  readonly word: string;
  readonly languages: ReplyLanguage[];
}

/** STOP first: a word on two lists must never keep someone subscribed who asked to stop. */
const PRECEDENCE: readonly ActingKeyword[] = ['stop', 'start', 'help'];

/** Shorter words are too easily another word with one letter changed ("stop" → "shop" is still flagged; "end" → "and" is not). */
const TYPO_MIN_LENGTH = 4;

export function createKeywordMatcher(extra: ExtraKeywords = {}): KeywordMatcher {
  const known = new Map<string, KnownWord>();
  const add = (keyword: ActingKeyword, word: string, language: ReplyLanguage | null) => {
    const folded = foldReply(word);
    if (folded === '') return;
    const existing = known.get(folded);
    if (existing && PRECEDENCE.indexOf(existing.keyword) < PRECEDENCE.indexOf(keyword)) return;
    const entry = existing?.keyword === keyword ? existing : { keyword, word, languages: [] };
    if (language !== null && !entry.languages.includes(language)) entry.languages.push(language);
    known.set(folded, entry);
  };
  for (const keyword of PRECEDENCE) {
    for (const [language, words] of Object.entries(BUILT_IN_KEYWORDS[keyword]) as [ReplyLanguage, readonly string[]][]) {
      for (const word of words) add(keyword, word, language);
    }
    for (const word of extra[keyword] ?? []) add(keyword, word, null);
  }
  const everyday = new Set([...EVERYDAY_STOP_WORDS].map(foldReply));
  const stopWords = [...known].filter(([, entry]) => entry.keyword === 'stop').map(([folded]) => folded);
  // Inside a longer reply only the unambiguous STOP words count (see EVERYDAY_STOP_WORDS).
  const distinctive = stopWords.filter((folded) => !everyday.has(folded));

  function nearMiss(folded: string): string | null {
    const words = wordsOnly(folded);
    if (words === '') return null;
    // "Stopp!!", "¡BAJA!", "STOP 🙏": the word itself, dressed up.
    if (stopWords.includes(words)) return words;
    const tokens = words.split(' ');
    for (const stop of distinctive) {
      if (isUnspacedScript(stop) ? words.includes(stop) : ` ${words} `.includes(` ${stop} `)) return stop;
      // "Stopping", "stoppt", "unsubscribed": the word with an ending.
      if (stop.length >= TYPO_MIN_LENGTH && tokens.some((token) => token.startsWith(stop))) return stop;
    }
    // "STPO", "Abmelen", "unsubscibe": one letter off, when the reply is a single word.
    if (tokens.length === 1 && words.length >= TYPO_MIN_LENGTH) {
      const typo = distinctive.find((stop) => stop.length >= TYPO_MIN_LENGTH && !isUnspacedScript(stop) && isOneEditAway(words, stop));
      if (typo) return typo;
    }
    return null;
  }

  return {
    classify(text) {
      const folded = foldReply(text);
      const exact = known.get(withoutAutomaticFullStop(folded));
      if (exact) return { keyword: exact.keyword, word: exact.word, languages: exact.languages };
      const near = nearMiss(folded);
      return near === null ? null : { keyword: 'near-miss', word: known.get(near)?.word ?? near };
    },
  };
}

/** One insertion, deletion, substitution or swap of neighbours (Damerau) turns a into b. */
export function isOneEditAway(a: string, b: string): boolean {
  if (a === b) return false;
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > 1) return false;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  const rest = (from: string[], start: number) => from.slice(start).join('');
  if (x.length === y.length) {
    if (rest(x, i + 1) === rest(y, i + 1)) return true;
    return x[i] === y[i + 1] && x[i + 1] === y[i] && rest(x, i + 2) === rest(y, i + 2);
  }
  return x.length > y.length ? rest(x, i + 1) === rest(y, i) : rest(x, i) === rest(y, i + 1);
}
