// How a reply is compared with the keywords. Phones send the same word in many shapes: full-width
// letters from Chinese and Japanese keyboards ("ＳＴＯＰ"), a capital sharp s ("STOẞ"… "ẞ" → "ss"),
// a zero-width joiner from an emoji keyboard, a full stop the keyboard added after a double space.

/**
 * NFKC (compatibility forms and full-width letters to their plain form), format characters and
 * emoji variation selectors removed, then full Unicode case folding, which JavaScript lacks:
 * lower → upper → lower turns "ß" and "ẞ" into "ss" like CaseFolding.txt's full mappings, where
 * toLowerCase alone would keep "ß" ≠ "SS". Whitespace runs become one space.
 */
export function foldReply(text: string): string {
  const plain = text.normalize('NFKC').replace(/[\p{Cf}\uFE0E\uFE0F]/gu, '');
  return plain.toLowerCase().toUpperCase().toLowerCase().normalize('NFKC').trim().replace(/\s+/gu, ' ');
}

/**
 * The one liberty an exact match takes: a single full stop at the end ("STOP."), which iOS and
 * Android add by themselves after a double space. Anything more ("Stopp!!", "STOP?") is a person
 * writing more than the word, and goes to a person to judge (issue 8's own example).
 */
export function withoutAutomaticFullStop(folded: string): string {
  return folded.replace(/\s?[.。]$/u, '');
}

/** Punctuation and symbols (emoji included) become spaces: what is left are the words. */
export function wordsOnly(folded: string): string {
  return folded.replace(/[\p{P}\p{S}]+/gu, ' ').trim().replace(/\s+/gu, ' ');
}

/** Whether the text is written in a script without spaces between words (Chinese, Japanese). */
export function isUnspacedScript(word: string): boolean {
  return /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(word);
}
