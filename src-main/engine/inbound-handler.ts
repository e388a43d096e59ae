// Replies and delivery reports from a modem, stored before the modem's copy is deleted (the
// acknowledgement comes only after the store call returned). A STOP reply is stored and puts
// the sender on the opt-out list in one transaction: from that commit on, claimNext skips every
// queued message to them, in every campaign.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import type { Acknowledge, DeliveryReport, InboundMessage } from '../modem/receive';
import type { MessageState, Store } from '../store';
import type { Clock } from './clock';
import type { InboundNotice } from './events';
import type { StopWordMatcher } from './stop-words';

export interface InboundHandlerContext {
  readonly store: Store;
  readonly clock: Clock;
  readonly stopWords: StopWordMatcher;
  readonly defaultCountry: CountryCode;
  inbound(notice: InboundNotice): void;
  reportMatched(change: { messageId: number; state: MessageState }): void;
  problem(description: string): void;
}

/** E.164 for a number as a modem reports it (international with "+", or national digits). */
export function senderToE164(raw: string, defaultCountry: CountryCode): string | null {
  const parsed = parsePhoneNumberFromString(raw, defaultCountry);
  return parsed?.isPossible() ? parsed.number : null;
}

export function handleInboundMessage(context: InboundHandlerContext, simId: number, message: InboundMessage, ack: Acknowledge): void {
  const senderE164 = message.fromType === 'alphanumeric' ? null : senderToE164(message.from, context.defaultCountry);
  const optOut = senderE164 !== null && context.stopWords.isStopReply(message.text);
  try {
    const stored = context.store.inbound.record(
      {
        simId,
        senderE164,
        senderRaw: senderE164 === null ? message.from : null,
        body: message.text,
        sentAt: Number.isNaN(Date.parse(message.serviceCentreTimestamp)) ? null : Date.parse(message.serviceCentreTimestamp),
        receivedAt: context.clock.now(),
        keyword: optOut ? 'stop' : null,
      },
      optOut ? { optOut: { reason: `replied "${message.text.trim()}"`, source: 'stop-reply' } } : undefined,
    );
    context.inbound({ inboundId: stored.id, simId, senderE164, text: message.text, optedOut: optOut });
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
  if (match) context.reportMatched({ messageId: match.messageId, state: match.messageState });
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
