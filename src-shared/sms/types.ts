import type { ConcatInfo } from './udh';

export type { ConcatInfo } from './udh';

export type SmsEncoding = 'gsm7' | 'ucs2';

/** International numbers are written '+4917012345678'; alphanumeric senders as their text ('Bank'). */
export interface PhoneAddress {
  number: string;
  type: 'international' | 'national' | 'unknown' | 'alphanumeric';
}

/** An SMS-DELIVER: a message the modem received. */
export interface SmsDeliver {
  type: 'deliver';
  sender: PhoneAddress;
  text: string;
  encoding: SmsEncoding | '8bit';
  /** ISO 8601 with the offset the service centre gave, e.g. '2025-01-02T11:14:45+01:00'. */
  serviceCentreTimestamp: string;
  concat?: ConcatInfo;
  smsc?: PhoneAddress;
  messageClass?: number;
  /** Raw user data (after any header) for 8-bit messages, whose text is empty. */
  data?: Uint8Array;
  /** TP-PID (TS 23.040 9.2.3.9); 0 for ordinary messages. */
  protocolIdentifier?: number;
}

export type StatusClass = 'delivered' | 'pending' | 'failed';

/** An SMS-STATUS-REPORT: what happened to a message sent with a status report request. */
export interface SmsStatusReport {
  type: 'status-report';
  messageReference: number;
  recipient: PhoneAddress;
  /** TP-ST (TS 23.040 9.2.3.15). */
  status: number;
  statusClass: StatusClass;
  serviceCentreTimestamp: string;
  dischargeTimestamp: string;
  smsc?: PhoneAddress;
}

/** An SMS-SUBMIT as sent by the modem (decoded for tests and for reading the modem's outbox). */
export interface SmsSubmit {
  type: 'submit';
  recipient: PhoneAddress;
  text: string;
  encoding: SmsEncoding | '8bit';
  messageReference: number;
  statusReportRequested: boolean;
  validityPeriodMinutes?: number;
  messageClass?: number;
  concat?: ConcatInfo;
  smsc?: PhoneAddress;
  data?: Uint8Array;
}

export type DecodedPdu = SmsDeliver | SmsStatusReport | SmsSubmit;
