import { afterAll, describe, expect, it } from 'vitest';
import { envelopeSchema } from '../../src-shared/api';
import { createTestService } from './test-service';

const service = createTestService({
  info: { version: '9.9.9', transport: 'serve', dataDir: '/data', databasePath: '/data/fanout.db', platform: 'linux', startedAt: new Date('2026-01-02T03:04:05Z') },
});
afterAll(() => service.close());
const context = { transport: 'test' } as const;

describe('dispatchCall', () => {
  it('answers a valid call with the handler result', async () => {
    expect(await service.call('app.info', {}, context)).toEqual({
      ok: true,
      value: { version: '9.9.9', transport: 'serve', dataDir: '/data', databasePath: '/data/fanout.db', platform: 'linux', startedAt: '2026-01-02T03:04:05.000Z' },
    });
  });

  it('refuses an unknown method without running anything', async () => {
    const envelope = await service.call('app.shutdown', {}, context);
    expect(envelope).toEqual({ ok: false, error: { code: 'unknown-method', message: 'Fanout does not know the request "app.shutdown".' } });
  });

  it.each([null, 42, { name: 'app.info' }, '__proto__', 'toString', 'constructor'])('refuses %j as a method name', async (method) => {
    const envelope = await service.call(method, {}, context);
    expect(envelope.ok).toBe(false);
    if (!envelope.ok) expect(envelope.error.code).toBe('unknown-method');
  });

  it('names every invalid argument and never calls the handler', async () => {
    let pinged = 0;
    const unsubscribe = service.events.subscribe(() => pinged++);
    const envelope = await service.call('app.ping', { message: '', extra: true }, context);
    unsubscribe();
    expect(pinged).toBe(0);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    if (!envelope.ok) {
      expect(envelope.error.details).toEqual(expect.arrayContaining([expect.stringContaining('args.message'), expect.stringContaining('"extra"')]));
    }
  });

  it('gives each refused argument as a field issue a window can translate (path, rule, bound)', async () => {
    const envelope = await service.call('campaigns.create', { name: ' ', template: 'Hi', listIds: [], limits: { perMinute: 0, perHour: 2.5, perDay: null } }, context);
    expect(envelope.ok).toBe(false);
    if (envelope.ok) return;
    expect(envelope.error.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: ['name'], kind: 'too_small', origin: 'string', bound: 1, inclusive: true }),
        expect.objectContaining({ path: ['listIds'], kind: 'too_small', origin: 'array', bound: 1 }),
        expect.objectContaining({ path: ['limits', 'perMinute'], kind: 'too_small', origin: 'number' }),
        expect.objectContaining({ path: ['limits', 'perHour'], kind: 'invalid_type', expected: 'int' }),
      ]),
    );
    // The whole error still survives the contract's own envelope check (the window parses it).
    expect(envelopeSchema.parse(envelope)).toEqual(envelope);
  });

  it('treats missing arguments as an empty object, so required fields are reported', async () => {
    const envelope = await service.call('app.ping', undefined, context);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('pushes app.pinged to subscribers when pinged', async () => {
    const seen: unknown[] = [];
    const unsubscribe = service.events.subscribe((event) => seen.push(event));
    await service.call('app.ping', { message: 'hello' }, context);
    unsubscribe();
    expect(seen).toEqual([{ name: 'app.pinged', payload: { message: 'hello', at: expect.any(String) } }]);
  });
});
