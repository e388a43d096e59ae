// Message generators shared by the oracle tests, and the tests' own statement of the limits.
import fc from 'fast-check';

// The test's own statement of TS 23.038's default alphabet and extension table.
export const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
export const GSM_EXTENSION = '\f^{}\\[~]|€';
const NON_GSM_LATIN = 'ëïÿâêîôûçőűłśźżĳ';
const TYPOGRAPHIC = '–—“”‘’…«»';
const EMOJI = ['😀', '👍🏽', '👋🏿', '🇩🇪', '🇫🇷', '👨‍👩‍👧', '❤️', '🏳️‍🌈', '🎉'];

const chars = (pool: string) => fc.constantFrom(...pool);
const gsmChar = fc.oneof(
  { arbitrary: chars(GSM_BASIC), weight: 8 },
  { arbitrary: chars(GSM_EXTENSION), weight: 2 },
);
const anyChar = fc.oneof(
  { arbitrary: chars(GSM_BASIC), weight: 6 },
  { arbitrary: chars(GSM_EXTENSION), weight: 1 },
  { arbitrary: chars(NON_GSM_LATIN), weight: 1 },
  { arbitrary: chars(TYPOGRAPHIC), weight: 1 },
  { arbitrary: fc.integer({ min: 0x4e00, max: 0x9fff }).map((cp) => String.fromCodePoint(cp)), weight: 2 },
  { arbitrary: fc.constantFrom(...EMOJI), weight: 2 },
  { arbitrary: fc.integer({ min: 0x1f300, max: 0x1f5ff }).map((cp) => String.fromCodePoint(cp)), weight: 1 },
);

export const septetCost = (char: string) => (GSM_EXTENSION.includes(char) ? 2 : 1);
export const isGsm = (char: string) => GSM_BASIC.includes(char) || GSM_EXTENSION.includes(char);

/** Lengths right at the single-part and per-part limits (160/153/152, 70/67/66). */
export const GSM_TARGETS = [
  1, 2, 150, 151, 152, 153, 154, 155, 158, 159, 160, 161, 162, 304, 305, 306, 307, 308, 458, 459, 460, 461,
];
export const UCS2_TARGETS = [
  1, 3, 65, 66, 67, 68, 69, 70, 71, 72, 132, 133, 134, 135, 136, 199, 200, 201, 202, 203, 268,
];

/** Appends characters until the text reaches the target in septets (GSM) or UTF-16 units. */
function buildText(pool: readonly string[], target: number, gsm: boolean): string {
  let text = '';
  let units = 0;
  for (const char of pool) {
    if (units >= target) break;
    text += char;
    units += gsm ? septetCost(char) : char.length;
  }
  return text;
}

export const textArb = fc.oneof(
  fc
    .tuple(fc.constantFrom(...GSM_TARGETS), fc.array(gsmChar, { minLength: 470, maxLength: 470 }))
    .map(([target, pool]) => buildText(pool, target, true)),
  fc
    .tuple(fc.constantFrom(...UCS2_TARGETS), fc.array(anyChar, { minLength: 280, maxLength: 280 }))
    .map(([target, pool]) => buildText(pool, target, false)),
);

export const recipientArb = fc.oneof(
  fc.stringMatching(/^\+[1-9][0-9]{6,14}$/),
  fc.stringMatching(/^0[1-9][0-9]{5,11}$/),
);

/** Minimum parts by exhaustive search over every cut point (O(n²)), independent of segment.ts. */
export function minimumParts(text: string, use16: boolean): { encoding: 'gsm7' | 'ucs2'; parts: number } {
  const codePoints = [...text];
  const gsm = codePoints.every(isGsm);
  const costs = codePoints.map((char) => (gsm ? septetCost(char) : char.length));
  const total = costs.reduce((a, b) => a + b, 0);
  const single = gsm ? 160 : 70;
  if (total <= single) return { encoding: gsm ? 'gsm7' : 'ucs2', parts: 1 };
  const perPart = gsm ? (use16 ? 152 : 153) : use16 ? 66 : 67;
  const best = new Array<number>(costs.length + 1).fill(Infinity);
  best[0] = 0;
  for (let end = 1; end <= costs.length; end++) {
    let cost = 0;
    for (let start = end - 1; start >= 0; start--) {
      cost += costs[start] ?? 0;
      if (cost > perPart) break;
      best[end] = Math.min(best[end] ?? Infinity, (best[start] ?? Infinity) + 1);
    }
  }
  return { encoding: gsm ? 'gsm7' : 'ucs2', parts: best[costs.length] ?? Infinity };
}
