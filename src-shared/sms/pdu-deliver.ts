import { decodeAddressField, encodeAddressField, encodeSmscField } from './address';
import { decodeDataCoding, encodeDataCoding } from './data-coding';
import { CodecError } from './errors';
import { bytesToHex } from './hex';
import type { NationalLanguage } from './national-tables';
import type { PduReader } from './pdu-reader';
import type { UdhContent } from './udh';
import { MAX_PARTS, segmentText } from './segment';
import { decodeTimestamp, encodeTimestamp, TIMESTAMP_OCTETS } from './timestamp';
import type { PhoneAddress, SmsDeliver, SmsEncoding } from './types';
import { decodeUserData, encodeUserData } from './user-data';

export interface DeliverRequest {
  /** '+49…', national digits, or an alphanumeric sender like 'Bank' (at most 11 GSM-7 characters). */
  from: string;
  text: string;
  timestamp: Date;
  /** Offset of the service centre's clock; default 0 (UTC). */
  timezoneOffsetMinutes?: number;
  concatReference?: number;
  use16BitReference?: boolean;
  encoding?: SmsEncoding;
  nationalLanguages?: readonly NationalLanguage[];
  flash?: boolean;
  /** SMSC number to put in front of the TPDU; default: an empty SMSC field ("00"). */
  smsc?: string;
}

export interface EncodedPdu {
  /** Uppercase hex including the SMSC field. */
  pdu: string;
  /** Octets after the SMSC field. */
  tpduLength: number;
}

const MTI_DELIVER = 0x00;
// TP-MMS set means "no more messages waiting" (TS 23.040 9.2.3.2), what a lone delivery carries.
const MORE_MESSAGES_NOT_WAITING = 0x04;
const UDHI = 0x40;

/** SMS-DELIVER PDUs as a modem would report them (TS 23.040 9.2.2.1); used by the virtual modem. */
export function encodeDeliver(req: DeliverRequest): EncodedPdu[] {
  const bits: 8 | 16 = req.use16BitReference ? 16 : 8;
  const maxReference = bits === 16 ? 0xffff : 0xff;
  const reference = req.concatReference ?? 0;
  if (!Number.isInteger(reference) || reference < 0 || reference > maxReference) {
    throw new CodecError(
      'invalid-reference',
      `${bits}-bit concatenation reference must be 0-${maxReference}`,
    );
  }
  const originator = encodeAddressField(req.from, true);
  const smsc = req.smsc === undefined ? [0] : encodeSmscField(req.smsc);
  const timestamp = encodeTimestamp(req.timestamp, req.timezoneOffsetMinutes);
  const segmentation = segmentText(req.text, req);
  const total = segmentation.parts.length;
  if (total > MAX_PARTS)
    throw new CodecError('too-many-parts', `Message needs ${total} parts; at most ${MAX_PARTS}`);
  const { encoding, tables } = segmentation;
  const dcs = encodeDataCoding(encoding, req.flash ? 0 : undefined);

  return segmentation.parts.map((partText, index) => {
    const header: UdhContent = {
      concat: total > 1 ? { reference, total, sequence: index + 1, referenceBits: bits } : undefined,
      singleShift: tables.single,
      lockingShift: tables.locking,
    };
    const hasHeader = Boolean(header.concat || header.singleShift || header.lockingShift);
    const tpdu = [
      MTI_DELIVER | MORE_MESSAGES_NOT_WAITING | (hasHeader ? UDHI : 0),
      ...originator,
      0x00,
      dcs,
      ...timestamp,
      ...encodeUserData(partText, encoding, tables, header),
    ];
    return { pdu: bytesToHex([...smsc, ...tpdu]), tpduLength: tpdu.length };
  });
}

/** Decodes an SMS-DELIVER TPDU (the reader positioned at its first octet). */
export function decodeDeliverTpdu(reader: PduReader, smsc: PhoneAddress | undefined): SmsDeliver {
  const firstOctet = reader.octet('first octet');
  const sender = decodeAddressField(reader, 'originating address');
  const protocolIdentifier = reader.octet('protocol identifier');
  const coding = decodeDataCoding(reader.octet('data coding scheme'));
  const serviceCentreTimestamp = decodeTimestamp(
    reader.octets(TIMESTAMP_OCTETS, 'service centre timestamp'),
    'service centre timestamp',
  );
  const userData = decodeUserData(reader, coding, (firstOctet & UDHI) !== 0);

  const deliver: SmsDeliver = {
    type: 'deliver',
    sender,
    text: userData.text,
    encoding: coding.alphabet,
    serviceCentreTimestamp,
    protocolIdentifier,
  };
  const concat = userData.header?.concat;
  if (concat)
    deliver.concat = { reference: concat.reference, total: concat.total, sequence: concat.sequence };
  if (smsc) deliver.smsc = smsc;
  if (coding.messageClass !== undefined) deliver.messageClass = coding.messageClass;
  if (userData.data) deliver.data = userData.data;
  return deliver;
}
