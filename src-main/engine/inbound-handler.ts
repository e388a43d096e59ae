// Replies and delivery reports from a modem, stored before the modem's copy is deleted (the
// acknowledgement comes only after the store call returned). A keyword reply is stored and acted
// on in one transaction (keywords/keyword-actions.ts): after a STOP commits, claimNext skips every
// queued message to the sender, in every campaign, and its confirmation is queued; if anything
// fails, nothing is kept and the modem keeps the message to be read again.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import type { Acknowledge, DeliveryReport, InboundMessage } from '../modem/receive';
import type { MessageState, Store } from '../store';
import type { Clock } from './clock';
import type { InboundNotice } from './events';
import { applyKeyword, type KeywordEffect } from './keywords/keyword-actions';
import type { KeywordPolicy } from './keywords/keyword-policy';

export interface InboundHandlerContext {
  readonly store: Store;
  readonly clock: Clock;
  readonly keywords: KeywordPolicy;
  readonly defaultCountry: CountryCode;
  inbound(notice: InboundNotice): void;
  reportMatched(change: { messageId: number; campaignId: number; state: MessageState }): void;
  problem(description: string): void;
}

/** E.164 for a number as a modem reports it (international with "+", or national digits). */
export function senderToE164(raw: string, defaultCountry: CountryCode): string | null {
  const parsed = parsePhoneNumberFromString(raw, defaultCountry);
  return parsed?.isPossible() ? parsed.number : null;
}

export function handleInboundMessage(context: InboundHandlerContext, simId: number, message: InboundMessage, ack: Acknowledge): void {
  const senderE164 = message.fromType === 'alphanumeric' ? null : senderToE164(message.from, context.defaultCountry);
  // A sender that is no phone number (an operator's name) cannot opt out or be answered.
  const match = senderE164 === null ? null : context.keywords.classify(message.text);
  const { store } = context;
  try {
    const receivedAt = context.clock.now();
    const { inboundId, effect } = store.inTransaction(() => {
      const stored = store.inbound.record({
        simId,
        senderE164,
        senderRaw: senderE164 === null ? message.from : null,
        body: message.text,
        sentAt: Number.isNaN(Date.parse(message.serviceCentreTimestamp)) ? null : Date.parse(message.serviceCentreTimestamp),
        receivedAt,
        keyword: match?.keyword ?? null,
      });
      const applied: KeywordEffect | null =
        match && senderE164 !== null ? applyKeyword(store, context.keywords, { inboundId: stored.id, senderE164, text: message.text, match, receivedAt }) : null;
      return { inboundId: stored.id, effect: applied };
    });
    context.inbound({
      inboundId,
      simId,
      senderE164,
      text: message.text,
      keyword: match?.keyword ?? null,
      optedOut: effect !== null && match?.keyword === 'stop',
      optedIn: effect?.optedIn ?? false,
      autoReplyId: effect?.autoReplyId ?? null,
    });
  } catch (error) {
    // Not acknowledged: the modem keeps its copy and it is read again at the next start.
    context.problem(`could not store a reply from ${message.from}: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  ack().catch((error: unknown) => context.problem(`could not delete a stored reply on the modem: ${String(error)}`));
}

/**
 * Matches a delivery report to its part. Returns false when no part matches yet: a report for
 * part 1 can arrive before the last part of a long message was accepted and the hand-over
 * recorded, so the caller keeps it and tries again for a while before acknowledging it.
 */
export function recordDeliveryReport(context: InboundHandlerContext, simId: number, report: DeliveryReport, receivedAt: number): boolean {
  const recipientE164 = senderToE164(report.recipient, context.defaultCountry);
  if (recipientE164 === null) return false;
  const match = context.store.queue.recordPartStatus({
    reference: report.messageReference,
    recipientE164,
    simId,
    outcome: report.statusClass,
    statusCode: report.status,
    at: receivedAt,
  });
  if (match) context.reportMatched({ messageId: match.messageId, campaignId: match.campaignId, state: match.messageState });
  return match !== undefined;
}

interface HeldReport {
  readonly simId: number;
  readonly report: DeliveryReport;
  readonly ack: Acknowledge;
  readonly receivedAt: number;
  readonly heldSince: number;
}

/** How long an unmatched report is kept for its hand-over to be recorded. */
const HOLD_UNMATCHED_MS = 120_000;

/** Delivery reports in: matched at once when possible, otherwise held and retried on each tick. */
export class DeliveryReportMatcher {
  private held: HeldReport[] = [];

  constructor(private readonly context: InboundHandlerContext) {}

  add(simId: number, report: DeliveryReport, ack: Acknowledge): void {
    const receivedAt = this.context.clock.now();
    this.attempt({ simId, report, ack, receivedAt, heldSince: performance.now() });
  }

  /** Tries the held reports again; drops (acknowledges) those held too long: sent outside Fanout, or too old. */
  retry(): void {
    const held = this.held;
    this.held = [];
    for (const item of held) this.attempt(item);
  }

  get heldCount(): number {
    return this.held.length;
  }

  private attempt(item: HeldReport): void {
    let matched: boolean;
    try {
      matched = recordDeliveryReport(this.context, item.simId, item.report, item.receivedAt);
    } catch (error) {
      // Not acknowledged: the modem keeps it and it is read again at the next start.
      this.context.problem(`could not record a delivery report: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (!matched && performance.now() - item.heldSince < HOLD_UNMATCHED_MS) {
      this.held.push(item);
      return;
    }
    item.ack().catch((error: unknown) => this.context.problem(`could not delete a stored report on the modem: ${String(error)}`));
  }
}
