import type { ApiResult } from '../../../src-shared/api';

type Thread = ApiResult<'inbox.thread'>;
export type ReplyEntry = Thread['messages'][number];
export type AnswerEntry = Thread['autoReplies'][number];

export type TimelineEntry = { readonly kind: 'reply'; readonly at: string; readonly reply: ReplyEntry } | { readonly kind: 'answer'; readonly at: string; readonly answer: AnswerEntry };

/**
 * The person's replies and Fanout's answers in one conversation, oldest first. An answer follows
 * the reply it answers even when both carry the same second (a clock tick apart).
 */
export function buildTimeline(thread: Pick<Thread, 'messages' | 'autoReplies'>): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...thread.messages.map((reply) => ({ kind: 'reply' as const, at: reply.receivedAt, reply })),
    ...thread.autoReplies.map((answer) => ({ kind: 'answer' as const, at: answer.createdAt, answer })),
  ];
  const order = (entry: TimelineEntry) => (entry.kind === 'reply' ? 0 : 1);
  return entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || order(a) - order(b));
}
