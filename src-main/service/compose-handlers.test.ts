import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestService } from './test-service';

const service = createTestService();
afterAll(() => service.close());
const context = { transport: 'test' } as const;
let listId = 0;

async function call<T>(method: string, args: unknown): Promise<T> {
  const envelope = await service.call(method, args, context);
  if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.message}`);
  return envelope.value as T;
}

beforeAll(async () => {
  listId = (await call<{ id: number }>('contacts.createList', { name: 'Praxis' })).id;
  await call('contacts.create', {
    phone: '+4915111111111',
    name: 'Anna',
    fields: { Vorname: 'Anna', Termin: 'Montag' },
    listIds: [listId],
  });
  await call('contacts.create', {
    phone: '+4915122222222',
    name: 'Bert',
    fields: { Vorname: 'Bert' },
    listIds: [listId],
  });
  await call('contacts.create', {
    phone: '+4915133333333',
    name: 'Çelik',
    fields: { Vorname: 'Çelik', Termin: 'Dienstag' },
    listIds: [listId],
  });
  await call('contacts.optOut', { phone: '+4915133333333' });
  await call('settings.update', { pricePerPart: 0.1, currency: 'CHF' });
});

describe('compose handlers', () => {
  it('renders each recipient with the shared template renderer and counts their parts', async () => {
    const { recipients } = await call<{ recipients: Record<string, unknown>[] }>('compose.preview', {
      template: 'Hallo {{Vorname}}, Ihr Termin: {{Termin}} 🙂',
      listId,
      limit: 10,
    });
    expect(recipients).toEqual([
      expect.objectContaining({
        name: 'Anna',
        text: 'Hallo Anna, Ihr Termin: Montag 🙂',
        parts: 1,
        encoding: 'ucs2',
        missingFields: [],
        optedOut: false,
      }),
      expect.objectContaining({
        name: 'Bert',
        text: 'Hallo Bert, Ihr Termin:  🙂',
        missingFields: ['Termin'],
      }),
      expect.objectContaining({ name: 'Çelik', optedOut: true }),
    ]);
  });

  it('uses fallbacks, and Name and Phone when no column has that name', async () => {
    const { recipients } = await call<{ recipients: { text: string; missingFields: string[] }[] }>(
      'compose.preview',
      {
        template: '{{Name}} {{Phone}} {{Termin|bald}}',
        listId,
        limit: 2,
      },
    );
    expect(recipients.map((r) => r.text)).toEqual(['Anna +4915111111111 Montag', 'Bert +4915122222222 bald']);
    expect(recipients.every((r) => r.missingFields.length === 0)).toBe(true);
  });

  it('estimates parts and cost over the list, leaving out opted-out people', async () => {
    const long = 'x'.repeat(158);
    const estimate = await call('compose.estimate', { template: `${long} {{Vorname}}`, listId });
    // "x"*158 + " Anna" = 163 septets, over 160: 2 parts each for the two who can be messaged.
    expect(estimate).toEqual({
      recipients: 2,
      optedOut: 1,
      totalParts: 4,
      maxParts: 2,
      ucs2Count: 0,
      withMissingFields: 0,
      exact: true,
      pricePerPart: 0.1,
      currency: 'CHF',
      cost: 0.4,
    });
    const plain = await call<{ totalParts: number; ucs2Count: number }>('compose.estimate', {
      template: 'Guten Tag 👋',
      listId,
    });
    expect(plain).toMatchObject({ totalParts: 2, ucs2Count: 2 });
  });

  it('refuses a list that does not exist', async () => {
    const envelope = await service.call('compose.preview', { template: 'x', listId: 999, limit: 5 }, context);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
