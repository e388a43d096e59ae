import type { NationalLanguage } from './national-tables';
import { NATIONAL_LANGUAGE_ID, nationalLanguageById } from './national-tables';

/** Concatenated short message information element (TS 23.040 9.2.3.24.1 / .8). */
export interface ConcatInfo {
  reference: number;
  total: number;
  sequence: number;
}

export interface UserDataHeader {
  concat?: ConcatInfo & { referenceBits: 8 | 16 };
  singleShift?: NationalLanguage;
  lockingShift?: NationalLanguage;
  /** Every element as received, including the ones Fanout does not interpret. */
  elements: { iei: number; data: Uint8Array }[];
}

export const IEI_CONCAT_8BIT = 0x00;
export const IEI_CONCAT_16BIT = 0x08;
export const IEI_SINGLE_SHIFT = 0x24;
export const IEI_LOCKING_SHIFT = 0x25;

export interface UdhContent {
  concat?: ConcatInfo & { referenceBits: 8 | 16 };
  singleShift?: NationalLanguage;
  lockingShift?: NationalLanguage;
}

/** Header octets including the leading UDHL octet; 0 when no header is needed. */
export function udhLength(content: UdhContent): number {
  let length = 0;
  if (content.concat) length += content.concat.referenceBits === 16 ? 6 : 5;
  if (content.singleShift) length += 3;
  if (content.lockingShift) length += 3;
  return length === 0 ? 0 : length + 1;
}

export function encodeUdh(content: UdhContent): Uint8Array {
  const elements: number[] = [];
  const { concat } = content;
  if (concat) {
    if (concat.referenceBits === 16) {
      elements.push(
        IEI_CONCAT_16BIT,
        4,
        concat.reference >> 8,
        concat.reference & 0xff,
        concat.total,
        concat.sequence,
      );
    } else {
      elements.push(IEI_CONCAT_8BIT, 3, concat.reference, concat.total, concat.sequence);
    }
  }
  if (content.singleShift) elements.push(IEI_SINGLE_SHIFT, 1, NATIONAL_LANGUAGE_ID[content.singleShift]);
  if (content.lockingShift) elements.push(IEI_LOCKING_SHIFT, 1, NATIONAL_LANGUAGE_ID[content.lockingShift]);
  if (elements.length === 0) return new Uint8Array(0);
  return Uint8Array.from([elements.length, ...elements]);
}

/**
 * Parses the information elements after the UDHL octet. Malformed or unknown elements are kept
 * raw but not interpreted: per TS 23.040 9.2.3.24 a receiver ignores what it cannot use, and a
 * concat element with sequence 0 or beyond total is ignored so the part shows as a lone message.
 * Returns undefined when an element runs past the header.
 */
export function decodeUdhElements(header: Uint8Array): UserDataHeader | undefined {
  const result: UserDataHeader = { elements: [] };
  let i = 0;
  while (i < header.length) {
    const iei = header[i] ?? 0;
    const length = header[i + 1];
    if (length === undefined || i + 2 + length > header.length) return undefined;
    const data = header.subarray(i + 2, i + 2 + length);
    result.elements.push({ iei, data });
    if (iei === IEI_CONCAT_8BIT && length === 3) {
      const concat = {
        reference: data[0] ?? 0,
        total: data[1] ?? 0,
        sequence: data[2] ?? 0,
        referenceBits: 8 as const,
      };
      if (concat.total > 0 && concat.sequence >= 1 && concat.sequence <= concat.total) result.concat = concat;
    } else if (iei === IEI_CONCAT_16BIT && length === 4) {
      const concat = {
        reference: ((data[0] ?? 0) << 8) | (data[1] ?? 0),
        total: data[2] ?? 0,
        sequence: data[3] ?? 0,
        referenceBits: 16 as const,
      };
      if (concat.total > 0 && concat.sequence >= 1 && concat.sequence <= concat.total) result.concat = concat;
    } else if (iei === IEI_SINGLE_SHIFT && length === 1) {
      result.singleShift = nationalLanguageById(data[0] ?? 0);
    } else if (iei === IEI_LOCKING_SHIFT && length === 1) {
      result.lockingShift = nationalLanguageById(data[0] ?? 0);
    }
    i += 2 + length;
  }
  return result;
}
