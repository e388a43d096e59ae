import { afterAll, describe, expect, it } from 'vitest';
import type { ApiEventMessage } from '../../../src-shared/api';
import { createTestService } from '../test-service';

const service = createTestService();
const events: ApiEventMessage[] = [];
service.events.subscribe((event) => events.push(event));
afterAll(() => service.close());

const call = async (method: string, args: unknown) => {
  const envelope = await service.call(method, args, { transport: 'test' });
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
  return envelope.value as Record<string, unknown>;
};

describe('modems domain', () => {
  it('starts with no modems when ports are not scanned', async () => {
    expect(await call('modems.list', {})).toEqual({ modems: [], scanning: false });
  });

  it('adds demo modems that answer like real ones and become ready', async () => {
    expect(await call('modems.startDemo', { count: 2 })).toEqual({ added: 2 });
    const { modems } = (await call('modems.list', {})) as { modems: { state: string; demo: boolean; imei: string | null; model: string | null }[] };
    expect(modems).toHaveLength(2);
    for (const modem of modems) {
      expect(modem.demo).toBe(true);
      expect(modem.state).toBe('ready');
      expect(modem.imei).toMatch(/^\d{15}$/);
      expect(modem.model).toBeTruthy();
    }
    expect(events.some((event) => event.name === 'modem.status')).toBe(true);
  });

  it("shows a modem's AT traffic for support", async () => {
    const { modems } = (await call('modems.list', {})) as { modems: { simId: number }[] };
    const first = modems[0];
    if (!first) throw new Error('no modem');
    const { text } = (await call('modems.trafficLog', { simId: first.simId })) as { text: string };
    expect(text).toContain('AT');
    expect(await service.call('modems.trafficLog', { simId: 999_999 }, { transport: 'test' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('refuses a demo of more than 8 modems with a clear error', async () => {
    expect(await service.call('modems.startDemo', { count: 50 }, { transport: 'test' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request', details: [expect.stringContaining('args.count')] },
    });
  });
});
