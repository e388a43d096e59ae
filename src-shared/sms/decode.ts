import { decodeSmscField } from './address';
import type { DecodeResult } from './errors';
import { PduFormatError } from './errors';
import { hexToBytes } from './hex';
import { decodeDeliverTpdu } from './pdu-deliver';
import { PduReader } from './pdu-reader';
import { decodeStatusReportTpdu } from './pdu-status-report';
import { decodeSubmitTpdu } from './pdu-submit';
import type { DecodedPdu } from './types';

export interface DecodeOptions {
  /** TP-MTI depends on direction (TS 23.040 9.2.3.1): 'mt' = received by the modem, 'mo' = sent by it. */
  direction: 'mt' | 'mo';
  /** Whether the hex starts with the SMSC field, as AT+CMGR, +CMT and +CMGL give it. Default true. */
  hasSmsc?: boolean;
}

function decodeOrThrow(hex: string, options: DecodeOptions): DecodedPdu {
  const reader = new PduReader(hexToBytes(hex));
  const smsc = options.hasSmsc === false ? undefined : decodeSmscField(reader);
  const mti = reader.peek('first octet') & 0x03;
  if (options.direction === 'mo') {
    if (mti === 0x01) return decodeSubmitTpdu(reader, smsc);
    throw new PduFormatError('unsupported-message-type', `Outgoing TP-MTI ${mti} is not an SMS-SUBMIT`);
  }
  if (mti === 0x02) return decodeStatusReportTpdu(reader, smsc);
  // A reserved MTI (11) is processed as an SMS-DELIVER (TS 23.040 9.2.3.1).
  if (mti === 0x00 || mti === 0x03) return decodeDeliverTpdu(reader, smsc);
  throw new PduFormatError(
    'unsupported-message-type',
    'Incoming TP-MTI 01 (SMS-SUBMIT-REPORT) is not supported',
  );
}

/** Decodes a PDU as a modem prints it. Never throws: garbage gives a typed error. */
export function decodePdu(hex: string, options: DecodeOptions): DecodeResult<DecodedPdu> {
  try {
    return { ok: true, value: decodeOrThrow(hex, options) };
  } catch (error) {
    if (error instanceof PduFormatError)
      return { ok: false, error: { code: error.code, message: error.message } };
    // A bug in a decoder must not take down the receive loop; report it like any bad PDU.
    return {
      ok: false,
      error: { code: 'internal', message: error instanceof Error ? error.message : String(error) },
    };
  }
}
