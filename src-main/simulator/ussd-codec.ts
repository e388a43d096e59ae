// The network side of USSD text: how the virtual modem reads the service code the host typed and
// how it prints the network's answer, in the styles the vendor profiles use (TS 23.038 §5 and
// §6.1.2.3 for the packed 7-bit form USSD uses).

import {
  gsm7Charset,
  packSeptets,
  septetsToText,
  textToSeptets,
  unpackSeptets,
} from '../../src-shared/sms/gsm7';
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

function ucs2Hex(text: string): string {
  return Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase();
}

function fromUcs2Hex(hex: string): string {
  return Buffer.from(hex, 'hex').swap16().toString('utf16le');
}

/**
 * The service code the host asked for, or null if it is not in the form this modem needs:
 * packed GSM 7-bit hex for Huawei, otherwise text in the character set chosen with AT+CSCS
 * (Gammu, for one, switches to "UCS2" and sends "002A0031003000300023" for *100#).
 */
export function decodeUssdRequest(raw: string, packed: boolean, characterSet: string): string | null {
  if (packed) return hexPattern.test(raw) ? unpackUssdText(raw) : null;
  if (characterSet === 'UCS2') return /^([0-9A-Fa-f]{4})+$/.test(raw) ? fromUcs2Hex(raw) : null;
  return raw;
}

/** The network's answer as this modem prints it; plain-text modems honour AT+CSCS="UCS2". */
export function encodeUssdReply(
  text: string,
  style: UssdReplyStyle,
  characterSet: string,
): { payload: string; dcs: number } {
  if (style === 'gsm7-packed-hex') return { payload: packUssdText(text), dcs: 15 };
  if (style === 'ucs2-hex') return { payload: ucs2Hex(text), dcs: 72 };
  if (characterSet === 'UCS2') return { payload: ucs2Hex(text), dcs: 72 };
  return { payload: text, dcs: 15 };
}
