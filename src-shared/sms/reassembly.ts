import type { PhoneAddress, SmsDeliver, SmsEncoding } from './types';

/** An inbound message made of one or more SMS-DELIVER parts. */
export interface ReassembledMessage {
  sender: PhoneAddress;
  /** The parts' texts in sequence order; for an expired partial, missing parts are simply absent. */
  text: string;
  /** Parts present, in sequence order. */
  parts: SmsDeliver[];
  complete: boolean;
  /** Sequence numbers never received (only an expired partial has any). */
  missingSequences: number[];
  /** The concatenation reference; undefined for a single-part message. */
  reference?: number;
  totalParts: number;
  encoding: SmsEncoding | '8bit';
  /** Timestamp of the earliest part (by sequence) present. */
  serviceCentreTimestamp: string;
  firstReceivedAt: Date;
  lastReceivedAt: Date;
}

export interface ReassemblerOptions {
  /**
   * How long a partial message waits for its missing parts after the latest one arrived.
   * Default 24 h: a service centre may hold a part through a day of retries.
   */
  timeoutMs?: number;
}

interface Partial {
  sender: PhoneAddress;
  reference: number;
  total: number;
  parts: Map<number, SmsDeliver>;
  firstReceivedAt: Date;
  lastReceivedAt: Date;
}

const DEFAULT_TIMEOUT_MS = 24 * 60 * 60 * 1000;

function assemble(partial: Partial): ReassembledMessage {
  const parts = [...partial.parts.entries()].sort(([a], [b]) => a - b).map(([, part]) => part);
  const missingSequences: number[] = [];
  for (let sequence = 1; sequence <= partial.total; sequence++) {
    if (!partial.parts.has(sequence)) missingSequences.push(sequence);
  }
  return {
    sender: partial.sender,
    text: parts.map((part) => part.text).join(''),
    parts,
    complete: missingSequences.length === 0,
    missingSequences,
    reference: partial.reference,
    totalParts: partial.total,
    encoding: parts[0]?.encoding ?? 'gsm7',
    serviceCentreTimestamp: parts[0]?.serviceCentreTimestamp ?? '',
    firstReceivedAt: partial.firstReceivedAt,
    lastReceivedAt: partial.lastReceivedAt,
  };
}

/**
 * Joins concatenated parts (TS 23.040 9.2.3.24.1) that may arrive out of order and interleaved
 * with other senders' messages. Parts belong together when sender, reference and total match.
 * Nothing is dropped: stale partials come back from expire() with their missing parts named.
 */
export class ConcatReassembler {
  private readonly partials = new Map<string, Partial>();
  private readonly timeoutMs: number;

  constructor(options: ReassemblerOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** The whole message once its last missing part arrives, otherwise null. */
  add(sms: SmsDeliver, receivedAt: Date = new Date()): ReassembledMessage | null {
    if (!sms.concat || sms.concat.total <= 1) {
      return assemble({
        sender: sms.sender,
        reference: sms.concat?.reference ?? 0,
        total: 1,
        parts: new Map([[1, sms]]),
        firstReceivedAt: receivedAt,
        lastReceivedAt: receivedAt,
      });
    }
    const { reference, total, sequence } = sms.concat;
    const key = `${sms.sender.type}\u0000${sms.sender.number}\u0000${reference}\u0000${total}`;
    let partial = this.partials.get(key);
    if (!partial) {
      partial = {
        sender: sms.sender,
        reference,
        total,
        parts: new Map(),
        firstReceivedAt: receivedAt,
        lastReceivedAt: receivedAt,
      };
      this.partials.set(key, partial);
    }
    // A repeated part (the network may deliver one twice) keeps the copy first received.
    if (!partial.parts.has(sequence)) partial.parts.set(sequence, sms);
    if (receivedAt > partial.lastReceivedAt) partial.lastReceivedAt = receivedAt;
    // Parts restored from storage after a restart may be added out of time order.
    if (receivedAt < partial.firstReceivedAt) partial.firstReceivedAt = receivedAt;
    if (partial.parts.size < total) return null;
    this.partials.delete(key);
    return assemble(partial);
  }

  /** Removes and returns partials whose latest part is older than the timeout. */
  expire(now: Date = new Date()): ReassembledMessage[] {
    const expired: ReassembledMessage[] = [];
    for (const [key, partial] of this.partials) {
      if (now.getTime() - partial.lastReceivedAt.getTime() >= this.timeoutMs) {
        this.partials.delete(key);
        expired.push(assemble(partial));
      }
    }
    return expired;
  }

  /** Removes and returns every partial (e.g. at shutdown, so their parts can be stored). */
  flush(): ReassembledMessage[] {
    const all = [...this.partials.values()].map(assemble);
    this.partials.clear();
    return all;
  }

  get pendingCount(): number {
    return this.partials.size;
  }
}
