import type { InboxThread } from '../../src-shared/api/methods/inbox';
import type { InboundMessage, Store } from '../store';
import type { DomainHandlers } from './handlers';

/** Replies looked at to build the thread list; older conversations appear once newer ones are read. */
const RECENT_REPLIES = 2000;
const THREAD_MESSAGES = 500;

function threadKey(message: Pick<InboundMessage, 'contactId' | 'senderE164' | 'senderRaw'>): string {
  if (message.contactId !== null) return `contact:${message.contactId}`;
  if (message.senderE164 !== null) return `phone:${message.senderE164}`;
  return `sender:${message.senderRaw ?? 'unknown'}`;
}

export function createInboxHandlers(store: Store): DomainHandlers<'inbox.threads' | 'inbox.thread'> {
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
    };
  };

  const messagesOf = (key: string): InboundMessage[] => {
    const [kind, ...rest] = key.split(':');
    const value = rest.join(':');
    if (kind === 'contact') return store.inbound.listForContact(Number(value), { limit: THREAD_MESSAGES });
    return store.inbound.listRecent({ limit: RECENT_REPLIES }).filter((message) => threadKey(message) === key);
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
      return { threads: [...groups.values()].map(describe).filter((thread): thread is InboxThread => thread !== null) };
    },
    'inbox.thread': ({ key }) => {
      const messages = messagesOf(key);
      return {
        thread: describe(messages),
        messages: messages
          .map((message) => ({ id: message.id, body: message.body, receivedAt: new Date(message.receivedAt).toISOString(), keyword: message.keyword }))
          .reverse(),
      };
    },
  };
}
