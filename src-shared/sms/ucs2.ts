/**
 * "UCS-2" as phones actually use it: UTF-16 big-endian, so emoji travel as surrogate pairs
 * (TS 23.038 6.2.3 says UCS-2; every current handset decodes UTF-16).
 */
export function textToUcs2(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out[2 * i] = unit >> 8;
    out[2 * i + 1] = unit & 0xff;
  }
  return out;
}

/** A trailing odd octet (seen from broken senders) is ignored rather than invented into a character. */
export function ucs2ToText(octets: ArrayLike<number>): string {
  const units: number[] = [];
  for (let i = 0; i + 1 < octets.length; i += 2) units.push(((octets[i] ?? 0) << 8) | (octets[i + 1] ?? 0));
  let text = '';
  // Chunked so very long inputs never exceed the engine's argument limit.
  for (let i = 0; i < units.length; i += 4096) text += String.fromCharCode(...units.slice(i, i + 4096));
  return text;
}

export function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}
