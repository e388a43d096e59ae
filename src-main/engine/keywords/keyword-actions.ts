// What a keyword reply changes, run inside the transaction that stores the reply (inbound-handler):
// the reply, the opt-out (or opt-in), its history event, the audit entry and the queued answer
// commit together or not at all. An answer is never queued twice a day for the same number and
// keyword: two automatic responders answering each other would otherwise loop for ever.
import type { KeywordMatch } from './keyword-matcher';
import type { KeywordPolicy } from './keyword-policy';
import { SYSTEM_ACTOR, type Store } from '../../store';

export const ANSWER_AT_MOST_EVERY_MS = 24 * 3600_000;

export interface KeywordReply {
  readonly inboundId: number;
  readonly senderE164: string;
  readonly text: string;
  readonly match: KeywordMatch;
  readonly receivedAt: number;
}

export interface KeywordEffect {
  /** The sender was put on the opt-out list by this reply. */
  readonly optedOut: boolean;
  /** The sender was taken off the opt-out list by this reply. */
  readonly optedIn: boolean;
  /** The queued answer, if any. */
  readonly autoReplyId: number | null;
}

const NO_EFFECT: KeywordEffect = { optedOut: false, optedIn: false, autoReplyId: null };

/**
 * Sources a START reply does not lift. An erased person's number stays blocked (its clear form
 * is gone; the person was told their data is deleted): an operator decides after talking to them.
 */
const KEPT_ON_START: readonly string[] = ['erasure'];

export function applyKeyword(store: Store, policy: KeywordPolicy, reply: KeywordReply): KeywordEffect {
  const { match, senderE164, receivedAt } = reply;
  if (match.keyword === 'near-miss') return NO_EFFECT;
  let optedOut = false;
  let optedIn = false;
  if (match.keyword === 'stop') {
    const reason = `replied "${match.word}"`;
    const { added } = store.suppressions.add({ phoneE164: senderE164, reason, source: 'stop-reply' }, receivedAt);
    if (added) {
      const phoneHash = store.suppressions.phoneHashOf(senderE164);
      store.suppressions.recordEvent({ phoneHash, event: 'opt-out', source: 'stop-reply', reason, at: receivedAt, actor: SYSTEM_ACTOR.name });
      store.audit.append({ actor: SYSTEM_ACTOR, action: 'suppression.stop-reply', details: { phoneHash } }, receivedAt);
      optedOut = true;
    }
  } else if (match.keyword === 'start') {
    const source = store.suppressions.sourceOf(senderE164);
    // Someone not on the list who sends START changed nothing, so there is nothing to confirm.
    if (source === undefined || KEPT_ON_START.includes(source)) return NO_EFFECT;
    store.suppressions.remove(senderE164);
    const phoneHash = store.suppressions.phoneHashOf(senderE164);
    const reason = `replied "${match.word}"`;
    store.suppressions.recordEvent({ phoneHash, event: 'opt-in', source: 'start-reply', reason, at: receivedAt, actor: SYSTEM_ACTOR.name });
    store.audit.append({ actor: SYSTEM_ACTOR, action: 'suppression.start-reply', details: { phoneHash } }, receivedAt);
    optedIn = true;
  }
  const answer = policy.answerTo(match);
  if (!answer || store.autoReplies.answeredSince(senderE164, answer.kind, receivedAt - ANSWER_AT_MOST_EVERY_MS)) {
    return { optedOut, optedIn, autoReplyId: null };
  }
  const autoReplyId = store.autoReplies.queue({ inboundId: reply.inboundId, recipientE164: senderE164, kind: answer.kind, body: answer.text }, receivedAt);
  return { optedOut, optedIn, autoReplyId };
}
