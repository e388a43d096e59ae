// USSD requests (AT+CUSD, TS 27.007 §7.15) for balance checks. The answer comes as a +CUSD URC,
// before or after the OK depending on the modem, and its text may be plain, packed GSM 7-bit
// hex (Huawei) or UCS-2 hex, depending on the modem and on AT+CSCS. The data coding scheme in
// the reply (TS 23.038 §5) says which of the encoded forms it is.

import {
  gsm7Charset,
  packSeptets,
  septetsToText,
  textToSeptets,
  unpackSeptets,
} from '../../src-shared/sms/gsm7';
import type { AtChannel, Urc } from './at-channel';
import { AtCommandError, ModemError } from './errors';

export interface UssdReply {
  /** 0 no further action, 1 the network wants an answer, 2 ended by the network (TS 27.007 §7.15 <m>). */
  readonly status: number;
  readonly text: string;
  readonly dcs: number | null;
  /** The text as the modem printed it, before decoding. */
  readonly raw: string;
}

const hexPattern = /^(?:[0-9A-Fa-f]{2})+$/;

function bytesOf(hex: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < hex.length; i += 2) bytes.push(parseInt(hex.slice(i, i + 2), 16));
  return bytes;
}

function ucs2ToText(hex: string): string {
  const bytes = bytesOf(hex);
  let text = '';
  for (let i = 0; i + 1 < bytes.length; i += 2)
    text += String.fromCharCode(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  return text;
}

function unpackGsm7(hex: string): string {
  const bytes = bytesOf(hex);
  const septets = unpackSeptets(bytes, Math.floor((bytes.length * 8) / 7));
  // Seven spare bits at the end are CR (TS 23.038 §6.1.2.3.1), or zero from careless encoders.
  if (septets.length % 8 === 0 && (septets.at(-1) === 0x0d || septets.at(-1) === 0x00)) septets.pop();
  return septetsToText(septets, gsm7Charset());
}

function isPrintable(text: string): boolean {
  return text.length > 0 && !/[\x00-\x08\x0e-\x1f]/.test(text);
}

// DCS groups (TS 23.038 §5): 0x0F and 0x0X / 0x1X / 0x4X without bit 3/2 set = GSM 7-bit;
// 0x48 / 0x72-style UCS-2 markers: bits 3..2 = 10 in the general data coding groups.
function dcsAlphabet(dcs: number | null): 'gsm7' | 'ucs2' | 'unknown' {
  if (dcs === null) return 'unknown';
  if (dcs === 0x11) return 'ucs2'; // language-indicated UCS-2
  if ((dcs & 0xf0) === 0x00 || (dcs & 0xf0) === 0x10 || (dcs & 0xf0) === 0x30 || (dcs & 0xf0) === 0xf0)
    return (dcs & 0xf0) === 0xf0 && dcs & 0x04 ? 'unknown' : 'gsm7';
  if ((dcs & 0xc0) === 0x40)
    return (dcs & 0x0c) === 0x08 ? 'ucs2' : (dcs & 0x0c) === 0x00 ? 'gsm7' : 'unknown';
  return 'unknown';
}

/** Decodes the text of a +CUSD reply as well as the modem's habits allow. */
export function decodeUssdText(raw: string, dcs: number | null): string {
  if (!hexPattern.test(raw)) return raw;
  const alphabet = dcsAlphabet(dcs);
  if (alphabet === 'ucs2') {
    const text = ucs2ToText(raw);
    return isPrintable(text) ? text : raw;
  }
  if (alphabet === 'gsm7') {
    // A GSM 7-bit reply may already be text that happens to look like hex ("1234"); only a
    // decoding into readable text is believed.
    const text = unpackGsm7(raw);
    return isPrintable(text) && raw.length >= 4 ? text : raw;
  }
  return raw;
}

/** "+CUSD: 0,\"…\",15" → its parts. */
export function parseCusd(line: string): UssdReply | null {
  const match = /^\+CUSD:\s*(\d+)(?:\s*,\s*"([^"]*)"(?:\s*,\s*(\d+))?)?/.exec(line);
  if (!match) return null;
  const dcs = match[3] === undefined ? null : Number(match[3]);
  const raw = match[2] ?? '';
  return { status: Number(match[1]), raw, dcs, text: decodeUssdText(raw, dcs) };
}

/** Packs a service code as GSM 7-bit hex, the form Huawei firmware wants in AT+CUSD. */
export function packUssdRequest(code: string): string {
  const encoded = textToSeptets(code, gsm7Charset());
  if ('unencodable' in encoded)
    throw new ModemError(
      `"${code}" is not a USSD code`,
      `"${code}" is not a valid USSD code.`,
      'permanent-recipient',
    );
  const septets = [...encoded.septets];
  if (septets.length % 8 === 7) septets.push(0x0d);
  return [...packSeptets(septets)]
    .map((byte) => byte.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
}

export class UssdTimeoutError extends ModemError {
  override readonly name: string = 'UssdTimeoutError';
  constructor(code: string) {
    super(`no USSD answer to ${code}`, `The network did not answer ${code}. Try again later.`, 'transient');
  }
}

/**
 * Sends a USSD code and waits for the network's answer. The code goes as text first; if the
 * modem refuses it, packed GSM 7-bit (Huawei).
 */
export async function requestUssd(
  channel: AtChannel,
  code: string,
  options: { timeoutMs?: number; packed?: boolean } = {},
): Promise<UssdReply> {
  if (!/^[0-9*#+]{2,40}$/.test(code))
    throw new ModemError(
      `bad USSD code ${code}`,
      `"${code}" is not a valid USSD code (digits, * and # only).`,
      'permanent-recipient',
    );
  const timeoutMs = options.timeoutMs ?? 20_000;
  let stopListening: () => void = () => undefined;
  const answer = new Promise<UssdReply>((resolve, reject) => {
    const timer = setTimeout(() => {
      stopListening();
      reject(new UssdTimeoutError(code));
    }, timeoutMs);
    stopListening = channel.onUrc((urc: Urc) => {
      if (urc.name !== '+CUSD') return;
      const reply = urc.lines[0] ? parseCusd(urc.lines[0]) : null;
      if (!reply) return;
      clearTimeout(timer);
      stopListening();
      resolve(reply);
    });
  });
  const forms =
    options.packed === true
      ? [packUssdRequest(code)]
      : options.packed === false
        ? [code]
        : [code, packUssdRequest(code)];
  try {
    let lastError: unknown = null;
    for (const form of forms) {
      try {
        await channel.send(`AT+CUSD=1,"${form}",15`, { timeoutMs: 10_000 });
        lastError = null;
        break;
      } catch (error) {
        if (!(error instanceof AtCommandError)) throw error;
        lastError = error;
      }
    }
    if (lastError) throw lastError;
  } catch (error) {
    stopListening();
    answer.catch(() => undefined);
    throw error;
  }
  return answer;
}
