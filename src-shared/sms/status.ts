import type { StatusClass } from './types';

/**
 * TP-ST classes (TS 23.040 9.2.3.15): 0x00-0x1F transaction completed, 0x20-0x3F temporary error
 * with the SC still trying, 0x40-0x5F permanent error, 0x60-0x7F temporary error with no more
 * attempts. Bit 7 values are reserved; they report neither a delivery nor a retry in progress,
 * so they count as failed.
 */
export function statusClassOf(status: number): StatusClass {
  if (status <= 0x1f) return 'delivered';
  if (status <= 0x3f) return 'pending';
  return 'failed';
}

/** Names for the TP-ST values TS 23.040 defines, for logs and the UI. */
export const STATUS_DESCRIPTIONS: ReadonlyMap<number, string> = new Map([
  [0x00, 'Received by the recipient'],
  [0x01, 'Forwarded by the service centre, delivery unconfirmed'],
  [0x02, 'Replaced by the service centre'],
  [0x20, 'Congestion, still trying'],
  [0x21, 'Recipient busy, still trying'],
  [0x22, 'No response from recipient, still trying'],
  [0x23, 'Service rejected, still trying'],
  [0x24, 'Quality of service not available, still trying'],
  [0x25, 'Error in recipient, still trying'],
  [0x40, 'Remote procedure error'],
  [0x41, 'Incompatible destination'],
  [0x42, 'Connection rejected by recipient'],
  [0x43, 'Not obtainable'],
  [0x44, 'Quality of service not available'],
  [0x45, 'No interworking available'],
  [0x46, 'Validity period expired'],
  [0x47, 'Deleted by originating SME'],
  [0x48, 'Deleted by service centre administration'],
  [0x49, 'Message does not exist'],
  [0x60, 'Congestion, no more attempts'],
  [0x61, 'Recipient busy, no more attempts'],
  [0x62, 'No response from recipient, no more attempts'],
  [0x63, 'Service rejected, no more attempts'],
  [0x64, 'Quality of service not available, no more attempts'],
  [0x65, 'Error in recipient, no more attempts'],
]);
