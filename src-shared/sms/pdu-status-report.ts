import { decodeAddressField, encodeAddressField, encodeSmscField } from './address';
import { CodecError } from './errors';
import { bytesToHex } from './hex';
import type { EncodedPdu } from './pdu-deliver';
import type { PduReader } from './pdu-reader';
import { statusClassOf } from './status';
import { decodeTimestamp, encodeTimestamp, TIMESTAMP_OCTETS } from './timestamp';
import type { PhoneAddress, SmsStatusReport } from './types';

export interface StatusReportRequest {
  /** TP-MR of the SMS-SUBMIT this reports on (what +CMGS returned). */
  messageReference: number;
  recipient: string;
  /** TP-ST (TS 23.040 9.2.3.15). */
  status: number;
  submittedAt: Date;
  dischargedAt: Date;
  timezoneOffsetMinutes?: number;
  smsc?: string;
}

// MTI 10 = SMS-STATUS-REPORT towards the MS; TP-MMS set = no more messages waiting.
const FIRST_OCTET_STATUS_REPORT = 0x02 | 0x04;

/** An SMS-STATUS-REPORT PDU (TS 23.040 9.2.2.3) as the virtual modem's network would send it. */
export function encodeStatusReport(req: StatusReportRequest): EncodedPdu {
  for (const [name, value] of [
    ['Message reference', req.messageReference],
    ['Status', req.status],
  ] as const) {
    if (!Number.isInteger(value) || value < 0 || value > 0xff) {
      throw new CodecError(
        name === 'Status' ? 'invalid-status' : 'invalid-message-reference',
        `${name} must be 0-255, got ${value}`,
      );
    }
  }
  const smsc = req.smsc === undefined ? [0] : encodeSmscField(req.smsc);
  const tpdu = [
    FIRST_OCTET_STATUS_REPORT,
    req.messageReference,
    ...encodeAddressField(req.recipient),
    ...encodeTimestamp(req.submittedAt, req.timezoneOffsetMinutes),
    ...encodeTimestamp(req.dischargedAt, req.timezoneOffsetMinutes),
    req.status,
  ];
  return { pdu: bytesToHex([...smsc, ...tpdu]), tpduLength: tpdu.length };
}

/**
 * Decodes an SMS-STATUS-REPORT TPDU. The optional TP-PI and the fields it announces are not
 * needed to match a report to its message, so they are left unread.
 */
export function decodeStatusReportTpdu(reader: PduReader, smsc: PhoneAddress | undefined): SmsStatusReport {
  reader.octet('first octet');
  const messageReference = reader.octet('message reference');
  const recipient = decodeAddressField(reader, 'recipient address');
  const serviceCentreTimestamp = decodeTimestamp(
    reader.octets(TIMESTAMP_OCTETS, 'service centre timestamp'),
    'service centre timestamp',
  );
  const dischargeTimestamp = decodeTimestamp(
    reader.octets(TIMESTAMP_OCTETS, 'discharge time'),
    'discharge time',
  );
  const status = reader.octet('status');
  const report: SmsStatusReport = {
    type: 'status-report',
    messageReference,
    recipient,
    status,
    statusClass: statusClassOf(status),
    serviceCentreTimestamp,
    dischargeTimestamp,
  };
  if (smsc) report.smsc = smsc;
  return report;
}
