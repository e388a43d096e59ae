import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestService } from './test-service';

const service = createTestService();
afterAll(() => service.close());
const context = { transport: 'test' } as const;

async function call<T>(method: string, args: unknown): Promise<T> {
  const envelope = await service.call(method, args, context);
  if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.message}`);
  return envelope.value as T;
}

const reply = (senderE164: string | null, body: string, receivedAt: number, keyword: 'stop' | null = null, senderRaw: string | null = null) => ({
  simId: null,
  senderE164,
  senderRaw,
  body,
  sentAt: null,
  receivedAt,
  keyword,
});

beforeAll(async () => {
  await call('contacts.create', { phone: '+4915111111111', name: 'Anna' });
  const { inbound } = service.store;
  inbound.record(reply('+4915111111111', 'Danke, bis Montag!', Date.parse('2026-03-01T09:00:00Z')));
  inbound.record(reply('+4915199999999', 'Wer ist da?', Date.parse('2026-03-01T10:00:00Z')));
  inbound.record(reply('+4915111111111', 'STOP', Date.parse('2026-03-01T11:00:00Z'), 'stop'), { optOut: { reason: 'replied "STOP"', source: 'stop-reply' } });
  inbound.record(reply(null, 'Ihr Guthaben: 5 EUR', Date.parse('2026-03-01T08:00:00Z'), null, 'Vodafone'));
});

describe('inbox handlers', () => {
  it('groups replies into one thread per person, newest first, with opt-outs marked', async () => {
    const { threads } = await call<{ threads: Record<string, unknown>[] }>('inbox.threads', { limit: 50 });
    expect(threads).toEqual([
      expect.objectContaining({ key: expect.stringMatching(/^contact:/), name: 'Anna', count: 2, lastBody: 'STOP', hasStop: true, optedOut: true }),
      expect.objectContaining({ key: 'phone:+4915199999999', name: null, count: 1, hasStop: false, optedOut: false }),
      expect.objectContaining({ key: 'sender:Vodafone', senderRaw: 'Vodafone', phoneE164: null }),
    ]);
  });

  it("answers one person's replies, oldest first", async () => {
    const { threads } = await call<{ threads: { key: string }[] }>('inbox.threads', { limit: 50 });
    const anna = await call<{ messages: { body: string; keyword: string | null }[] }>('inbox.thread', { key: threads[0]?.key });
    expect(anna.messages.map((m) => [m.body, m.keyword])).toEqual([
      ['Danke, bis Montag!', null],
      ['STOP', 'stop'],
    ]);
    const stranger = await call<{ thread: { phoneE164: string } | null; messages: unknown[] }>('inbox.thread', { key: 'phone:+4915199999999' });
    expect(stranger.thread?.phoneE164).toBe('+4915199999999');
    expect(stranger.messages).toHaveLength(1);
    expect(await call('inbox.thread', { key: 'phone:+491' })).toEqual({ thread: null, messages: [], autoReplies: [] });
  });
});
