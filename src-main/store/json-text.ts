// JSON string literals for text assembled by hand (import staging writes a million rows): most
// values need no escaping, and skipping JSON.stringify for those makes the assembly ~3x faster.
// Control characters are exactly what JSON must escape, hence the rule's exception.
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u2028\u2029\ud800-\udfff]/;

export function jsonString(value: string): string {
  return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
}
