import { decodeAddressField, encodeAddressField } from './address';
import { decodeDataCoding, encodeDataCoding } from './data-coding';
import { CodecError } from './errors';
import { bytesToHex } from './hex';
import type { NationalLanguage } from './national-tables';
import type { PduReader } from './pdu-reader';
import type { UdhContent } from './udh';
import { MAX_PARTS, segmentText } from './segment';
import type { PhoneAddress, SmsEncoding, SmsSubmit } from './types';
import { decodeUserData, encodeUserData } from './user-data';
import { minutesToValidityOctet, validityOctetToMinutes } from './validity-period';

export interface SubmitRequest {
  /** '+49170…' international, or national digits as typed after normalisation. */
  to: string;
  text: string;
  requestStatusReport?: boolean;
  /** Relative validity; omitted = none (the service centre's default). */
  validityPeriodMinutes?: number;
  /** Class 0: shown at once and not stored by the phone. */
  flash?: boolean;
  /** TP-MR 0-255; modems usually assign their own. */
  messageReference?: number;
  /** 0-255, or 0-65535 with use16BitReference. Default: derived from recipient and text. */
  concatReference?: number;
  use16BitReference?: boolean;
  /** Force an encoding; default: GSM-7 when every character fits. */
  encoding?: SmsEncoding;
  nationalLanguages?: readonly NationalLanguage[];
  /** Replace characters that force UCS-2 with GSM-7 look-alikes (explicit user choice only). */
  transliterate?: boolean;
}

export interface SubmitPart {
  /** Uppercase hex including the leading SMSC octet "00" (use the SIM's default SMSC). */
  pdu: string;
  /** Octets after the SMSC field: the length AT+CMGS needs. */
  tpduLength: number;
  partNumber: number;
  totalParts: number;
}

// TP-MTI and flags of the first octet (TS 23.040 9.2.3.1 - 9.2.3.5, 9.2.3.23).
const MTI_SUBMIT = 0x01;
const VPF_RELATIVE = 0x10;
const SRR = 0x20;
const UDHI = 0x40;

/** A stable default reference so re-encoding the same message gives the same PDUs. */
function derivedReference(to: string, text: string, bits: 8 | 16): number {
  let hash = 0x811c9dc5;
  const key = `${to}\u0000${text}`;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % (bits === 16 ? 0x10000 : 0x100);
}

function checkByte(
  value: number | undefined,
  max: number,
  code: 'invalid-reference' | 'invalid-message-reference',
  what: string,
) {
  if (value !== undefined && (!Number.isInteger(value) || value < 0 || value > max)) {
    throw new CodecError(code, `${what} must be an integer 0-${max}, got ${value}`);
  }
}

/**
 * SMS-SUBMIT PDUs for AT+CMGS in PDU mode (TS 23.040 9.2.2.2, TS 27.005 3.5.1), one per part.
 * Throws CodecError only for invalid input (recipient, references, validity, forced GSM-7).
 */
export function encodeSubmit(req: SubmitRequest): SubmitPart[] {
  const bits: 8 | 16 = req.use16BitReference ? 16 : 8;
  checkByte(req.messageReference, 0xff, 'invalid-message-reference', 'Message reference');
  checkByte(
    req.concatReference,
    bits === 16 ? 0xffff : 0xff,
    'invalid-reference',
    `${bits}-bit concatenation reference`,
  );
  const address = encodeAddressField(req.to);
  const validity =
    req.validityPeriodMinutes === undefined ? undefined : minutesToValidityOctet(req.validityPeriodMinutes);

  const segmentation = segmentText(req.text, req);
  const total = segmentation.parts.length;
  if (total > MAX_PARTS) {
    throw new CodecError(
      'too-many-parts',
      `Message needs ${total} parts; at most ${MAX_PARTS} can be concatenated`,
    );
  }
  const reference = req.concatReference ?? derivedReference(req.to, req.text, bits);
  let firstOctet = MTI_SUBMIT;
  if (validity !== undefined) firstOctet |= VPF_RELATIVE;
  if (req.requestStatusReport) firstOctet |= SRR;
  const { tables, encoding } = segmentation;
  const dcs = encodeDataCoding(encoding, req.flash ? 0 : undefined);

  return segmentation.parts.map((partText, index) => {
    const header: UdhContent = {
      concat: total > 1 ? { reference, total, sequence: index + 1, referenceBits: bits } : undefined,
      singleShift: tables.single,
      lockingShift: tables.locking,
    };
    const userData = encodeUserData(partText, encoding, tables, header);
    const hasHeader = Boolean(header.concat || header.singleShift || header.lockingShift);
    const fields = [
      hasHeader ? firstOctet | UDHI : firstOctet,
      req.messageReference ?? 0,
      ...address,
      0x00, // TP-PID: plain short message
      dcs,
    ];
    if (validity !== undefined) fields.push(validity);
    const tpdu = new Uint8Array(fields.length + userData.length);
    tpdu.set(fields);
    tpdu.set(userData, fields.length);
    return {
      pdu: `00${bytesToHex(tpdu)}`,
      tpduLength: tpdu.length,
      partNumber: index + 1,
      totalParts: total,
    };
  });
}

/** Decodes an SMS-SUBMIT TPDU (the reader positioned at its first octet). */
export function decodeSubmitTpdu(reader: PduReader, smsc: PhoneAddress | undefined): SmsSubmit {
  const firstOctet = reader.octet('first octet');
  const messageReference = reader.octet('message reference');
  const recipient = decodeAddressField(reader, 'destination address');
  reader.octet('protocol identifier');
  const coding = decodeDataCoding(reader.octet('data coding scheme'));
  const validityFormat = (firstOctet >> 3) & 0x03;
  let validityPeriodMinutes: number | undefined;
  if (validityFormat === 2) validityPeriodMinutes = validityOctetToMinutes(reader.octet('validity period'));
  // Enhanced (1) and absolute (3) formats take seven octets; Fanout never sends them, so skip.
  else if (validityFormat !== 0) reader.octets(7, 'validity period');
  const userData = decodeUserData(reader, coding, (firstOctet & UDHI) !== 0);

  const submit: SmsSubmit = {
    type: 'submit',
    recipient,
    text: userData.text,
    encoding: coding.alphabet,
    messageReference,
    statusReportRequested: (firstOctet & SRR) !== 0,
  };
  if (validityPeriodMinutes !== undefined) submit.validityPeriodMinutes = validityPeriodMinutes;
  if (coding.messageClass !== undefined) submit.messageClass = coding.messageClass;
  const concat = userData.header?.concat;
  if (concat) submit.concat = { reference: concat.reference, total: concat.total, sequence: concat.sequence };
  if (smsc) submit.smsc = smsc;
  if (userData.data) submit.data = userData.data;
  return submit;
}
