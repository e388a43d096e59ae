import type { SmsEncoding } from './types';

export interface DataCoding {
  alphabet: SmsEncoding | '8bit';
  messageClass?: number;
  compressed: boolean;
}

/** TP-DCS from the general data coding group (TS 23.038 clause 4): class bits only when asked. */
export function encodeDataCoding(encoding: SmsEncoding, messageClass?: number): number {
  const alphabet = encoding === 'ucs2' ? 0x08 : 0x00;
  return messageClass === undefined ? alphabet : alphabet | 0x10 | (messageClass & 0x03);
}

/**
 * Interprets TP-DCS (TS 23.038 clause 4). Reserved groups are read as GSM-7, as the clause
 * tells receivers to do.
 */
export function decodeDataCoding(dcs: number): DataCoding {
  const group = dcs >> 4;
  if (group <= 0x7) {
    // General data coding (00xx) and automatic deletion (01xx) groups share the same low bits.
    const alphabetBits = (dcs >> 2) & 0x03;
    const alphabet = alphabetBits === 1 ? '8bit' : alphabetBits === 2 ? 'ucs2' : 'gsm7';
    const coding: DataCoding = { alphabet, compressed: (dcs & 0x20) !== 0 };
    if (dcs & 0x10) coding.messageClass = dcs & 0x03;
    return coding;
  }
  if (group === 0xc || group === 0xd) return { alphabet: 'gsm7', compressed: false };
  if (group === 0xe) return { alphabet: 'ucs2', compressed: false };
  if (group === 0xf)
    return { alphabet: dcs & 0x04 ? '8bit' : 'gsm7', messageClass: dcs & 0x03, compressed: false };
  return { alphabet: 'gsm7', compressed: false };
}
