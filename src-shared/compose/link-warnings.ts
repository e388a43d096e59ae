// The composer's link check. Recipients are taught to distrust SMS links that are not encrypted,
// hide their destination, or imitate a bank, a parcel service or a shop (smishing), so a text
// with such a link reads like phishing even when it is meant well. Each warning names its reason;
// the composer explains it in the user's language.
import { findLinks, type FoundLink } from './find-links';
import { BRANDS, MULTI_LABEL_SUFFIXES, URL_SHORTENERS, type Brand } from './known-domains';
import { hostToUnicode } from './punycode';

export const LINK_WARNING_REASONS = [
  /** http:// — not encrypted; phones and browsers mark it "not secure". */
  'plain-http',
  /** bit.ly and the like: the destination cannot be seen. */
  'shortener',
  /** Letters from another alphabet that look like the brand's ("pаypal" with a Cyrillic а). */
  'lookalike-characters',
  /** Digits or letter pairs standing in for letters ("paypa1", "rnicrosoft"), or one letter off ("amazom"). */
  'lookalike-spelling',
  /** The brand's name plus other words on someone else's domain ("amazon-verify-account.com"). */
  'brand-in-domain',
  /** The brand's name in front of someone else's domain ("paypal.com.secure-login.net", "dhl.de-track.info"). */
  'brand-in-subdomain',
  /** The brand's name on a domain that is not one of its own ("paypal.xyz"). */
  'brand-unofficial-domain',
  /** Letters from several alphabets in one name, a common trick even without a known brand. */
  'mixed-scripts',
] as const;
export type LinkWarningReason = (typeof LINK_WARNING_REASONS)[number];

export interface LinkWarning {
  link: FoundLink;
  reason: LinkWarningReason;
  /** The brand imitated, as people write it ("PayPal"); null for the other reasons. */
  brand: string | null;
  /** The host with punycode decoded, which shows the look-alike letters a phone may display. */
  displayHost: string;
}

// Letters of other alphabets (and symbols) that render like Latin ones (after Unicode's confusables list).
const CONFUSABLE: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', һ: 'h', і: 'i', ї: 'i', ј: 'j', к: 'k', ӏ: 'l', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', ɡ: 'g', ı: 'i', ℓ: 'l', α: 'a', β: 'b', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u',
  χ: 'x', ω: 'w', ս: 'u', օ: 'o', ց: 'g',
};
// Digits and letter pairs that pass for letters at a glance: paypa1, g00gle, rnicrosoft. "i" and
// "l" (and "1") are one shape: "paypaI" lower-cases to "paypai".
const DIGIT_TO_LETTER: Record<string, string> = { '0': 'o', '1': 'l', i: 'l', '|': 'l', '!': 'l', '3': 'e', '4': 'a', '5': 's', '7': 't', $: 's' };

/** What a name looks like, whatever letters it is spelt with: "pаypa1" and "paypal" have one skeleton. */
export function skeleton(name: string): string {
  return [...name.normalize('NFKC').toLowerCase().normalize('NFD').replace(/\p{M}/gu, '')]
    .map((char) => CONFUSABLE[char] ?? char)
    .join('')
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w')
    .replace(/[01i|!3457$]/g, (char) => DIGIT_TO_LETTER[char] ?? char)
    .replace(/[-_.]/g, '');
}

/** "shop.paypal.co.uk" → "paypal.co.uk". */
export function registrableDomain(host: string): string {
  const labels = host.split('.');
  const lastTwo = labels.slice(-2).join('.');
  return labels.slice(MULTI_LABEL_SUFFIXES.includes(lastTwo) && labels.length > 2 ? -3 : -2).join('.');
}

function ownerOf(registrable: string): Brand | undefined {
  return BRANDS.find((brand) => brand.domains.includes(registrable));
}

/** Damerau–Levenshtein distance, capped: only "is it one edit away" matters. */
function isOneEditAway(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number) => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * cols + j] = best;
    }
  }
  return at(a.length, b.length) === 1;
}

/** Short brand names (ING, UPS, DPD, O2) are parts of many words ("booking", "groups"): they only count as a whole word between hyphens. */
const SHORT_BRAND = 3;

function nameContainsBrand(label: string, brand: Brand): boolean {
  const brandShape = skeleton(brand.key);
  if (brandShape.length <= SHORT_BRAND) return label.split(/[-_]/).some((word) => skeleton(word) === brandShape);
  return skeleton(label).includes(brandShape);
}

function isMixedScript(label: string): boolean {
  const latin = /\p{Script=Latin}/u.test(label);
  const other = /[\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}]/u.test(label);
  return latin && other;
}

type BrandFinding = { reason: LinkWarningReason; brand: Brand };

/** The registrable name ("paypa1" of paypa1.com) compared with each brand, the strongest signal first. */
function imitationInName(name: string): BrandFinding | undefined {
  const plainName = name.replace(/[-_]/g, '');
  const nameShape = skeleton(name);
  const nonAscii = [...name].some((char) => char.charCodeAt(0) > 0x7f);
  for (const brand of BRANDS) {
    const brandShape = skeleton(brand.key);
    if (plainName === brand.key) return { reason: 'brand-unofficial-domain', brand };
    if (nameShape === brandShape) return { reason: nonAscii ? 'lookalike-characters' : 'lookalike-spelling', brand };
    if (nameContainsBrand(name, brand)) return { reason: nonAscii ? 'lookalike-characters' : 'brand-in-domain', brand };
    if (brandShape.length >= 6 && isOneEditAway(nameShape, brandShape)) return { reason: 'lookalike-spelling', brand };
  }
  return undefined;
}

function imitationInSubdomain(labels: readonly string[]): BrandFinding | undefined {
  for (const label of labels) {
    if (label === 'www') continue;
    const brand = BRANDS.find((candidate) => nameContainsBrand(label, candidate) || skeleton(label) === skeleton(candidate.key));
    if (brand) return { reason: 'brand-in-subdomain', brand };
  }
  return undefined;
}

function warningsFor(link: FoundLink): LinkWarning[] {
  const host = link.host.replace(/\.$/, '');
  const displayHost = hostToUnicode(host);
  const warnings: LinkWarning[] = [];
  const warn = (reason: LinkWarningReason, brand: Brand | null = null) => warnings.push({ link, reason, brand: brand?.name ?? null, displayHost });

  if (link.scheme === 'http') warn('plain-http');
  const registrable = registrableDomain(host);
  if (URL_SHORTENERS.includes(registrable)) {
    warn('shortener');
    return warnings;
  }
  if (/^[\d.]+$/.test(host) || ownerOf(registrable)) return warnings;

  const unicodeLabels = displayHost.split('.');
  const registrableLabelCount = registrable.split('.').length;
  const name = unicodeLabels[unicodeLabels.length - registrableLabelCount] ?? '';
  const inName = imitationInName(name);
  if (inName) warn(inName.reason, inName.brand);
  const inSubdomain = imitationInSubdomain(unicodeLabels.slice(0, unicodeLabels.length - registrableLabelCount));
  if (inSubdomain && inSubdomain.brand !== inName?.brand) warn(inSubdomain.reason, inSubdomain.brand);
  if (!inName && !inSubdomain && unicodeLabels.some(isMixedScript)) warn('mixed-scripts');
  return warnings;
}

/** Every link in the text with what is suspicious about it; links that look fine are left out. */
export function checkLinks(text: string): LinkWarning[] {
  return findLinks(text).flatMap(warningsFor);
}
