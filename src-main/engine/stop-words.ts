// Opt-out replies, for the parts of Fanout that only ask "is this a STOP?" (the settings screen's
// list of built-in words, older callers). The rules themselves live in keywords/.
import { BUILT_IN_KEYWORDS } from './keywords/built-in-keywords';
import { createKeywordMatcher } from './keywords/keyword-matcher';

/** Every built-in STOP word, each once, in the order of the languages. */
export const DEFAULT_STOP_WORDS: readonly string[] = [...new Set(Object.values(BUILT_IN_KEYWORDS.stop).flat())];

export interface StopWordMatcher {
  isStopReply(text: string): boolean;
}

/** `extra` comes from the user's settings; the defaults always apply. */
export function createStopWordMatcher(extra: readonly string[] = []): StopWordMatcher {
  const matcher = createKeywordMatcher({ stop: extra });
  return { isStopReply: (text) => matcher.classify(text)?.keyword === 'stop' };
}
