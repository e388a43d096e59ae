// How python-gammu (gammu_decode.py) reports a PDU, and how to read its quirks honestly.
// Spawning it is left to the tests, the only place Node APIs are allowed in src-shared.

/** What gammu_decode.py reports for one PDU (see that script). */
export type GammuResult =
  | { ok: false; error: string }
  | {
      ok: true;
      type: string;
      number: string;
      /** null when gammu hands the payload over as bytes (then in data, as hex). */
      text: string | null;
      data: string | null;
      coding: string;
      length: number;
      class: number;
      messageReference: number;
      deliveryStatus: number;
      dateTime: string | null;
      smscNumber: string;
      validity: string;
      udh: { type: string; hex: string; id8: number; id16: number; part: number; all: number };
    };

const EXTENSION_CHARACTERS = new Set(['\f', '^', '{', '}', '\\', '[', '~', ']', '|', '€']);

/**
 * python-gammu builds a GSM-7 part's text from its septet count, so after each escape pair it
 * appends one character of whatever follows in memory. libgammu itself decoded the characters
 * correctly; this takes gammu's characters until they account for exactly the septets gammu
 * counted (an extension character is two septets), and fails if they cannot.
 */
export function gammuGsm7Text(result: { text: string; length: number }): string | undefined {
  let septets = 0;
  let text = '';
  for (const char of result.text) {
    if (septets === result.length) return text;
    septets += EXTENSION_CHARACTERS.has(char) ? 2 : 1;
    if (septets > result.length) return undefined;
    text += char;
  }
  return septets === result.length ? text : undefined;
}

/**
 * What python-gammu reports for a UCS-2 part whose text is `sent`. libgammu decodes UCS-2 with
 * Nokia's special-character convention (coding.c DecodeUnicodeSpecialNOKIAChars: '~' becomes
 * '~~', U+0001 becomes '~') and python-gammu then keeps only the part's original unit count, so
 * a part with k tildes loses its last k units. This models that exactly, so such parts can still
 * be compared character for character rather than skipped.
 */
export function gammuUcs2View(sent: string, unitCount: number): string {
  const escaped = sent.replaceAll('~', '~~').replaceAll(String.fromCharCode(1), '~');
  let view = '';
  for (let i = 0; i < unitCount && i < escaped.length; i++) {
    const unit = escaped.charCodeAt(i);
    const next = escaped.charCodeAt(i + 1);
    // python-gammu joins a high surrogate with the unit after it even past the count.
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      view += escaped.slice(i, i + 2);
      i++;
    } else {
      view += escaped[i];
    }
  }
  return view;
}

export function validityMinutes(gammuValidity: string): number | undefined {
  const match = /^(\d+)([MHDW])$/.exec(gammuValidity);
  if (gammuValidity === 'Max') return 63 * 7 * 1440;
  if (!match) return undefined;
  const scale = { M: 1, H: 60, D: 1440, W: 10080 }[match[2] as 'M' | 'H' | 'D' | 'W'];
  return Number(match[1]) * scale;
}

/**
 * The part's text as gammu decoded it. GSM-7: gammu's characters up to its septet count.
 * UCS-2: gammu's text as is, except for parts with '~', where libgammu's Nokia escaping cuts the
 * tail (see gammuUcs2View): there gammu must show exactly that view of the text we meant to send,
 * which is then taken as the part's text (the one place the comparison needs our own text).
 */
export function partText(
  result: Extract<GammuResult, { ok: true }>,
  encoding: 'gsm7' | 'ucs2',
  total: number,
  index: number,
  earlier: readonly string[],
  originalText: string,
): string | { problem: string } {
  const text = result.text;
  if (text === null) return { problem: `gammu decoded ${result.coding} bytes, not text` };
  if (encoding === 'gsm7') {
    return (
      gammuGsm7Text({ text, length: result.length }) ?? {
        problem: `gammu's characters do not add up to its ${result.length} septets`,
      }
    );
  }
  if (/[\ud800-\udbff]$/.test(text)) return { problem: 'ends inside a surrogate pair' };
  if (!text.includes('~')) return text;
  // Which slice of the original this part carries: it starts where the earlier parts ended and
  // spans the unit count gammu read from TP-UDL.
  const start = earlier.join('').length;
  const meant = originalText.slice(start, start + result.length);
  if (index === total - 1 && start + result.length !== originalText.length)
    return { problem: 'last part does not end the text' };
  return gammuUcs2View(meant, result.length) === text
    ? meant
    : { problem: `gammu shows ${JSON.stringify(result.text)}` };
}
