// Opt-out replies. A reply counts only when it is exactly one of the words after trimming and
// case folding: "Stop" and " STOPP " opt out, "stop please" does not (issue 8 flags such near
// misses for a person instead of acting on them silently).

export const DEFAULT_STOP_WORDS: readonly string[] = ['STOP', 'STOPP', 'ABMELDEN', 'UNSUBSCRIBE', '退订'];

function fold(text: string): string {
  // NFKC first so full-width letters ("ＳＴＯＰ") and compatibility forms compare equal.
  return text.normalize('NFKC').trim().toLocaleLowerCase('und');
}

export interface StopWordMatcher {
  isStopReply(text: string): boolean;
}

/** `extra` comes from the user's settings; the defaults always apply. */
export function createStopWordMatcher(extra: readonly string[] = []): StopWordMatcher {
  const words = new Set([...DEFAULT_STOP_WORDS, ...extra].map(fold).filter((word) => word !== ''));
  return { isStopReply: (text) => words.has(fold(text)) };
}
