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

export function handleDeliveryReport(context: InboundHandlerContext, simId: number, report: DeliveryReport, ack: Acknowledge): void {
  const recipientE164 = senderToE164(report.recipient, context.defaultCountry);
  try {
    if (recipientE164 !== null) {
      const match = context.store.queue.recordPartStatus({
        reference: report.messageReference,
        recipientE164,
        simId,
        outcome: report.statusClass,
        statusCode: report.status,
        at: context.clock.now(),
      });
      if (match) context.reportMatched({ messageId: match.messageId, state: match.messageState });
    }
  } catch (error) {
    context.problem(`could not record a delivery report: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  // Unmatched reports (older than the window, or for messages sent outside Fanout) are dropped too.
  ack().catch((error: unknown) => context.problem(`could not delete a stored report on the modem: ${String(error)}`));
}
