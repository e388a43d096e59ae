// Inbound messages and delivery reports. New messages are stored by the modem and announced
// with +CMTI (or routed directly with +CMT); status reports come as +CDS or, stored, +CDSI
// (TS 27.005 §3.4.1). At start the whole store is listed (AT+CMGL=4), so messages that arrived
// while Fanout was closed are not lost. A stored message is deleted only after the listener
// acknowledges that it has saved it.

import {
  ConcatReassembler,
  decodePdu,
  type ReassembledMessage,
  type SmsDeliver,
  type SmsStatusReport,
} from '../../src-shared/sms';
import type { AtChannel, AtReply, Urc } from './at-channel';
import { ModemError } from './errors';

export interface InboundMessage {
  readonly from: string;
  readonly fromType: SmsDeliver['sender']['type'];
  readonly text: string;
  /** When the service centre received it (ISO 8601 with its offset). */
  readonly serviceCentreTimestamp: string;
  readonly receivedAt: Date;
  readonly totalParts: number;
  /**
   * Parts that never arrived (1-based), for a long message handed on incomplete after waiting
   * for them in vain; empty for a whole message.
   */
  readonly missingParts: readonly number[];
}

export interface DeliveryReport {
  /** The TP-MR that +CMGS returned when the message was sent. */
  readonly messageReference: number;
  readonly recipient: string;
  /** TP-ST (TS 23.040 §9.2.3.15). */
  readonly status: number;
  readonly statusClass: SmsStatusReport['statusClass'];
  readonly serviceCentreTimestamp: string;
  readonly dischargeTimestamp: string;
}

/** Call when the item is safely stored; the modem's copy is deleted then. */
export type Acknowledge = () => Promise<void>;

export interface InboundListeners {
  message(message: InboundMessage, ack: Acknowledge): void;
  statusReport(report: DeliveryReport, ack: Acknowledge): void;
  problem(description: string): void;
}

interface StoredRef {
  readonly storage: string | null;
  readonly index: number;
}

function parseStorageIndication(line: string): StoredRef | null {
  const match = /^\+C(?:MTI|DSI):\s*"?([A-Z]{2})?"?\s*,\s*(\d+)/.exec(line);
  return match ? { storage: match[1] ?? null, index: Number(match[2]) } : null;
}

export class InboundReceiver {
  private readonly reassembler: ConcatReassembler;
  // Stored parts waiting for their siblings or for the listener's acknowledgement.
  private readonly storedParts = new WeakMap<SmsDeliver, StoredRef>();
  private readonly inHand = new Set<string>();
  // The modem reuses an index as soon as it is free, and its +CMTI can come in the same chunk as
  // the OK of AT+CMGD, before the deleting code has run on: a read of such an index waits for the
  // delete to be through.
  private readonly deletions = new Map<string, Promise<void>>();
  // Indications are read one after another, in the order they came, so a reply that arrived first
  // is handed on first even when its slot was still being freed.
  private indicationsRead: Promise<void> = Promise.resolve();
  private currentStorage: string | null;
  // Commands that act on the selected store (list, read, delete) run one at a time, each with the
  // AT+CPMS that selects its store: a delete queued while a read's store switch was still on its way
  // would otherwise run in the store the read chose (and delete an unread status report there).
  private storeCommands: Promise<unknown> = Promise.resolve();

  constructor(
    private channel: AtChannel,
    private readonly listeners: InboundListeners,
    readStorage: string | null,
    /** How long to wait for the missing parts of a long message; the codec's default when left out. */
    partialMessageTimeoutMs?: number,
  ) {
    this.currentStorage = readStorage;
    this.reassembler = new ConcatReassembler(
      partialMessageTimeoutMs === undefined ? {} : { timeoutMs: partialMessageTimeoutMs },
    );
  }

  /** After a reopen the receiver talks through the new channel. */
  useChannel(channel: AtChannel, readStorage: string | null): void {
    this.channel = channel;
    this.currentStorage = readStorage;
    this.storeCommands = Promise.resolve();
    this.inHand.clear();
    this.deletions.clear();
  }

  /** Routes the URCs this receiver understands; returns whether it took the URC. */
  handleUrc(urc: Urc): boolean {
    const [head = '', pdu] = urc.lines;
    switch (urc.name) {
      case '+CMTI':
      case '+CDSI': {
        const ref = parseStorageIndication(head);
        if (ref) this.indicationsRead = this.indicationsRead.then(() => this.readStored(ref));
        else this.listeners.problem(`unreadable indication: ${head}`);
        return true;
      }
      case '+CMT':
      case '+CDS':
        if (pdu) this.handlePdu(pdu, null);
        else this.listeners.problem(`${urc.name} without a PDU`);
        return true;
      default:
        return false;
    }
  }

  /** Reads everything in the store (received unread and read, plus stored status reports). */
  async readAll(): Promise<void> {
    const { reply, storage } = await this.inStore(null, 'AT+CMGL=4', 30_000);
    const lines = reply.lines;
    for (let i = 0; i < lines.length; i++) {
      const match = /^\+CMGL:\s*(\d+)/.exec(lines[i] ?? '');
      const pdu = lines[i + 1];
      if (!match || pdu === undefined) continue;
      i += 1;
      const ref = { storage, index: Number(match[1]) };
      if (this.inHand.has(this.key(ref))) continue;
      this.inHand.add(this.key(ref));
      this.handlePdu(pdu, ref);
    }
  }

  private key(ref: StoredRef): string {
    return `${ref.storage ?? ''}:${ref.index}`;
  }

  private async selectStorage(storage: string | null): Promise<void> {
    if (!storage || storage === this.currentStorage) return;
    await this.channel.send(`AT+CPMS="${storage}"`, { timeoutMs: 5000 });
    this.currentStorage = storage;
  }

  /** `command` in `storage` (null: the store selected now), after the store commands before it. */
  private inStore(storage: string | null, command: string, timeoutMs: number): Promise<{ reply: AtReply; storage: string | null }> {
    const run = async () => {
      await this.selectStorage(storage);
      return { reply: await this.channel.send(command, { timeoutMs }), storage: this.currentStorage };
    };
    const result = this.storeCommands.then(run, run);
    this.storeCommands = result.catch(() => undefined);
    return result;
  }

  private async readStored(ref: StoredRef): Promise<void> {
    const key = this.key(ref);
    await this.deletions.get(key);
    if (this.inHand.has(key)) return;
    this.inHand.add(key);
    try {
      const { reply } = await this.inStore(ref.storage, `AT+CMGR=${ref.index}`, 10_000);
      const headerIndex = reply.lines.findIndex((line) => line.startsWith('+CMGR:'));
      const pdu = reply.lines[headerIndex + 1];
      if (headerIndex < 0 || pdu === undefined) {
        this.inHand.delete(key);
        this.listeners.problem(`AT+CMGR=${ref.index} returned no message`);
        return;
      }
      this.handlePdu(pdu, ref);
    } catch (error) {
      this.inHand.delete(key);
      this.listeners.problem(
        `reading stored message ${ref.index} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private handlePdu(pdu: string, ref: StoredRef | null): void {
    const decoded = decodePdu(pdu, { direction: 'mt' });
    if (!decoded.ok) {
      // Kept on the modem: a later Fanout may decode what this one cannot.
      this.listeners.problem(
        `undecodable PDU${ref ? ` at index ${ref.index}` : ''}: ${decoded.error.message}`,
      );
      return;
    }
    const value = decoded.value;
    if (value.type === 'status-report') {
      this.listeners.statusReport(
        {
          messageReference: value.messageReference,
          recipient: value.recipient.number,
          status: value.status,
          statusClass: value.statusClass,
          serviceCentreTimestamp: value.serviceCentreTimestamp,
          dischargeTimestamp: value.dischargeTimestamp,
        },
        this.acknowledger(ref ? [ref] : []),
      );
      return;
    }
    if (value.type !== 'deliver') {
      this.listeners.problem('stored SMS-SUBMIT ignored');
      return;
    }
    if (ref) this.storedParts.set(value, ref);
    const complete = this.reassembler.add(value);
    if (complete) this.handOn(complete);
  }

  /**
   * Long messages whose missing parts did not come within the reassembler's timeout are handed on
   * as they are, with the gaps named: a reply must not vanish because the network lost a part.
   */
  expireStale(now: Date = new Date()): number {
    const stale = this.reassembler.expire(now);
    for (const partial of stale) this.handOn(partial);
    return stale.length;
  }

  private handOn(complete: ReassembledMessage): void {
    const refs = complete.parts
      .map((part) => this.storedParts.get(part))
      .filter((stored): stored is StoredRef => stored !== undefined);
    this.listeners.message(
      {
        from: complete.sender.number,
        fromType: complete.sender.type,
        text: complete.text,
        serviceCentreTimestamp: complete.serviceCentreTimestamp,
        receivedAt: complete.lastReceivedAt,
        totalParts: complete.totalParts,
        missingParts: complete.missingSequences,
      },
      this.acknowledger(refs),
    );
  }

  private acknowledger(refs: readonly StoredRef[]): Acknowledge {
    let done = false;
    return async () => {
      if (done) return;
      done = true;
      for (const ref of refs) {
        const key = this.key(ref);
        let deleted = (): void => undefined;
        this.deletions.set(key, new Promise<void>((resolve) => (deleted = resolve)));
        try {
          await this.inStore(ref.storage, `AT+CMGD=${ref.index}`, 10_000);
        } catch (error) {
          // The copy stays on the modem and is read again at the next start: delivered twice at
          // worst, never lost. So a failed delete is reported, not thrown.
          if (!(error instanceof ModemError)) throw error;
          this.listeners.problem(`deleting stored message ${ref.index} failed: ${error.message}`);
        } finally {
          this.inHand.delete(key);
          this.deletions.delete(key);
          deleted();
        }
      }
    };
  }
}
