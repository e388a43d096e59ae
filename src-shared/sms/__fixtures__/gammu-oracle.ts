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
