import { describe, expect, it } from 'vitest';
import { buildTimeline } from './timeline';

const reply = (id: number, receivedAt: string) => ({ id, body: `r${id}`, receivedAt, keyword: null, reviewedAt: null, reviewedBy: null });
const answer = (id: number, createdAt: string, inboundId: number) => ({
  id,
  inboundId,
  kind: 'help' as const,
  body: `a${id}`,
  state: 'sent' as const,
  reason: null,
  createdAt,
  sentAt: createdAt,
});

describe('inbox timeline', () => {
  it('puts answers after the replies they answer, oldest first', () => {
    const timeline = buildTimeline({
      messages: [reply(1, '2026-05-04T10:00:00.000Z'), reply(2, '2026-05-04T11:00:00.000Z')],
      autoReplies: [answer(7, '2026-05-04T11:00:00.000Z', 2), answer(6, '2026-05-04T10:00:00.000Z', 1)],
    });
    expect(timeline.map((entry) => (entry.kind === 'reply' ? `r${entry.reply.id}` : `a${entry.answer.id}`))).toEqual(['r1', 'a6', 'r2', 'a7']);
  });
});
