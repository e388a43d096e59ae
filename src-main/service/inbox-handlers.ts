import type { AutoReplySummary, InboxThread } from '../../src-shared/api/methods/inbox';
import { ANSWER_AT_MOST_EVERY_MS, createKeywordPolicy, type KeywordPolicy } from '../engine';
import type { AutoReply, InboundMessage, Store } from '../store';
import { actorOf } from './call-context';
import type { DomainHandlers } from './handlers';
import { ServiceError } from './service-error';

/** Replies looked at to build the thread list; older conversations appear once newer ones are read. */
const RECENT_REPLIES = 2000;
const THREAD_MESSAGES = 500;

export const NEAR_MISS_OPT_OUT_REASON = 'the reply looked like an opt-out; an operator confirmed it';

export interface InboxHandlerOptions {
  /** The words and answers in force (the engine's), for the confirmation of an operator's opt-out. */
  keywordPolicy?: () => KeywordPolicy;
  /** An answer was queued: the auto-reply worker looks at once. */
  answerQueued?: () => void;
}

function threadKey(message: Pick<InboundMessage, 'contactId' | 'senderE164' | 'senderRaw'>): string {
  if (message.contactId !== null) return `contact:${message.contactId}`;
  if (message.senderE164 !== null) return `phone:${message.senderE164}`;
  return `sender:${message.senderRaw ?? 'unknown'}`;
}

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

function summariseAutoReply(reply: AutoReply): AutoReplySummary {
  return {
    id: reply.id,
    inboundId: reply.inboundId,
    kind: reply.kind,
    body: reply.body,
    state: reply.state,
    reason: reply.reason,
    createdAt: new Date(reply.createdAt).toISOString(),
    sentAt: iso(reply.sentAt),
  };
}

export function createInboxHandlers(store: Store, options: InboxHandlerOptions = {}): DomainHandlers<'inbox.threads' | 'inbox.thread' | 'inbox.review'> {
  const policy = options.keywordPolicy ?? (() => createKeywordPolicy());

  const describe = (messages: InboundMessage[]): InboxThread | null => {
    // Newest first.
    const latest = messages[0];
    if (!latest) return null;
    const contact = latest.contactId !== null ? store.contacts.get(latest.contactId) : undefined;
    const phoneE164 = contact?.phoneE164 ?? latest.senderE164;
    return {
      key: threadKey(latest),
      contactId: contact?.id ?? null,
      phoneE164,
      senderRaw: latest.senderRaw,
      name: contact?.name ?? null,
      optedOut: contact?.optedOut ?? (phoneE164 !== null && store.suppressions.isSuppressed(phoneE164)),
      lastAt: new Date(latest.receivedAt).toISOString(),
      lastBody: latest.body,
      count: messages.length,
      hasStop: messages.some((message) => message.keyword === 'stop'),
      needsLook: messages.filter((message) => message.keyword === 'near-miss' && message.reviewedAt === null).length,
    };
  };

  const messagesOf = (key: string): InboundMessage[] => {
    const [kind, ...rest] = key.split(':');
    const value = rest.join(':');
    if (kind === 'contact') return store.inbound.listForContact(Number(value), { limit: THREAD_MESSAGES });
    return store.inbound.listRecent({ limit: RECENT_REPLIES }).filter((message) => threadKey(message) === key);
  };

  /** The confirmation an exact STOP would have had, in the language of the word the person used. */
  const queueStopConfirmation = (message: InboundMessage, phoneE164: string, now: number): boolean => {
    const current = policy();
    const nearMiss = current.classify(message.body ?? '');
    const word = nearMiss?.keyword === 'near-miss' ? current.classify(nearMiss.word) : null;
    const answer = current.answerTo(word?.keyword === 'stop' ? word : { keyword: 'stop', word: 'STOP', languages: [] });
    if (!answer || store.autoReplies.answeredSince(phoneE164, answer.kind, now - ANSWER_AT_MOST_EVERY_MS)) return false;
    store.autoReplies.queue({ inboundId: message.id, recipientE164: phoneE164, kind: answer.kind, body: answer.text }, now);
    return true;
  };

  return {
    'inbox.threads': ({ limit }) => {
      const groups = new Map<string, InboundMessage[]>();
      for (const message of store.inbound.listRecent({ limit: RECENT_REPLIES })) {
        const key = threadKey(message);
        const group = groups.get(key);
        if (group) group.push(message);
        else if (groups.size < limit) groups.set(key, [message]);
      }
      return {
        threads: [...groups.values()].map(describe).filter((thread): thread is InboxThread => thread !== null),
        needsLook: store.inbound.countAwaitingReview(),
      };
    },
    'inbox.thread': ({ key }) => {
      const messages = messagesOf(key);
      const thread = describe(messages);
      return {
        thread,
        messages: messages
          .map((message) => ({
            id: message.id,
            body: message.body,
            receivedAt: new Date(message.receivedAt).toISOString(),
            keyword: message.keyword,
            reviewedAt: iso(message.reviewedAt),
            reviewedBy: message.reviewedBy,
          }))
          .reverse(),
        autoReplies: thread?.phoneE164 ? store.autoReplies.forRecipient(thread.phoneE164, THREAD_MESSAGES).map(summariseAutoReply) : [],
      };
    },
    'inbox.review': ({ inboundId, decision }, context) => {
      const message = store.inbound.get(inboundId);
      if (!message) throw new ServiceError('not-found', 'That reply does not exist any more.');
      if (message.keyword !== 'near-miss') throw new ServiceError('conflict', 'Only a reply that looks like an opt-out waits for a decision.');
      if (message.reviewedAt !== null) {
        throw new ServiceError('conflict', `${message.reviewedBy ?? 'Someone'} already dealt with this reply. Look again for the current state.`);
      }
      const actor = actorOf(context);
      const now = Date.now();
      const phoneE164 = message.senderE164;
      if (decision === 'opt-out' && phoneE164 === null) throw new ServiceError('conflict', 'This sender is not a phone number, so there is nothing to opt out.');
      let queued = false;
      const optedOut = store.inTransaction(() => {
        if (!store.inbound.markReviewed(inboundId, actor.name, now)) throw new ServiceError('conflict', 'Someone else dealt with this reply just now.');
        if (decision === 'no-action' || phoneE164 === null) return false;
        const { added } = store.suppressions.add({ phoneE164, reason: NEAR_MISS_OPT_OUT_REASON, source: 'near-miss-review' }, now);
        if (added) store.suppressions.recordEvent({ phoneHash: store.suppressions.phoneHashOf(phoneE164), event: 'opt-out', source: 'near-miss-review', reason: NEAR_MISS_OPT_OUT_REASON, at: now, actor: actor.name });
        queued = queueStopConfirmation(message, phoneE164, now);
        return added;
      });
      if (queued) options.answerQueued?.();
      return { optedOut };
    },
  };
}
