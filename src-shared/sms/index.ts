// Fanout's GSM message codec (3GPP TS 23.038 alphabets, TS 23.040 PDUs). Pure, no I/O.
export type {
  SmsEncoding,
  PhoneAddress,
  SmsDeliver,
  SmsStatusReport,
  SmsSubmit,
  DecodedPdu,
  StatusClass,
  ConcatInfo,
} from './types';
export { CodecError } from './errors';
export type { CodecErrorCode, DecodeResult, PduDecodeErrorCode } from './errors';
export { encodeSubmit } from './pdu-submit';
export type { SubmitRequest, SubmitPart } from './pdu-submit';
export { encodeDeliver } from './pdu-deliver';
export type { DeliverRequest, EncodedPdu } from './pdu-deliver';
export { encodeStatusReport } from './pdu-status-report';
export type { StatusReportRequest } from './pdu-status-report';
export { decodePdu } from './decode';
export type { DecodeOptions } from './decode';
export { ConcatReassembler } from './reassembly';
export type { ReassembledMessage, ReassemblerOptions } from './reassembly';
export { ConcatReferenceAllocator } from './concat-reference';
export type { ConcatReferenceAllocatorOptions } from './concat-reference';
export { countMessage, countForRecipients } from './counter';
export type { CountOptions, MessageCount, RecipientCounts } from './counter';
export { segmentText, MAX_PARTS } from './segment';
export type { SegmentOptions, Segmentation } from './segment';
export { transliterate, GSM7_TRANSLITERATIONS } from './transliteration';
export type { Replacement } from './transliteration';
export { NATIONAL_LANGUAGES } from './national-tables';
export type { NationalLanguage } from './national-tables';
export { gsm7Charset, packSeptets, unpackSeptets, textToSeptets, septetsToText } from './gsm7';
export type { Gsm7Tables, Gsm7Charset } from './gsm7';
export { statusClassOf, STATUS_DESCRIPTIONS } from './status';
