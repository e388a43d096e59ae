// The "network" behind virtual modems: it records every SMS-SUBMIT that reached it, decoded, so
// tests and the demo can see exactly what a real network would have been handed.

import type { SmsSubmit } from '../../src-shared/sms';

export interface SubmittedPart {
  /** IMEI of the virtual modem that submitted it. */
  readonly modemImei: string;
  /** TP-MR the modem assigned (what +CMGS answered). */
  readonly messageReference: number;
  readonly pdu: string;
  readonly tpduLength: number;
  readonly submit: SmsSubmit;
  readonly receivedAt: Date;
}

/** Parts put back together: one entry per message as its recipient would read it. */
export interface SubmittedMessage {
  readonly modemImei: string;
  readonly to: string;
  readonly text: string;
  readonly parts: readonly SubmittedPart[];
  readonly complete: boolean;
}

export class VirtualNetwork {
  private readonly parts: SubmittedPart[] = [];
  private readonly listeners = new Set<(part: SubmittedPart) => void>();

  record(part: SubmittedPart): void {
    this.parts.push(part);
    for (const listener of this.listeners) listener(part);
  }

  onSubmit(listener: (part: SubmittedPart) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  submittedParts(): readonly SubmittedPart[] {
    return [...this.parts];
  }

  /** Parts grouped by modem, recipient and concatenation reference, in sequence order. */
  submittedMessages(): SubmittedMessage[] {
    const groups = new Map<string, SubmittedPart[]>();
    const order: string[] = [];
    for (const part of this.parts) {
      const concat = part.submit.concat;
      const key = concat
        ? `${part.modemImei}|${part.submit.recipient.number}|${concat.reference}|${concat.total}`
        : `single|${order.length}`;
      let group = groups.get(key);
      if (!group) {
        group = [];
        groups.set(key, group);
        order.push(key);
      }
      group.push(part);
    }
    return order.map((key) => {
      const group = [...(groups.get(key) ?? [])].sort(
        (a, b) => (a.submit.concat?.sequence ?? 1) - (b.submit.concat?.sequence ?? 1),
      );
      const first = group[0];
      if (!first) throw new Error('empty message group');
      const total = first.submit.concat?.total ?? 1;
      return {
        modemImei: first.modemImei,
        to: first.submit.recipient.number,
        text: group.map((part) => part.submit.text).join(''),
        parts: group,
        complete: group.length === total,
      };
    });
  }
}
