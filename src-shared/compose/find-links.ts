// Links in a message text, the way a phone would make them tappable: with a scheme
// ("https://…"), starting with "www.", or a bare domain ("bit.ly/x", "paypal-login.com").
import { GENERIC_TLDS } from './known-domains';

export interface FoundLink {
  /** The link as written in the text. */
  text: string;
  /** Offsets in the text (UTF-16), for highlighting. */
  start: number;
  end: number;
  scheme: 'http' | 'https' | null;
  /** Lower-cased, as written (punycode stays punycode). */
  host: string;
}

const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}\\p{M}-]{0,61}[\\p{L}\\p{N}\\p{M}])?';
// Not after a letter, digit, "@" (e-mail address) or a dot; the path runs to the next space.
const LINK = new RegExp(`(?<![\\p{L}\\p{N}@.\\-])(?:(https?):\\/\\/)?((?:${LABEL}\\.)+${LABEL})((?:[:/?#][^\\s]*)?)`, 'giu');
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"»“”’]+$/u;
const genericTlds = new Set(GENERIC_TLDS);

/** A word.word without scheme or "www." is a link only when it ends in a real top-level domain ("z.B.", "Hr.Meier", "12.03.2026" are not). */
function looksLikeBareDomain(host: string): boolean {
  if (host.startsWith('www.')) return true;
  const tld = host.slice(host.lastIndexOf('.') + 1);
  return /^[a-z]{2}$/.test(tld) || genericTlds.has(tld) || tld.startsWith('xn--');
}

export function findLinks(text: string): FoundLink[] {
  const links: FoundLink[] = [];
  for (const match of text.matchAll(LINK)) {
    const [whole, scheme, hostWritten, pathWritten = ''] = match;
    if (hostWritten === undefined) continue;
    const host = hostWritten.toLowerCase();
    if (!scheme && !looksLikeBareDomain(host)) continue;
    const path = pathWritten.replace(TRAILING_PUNCTUATION, '');
    const length = whole.length - (pathWritten.length - path.length);
    links.push({
      text: whole.slice(0, length),
      start: match.index,
      end: match.index + length,
      scheme: scheme ? (scheme.toLowerCase() as 'http' | 'https') : null,
      host,
    });
  }
  return links;
}
