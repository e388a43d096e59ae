import type { DataCoding } from './data-coding';
import { CodecError, PduFormatError } from './errors';
import type { Gsm7Tables } from './gsm7';
import { gsm7Charset, packSeptets, septetsToText, textToSeptets, unpackSeptets } from './gsm7';
import type { PduReader } from './pdu-reader';
import type { SmsEncoding } from './types';
import { textToUcs2, ucs2ToText } from './ucs2';
import type { UdhContent, UserDataHeader } from './udh';
import { decodeUdhElements, encodeUdh } from './udh';

function userDataField(length: number, udh: Uint8Array, body: Uint8Array): Uint8Array {
  const field = new Uint8Array(1 + udh.length + body.length);
  field[0] = length;
  field.set(udh, 1);
  field.set(body, 1 + udh.length);
  return field;
}

/** TP-UDL followed by TP-UD, ready to append to a TPDU. */
export function encodeUserData(
  text: string,
  encoding: SmsEncoding,
  tables: Gsm7Tables,
  header: UdhContent,
): Uint8Array {
  const udh = encodeUdh(header);
  if (encoding === 'ucs2') {
    const body = textToUcs2(text);
    return userDataField(udh.length + body.length, udh, body);
  }
  const encoded = textToSeptets(text, gsm7Charset(tables));
  if ('unencodable' in encoded) {
    throw new CodecError('unencodable-character', `"${encoded.unencodable}" cannot be sent in GSM-7`);
  }
  // Fill bits align the first septet after the header on a septet boundary (TS 23.040 9.2.3.24).
  const headerBits = udh.length * 8;
  const fillBits = (7 - (headerBits % 7)) % 7;
  const headerSeptets = (headerBits + fillBits) / 7;
  const body = packSeptets(encoded.septets, fillBits);
  return userDataField(headerSeptets + encoded.septets.length, udh, body);
}

export interface DecodedUserData {
  text: string;
  header?: UserDataHeader;
  /** The user data after the header, for 8-bit messages. */
  data?: Uint8Array;
}

/** Reads TP-UDL and TP-UD to the end of the PDU (TS 23.040 9.2.3.16, 9.2.3.24). */
export function decodeUserData(reader: PduReader, coding: DataCoding, hasHeader: boolean): DecodedUserData {
  const length = reader.octet('user data length');
  if (coding.compressed)
    throw new PduFormatError('unsupported-compression', 'Compressed user data (TS 23.042) is not supported');
  const septetCoded = coding.alphabet === 'gsm7';
  const octetCount = septetCoded ? Math.ceil((length * 7) / 8) : length;
  if (!septetCoded && length > 140)
    throw new PduFormatError('invalid-user-data', `User data length ${length} exceeds 140 octets`);
  if (septetCoded && length > 160)
    throw new PduFormatError('invalid-user-data', `User data length ${length} exceeds 160 septets`);
  const userData = reader.octets(octetCount, 'user data');

  let header: UserDataHeader | undefined;
  let headerOctets = 0;
  // Some phones store empty drafts with TP-UDHI set and TP-UDL 0: nothing to read either way.
  if (hasHeader && userData.length > 0) {
    const headerLength = userData[0];
    if (headerLength === undefined || 1 + headerLength > userData.length) {
      throw new PduFormatError('invalid-user-data', 'User data header is longer than the user data');
    }
    header = decodeUdhElements(userData.subarray(1, 1 + headerLength));
    if (!header)
      throw new PduFormatError('invalid-user-data', 'User data header element runs past the header');
    headerOctets = 1 + headerLength;
  }

  if (septetCoded) {
    const headerSeptets = Math.ceil((headerOctets * 8) / 7);
    const fillBits = headerSeptets * 7 - headerOctets * 8;
    const count = length - headerSeptets;
    if (count < 0)
      throw new PduFormatError('invalid-user-data', 'User data length is shorter than its header');
    const septets = unpackSeptets(userData.subarray(headerOctets), count, fillBits);
    const charset = gsm7Charset({ locking: header?.lockingShift, single: header?.singleShift });
    return { text: septetsToText(septets, charset), header };
  }
  const body = userData.subarray(headerOctets);
  if (coding.alphabet === 'ucs2') return { text: ucs2ToText(body), header };
  return { text: '', header, data: Uint8Array.from(body) };
}
