// The network side of USSD text: how the virtual modem reads the service code the host typed and
// how it prints the network's answer, in the styles the vendor profiles use (TS 23.038 §5 and
// §6.1.2.3 for the packed 7-bit form USSD uses).

import { gsm7Charset, packSeptets, septetsToText, textToSeptets, unpackSeptets } from '../../src-shared/sms/gsm7';
import type { UssdReplyStyle } from './profiles';

const hexPattern = /^([0-9A-Fa-f]{2})+$/;

function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').toUpperCase();
}

/** Packs text as USSD GSM 7-bit; 7 spare bits at the end hold CR, not '@' (TS 23.038 §6.1.2.3.1). */
export function packUssdText(text: string): string {
  const encoded = textToSeptets(text, gsm7Charset());
  if ('unencodable' in encoded) throw new Error(`"${encoded.unencodable}" is not in the GSM 7-bit alphabet`);
  const septets = encoded.septets;
  if (septets.length % 8 === 7) septets.push(0x0d);
  return toHex(packSeptets(septets));
}

export function unpackUssdText(hex: string): string {
  const bytes = Buffer.from(hex, 'hex');
  const septets = unpackSeptets(bytes, Math.floor((bytes.length * 8) / 7));
  if (septets.length % 8 === 0 && (septets.at(-1) === 0x0d || septets.at(-1) === 0x00)) septets.pop();
  return septetsToText(septets, gsm7Charset());
}

/** The service code the host asked for, or null if it is not in the form this modem needs. */
export function decodeUssdRequest(raw: string, packed: boolean): string | null {
  if (!packed) return raw;
  if (!hexPattern.test(raw)) return null;
  return unpackUssdText(raw);
}

export function encodeUssdReply(text: string, style: UssdReplyStyle): { payload: string; dcs: number } {
  if (style === 'gsm7-packed-hex') return { payload: packUssdText(text), dcs: 15 };
  if (style === 'ucs2-hex') return { payload: Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase(), dcs: 72 };
  return { payload: text, dcs: 15 };
}
