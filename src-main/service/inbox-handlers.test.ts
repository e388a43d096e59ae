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

describe('near misses', () => {
  const nearMiss = (senderE164: string, body: string) => ({ simId: null, senderE164, senderRaw: null, body, sentAt: null, receivedAt: Date.now(), keyword: 'near-miss' as const });
  const sender = { transport: 'test', operator: { id: 7, username: 'sam', displayName: 'Sam Sender', role: 'sender' } } as const;
  const viewer = { transport: 'test', operator: { id: 8, username: 'vic', displayName: 'Vic', role: 'viewer' } } as const;

  it('waits for an operator: "Opt this person out" puts them on the list with a confirmation, audited as the operator', async () => {
    const { id } = service.store.inbound.record(nearMiss('+4915133333301', 'Bitte abmelden!!'));
    const { threads, needsLook } = await call<{ threads: { key: string; needsLook: number }[]; needsLook: number }>('inbox.threads', { limit: 50 });
    expect(needsLook).toBe(1);
    expect(threads.find((thread) => thread.key === 'phone:+4915133333301')?.needsLook).toBe(1);

    expect(await service.call('inbox.review', { inboundId: id, decision: 'opt-out' }, viewer)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await service.call('inbox.review', { inboundId: id, decision: 'opt-out' }, sender)).toEqual({ ok: true, value: { optedOut: true } });
    const { store } = service;
    expect(store.suppressions.isSuppressed('+4915133333301')).toBe(true);
    expect(store.inbound.get(id)).toMatchObject({ reviewedBy: 'Sam Sender', reviewedAt: expect.any(Number) });
    const hash = store.suppressions.phoneHashOf('+4915133333301');
    expect(store.suppressions.eventsOf(hash)).toEqual([expect.objectContaining({ event: 'opt-out', source: 'near-miss-review', actor: 'Sam Sender' })]);
    expect(store.audit.list({ action: 'suppression.near-miss-review', limit: 5 }).entries).toEqual([
      expect.objectContaining({ actor: 'Sam Sender', details: { decision: 'opt-out', optedOut: true, phoneHash: hash } }),
    ]);
    // The confirmation an exact "ABMELDEN" would have had, in German.
    const thread = await call<{ autoReplies: { kind: string; body: string }[]; messages: { reviewedBy: string | null }[] }>('inbox.thread', { key: 'phone:+4915133333301' });
    expect(thread.autoReplies).toEqual([expect.objectContaining({ kind: 'stop-confirmation', body: expect.stringContaining('abgemeldet') })]);
    expect(thread.messages[0]?.reviewedBy).toBe('Sam Sender');
    expect((await call<{ needsLook: number }>('inbox.threads', { limit: 50 })).needsLook).toBe(0);
    // Decided once: a second decision is refused with who made the first.
    expect(await service.call('inbox.review', { inboundId: id, decision: 'no-action' }, sender)).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('Sam Sender') } });
  });

  it('"No action needed" only records the decision; an ordinary reply cannot be reviewed', async () => {
    const { id } = service.store.inbound.record(nearMiss('+4915133333302', 'Stop by tomorrow?'));
    expect(await service.call('inbox.review', { inboundId: id, decision: 'no-action' }, sender)).toEqual({ ok: true, value: { optedOut: false } });
    expect(service.store.suppressions.isSuppressed('+4915133333302')).toBe(false);
    expect(service.store.inbound.get(id)?.reviewedBy).toBe('Sam Sender');
    const ordinary = service.store.inbound.record({ ...nearMiss('+4915133333302', 'Danke'), keyword: null });
    expect(await service.call('inbox.review', { inboundId: ordinary.id, decision: 'opt-out' }, sender)).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
