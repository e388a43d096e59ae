/**
 * Replacements that keep a message in GSM-7. Applied ONLY when the user asks for it: the
 * composer shows the characters that force UCS-2 and offers these replacements, never silently.
 * Each value is made only of GSM-7 default alphabet characters.
 */
export const GSM7_TRANSLITERATIONS: ReadonlyMap<string, string> = new Map([
  ['\u2013', '-'], // en dash
  ['\u2014', '-'], // em dash
  ['\u2012', '-'], // figure dash
  ['\u2010', '-'], // hyphen
  ['\u2011', '-'], // non-breaking hyphen
  ['\u2212', '-'], // minus sign
  ['\u2018', "'"], // left single quotation mark
  ['\u2019', "'"], // right single quotation mark / apostrophe
  ['\u201a', "'"], // single low-9 quotation mark
  ['\u2032', "'"], // prime
  ['\u00b4', "'"], // acute accent
  ['\u0060', "'"], // grave accent (not in the default alphabet)
  ['\u201c', '"'], // left double quotation mark
  ['\u201d', '"'], // right double quotation mark
  ['\u201e', '"'], // double low-9 quotation mark
  ['\u2033', '"'], // double prime
  ['\u00ab', '"'], // left guillemet
  ['\u00bb', '"'], // right guillemet
  ['\u2026', '...'], // horizontal ellipsis
  ['\u00a0', ' '], // no-break space
  ['\u2007', ' '], // figure space
  ['\u2009', ' '], // thin space
  ['\u202f', ' '], // narrow no-break space
  ['\u200b', ''], // zero width space
  ['\ufeff', ''], // byte order mark / zero width no-break space
  ['\u2022', '*'], // bullet
  ['\u00b7', '.'], // middle dot
  ['\t', ' '], // tab
  ['\u00e1', 'a'],
  ['\u00e2', 'a'],
  ['\u00e3', 'a'],
  ['\u00c1', 'A'],
  ['\u00c2', 'A'],
  ['\u00c0', 'A'],
  ['\u00c3', 'A'],
  ['\u00ea', 'e'],
  ['\u00eb', 'e'],
  ['\u00ca', 'E'],
  ['\u00c8', 'E'],
  ['\u00cb', 'E'],
  ['\u00ed', 'i'],
  ['\u00ee', 'i'],
  ['\u00ef', 'i'],
  ['\u00cd', 'I'],
  ['\u00ce', 'I'],
  ['\u00f3', 'o'],
  ['\u00f4', 'o'],
  ['\u00f5', 'o'],
  ['\u00d3', 'O'],
  ['\u00d4', 'O'],
  ['\u00d5', 'O'],
  ['\u00fa', 'u'],
  ['\u00fb', 'u'],
  ['\u00da', 'U'],
  ['\u00db', 'U'],
  ['\u00e7', 'c'],
  ['\u0131', 'i'], // dotless i
  ['\u0130', 'I'], // dotted capital I
  ['\u011f', 'g'],
  ['\u011e', 'G'],
  ['\u015f', 's'],
  ['\u015e', 'S'],
  ['\u0142', 'l'],
  ['\u0141', 'L'],
  ['\u00fd', 'y'],
  ['\u00dd', 'Y'],
  ['\u00ff', 'y'],
]);

export interface Replacement {
  char: string;
  replacement: string;
}

/** The text with every character that has a transliteration replaced, and what was replaced. */
export function transliterate(
  text: string,
  shouldReplace: (char: string) => boolean = () => true,
): { text: string; replaced: Replacement[] } {
  let out = '';
  const replaced = new Map<string, string>();
  for (const char of text) {
    const replacement = GSM7_TRANSLITERATIONS.get(char);
    if (replacement !== undefined && shouldReplace(char)) {
      out += replacement;
      replaced.set(char, replacement);
    } else {
      out += char;
    }
  }
  return { text: out, replaced: [...replaced].map(([char, replacement]) => ({ char, replacement })) };
}
