import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ModemSummary } from '../../../src-shared/api';
import { createService, type FanoutService } from '../create-service';
import { defaultDatabasePath, openAppStore } from '../open-app-store';
import { createTestService } from '../test-service';

type Envelope = Awaited<ReturnType<FanoutService['call']>>;

function serviceOn(dataDir: string): FanoutService {
  return createService({
    info: { version: '1.0.0', transport: 'serve', dataDir, databasePath: defaultDatabasePath(dataDir), platform: 'linux', startedAt: new Date() },
    store: openAppStore(defaultDatabasePath(dataDir)),
    heartbeatMs: 0,
    scanSerialPorts: false,
  });
}

const call = async (service: FanoutService, method: string, args: unknown) => {
  const envelope = await service.call(method, args, { transport: 'test' });
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
  return envelope.value as Record<string, unknown>;
};

const listModems = async (service: FanoutService) => ((await call(service, 'modems.list', {})) as { modems: ModemSummary[] }).modems;

const pinAttempts = async (service: FanoutService, simId: number) => {
  const { text } = (await call(service, 'modems.trafficLog', { simId })) as { text: string };
  return text.split('\n').filter((line) => line.includes('AT+CPIN="')).length;
};

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('SIM PIN', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fanout-pin-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('never sends a refused PIN again, not even after a restart, and unlocks with the right one', async () => {
    const first = serviceOn(dataDir);
    let simId: number;
    try {
      expect(await call(first, 'modems.startDemo', { count: 1, pin: '4321' })).toEqual({ added: 1 });
      const [locked] = await listModems(first);
      if (!locked) throw new Error('no modem');
      simId = locked.simId;
      expect(locked.state).toBe('pin-required');
      expect(locked.inService).toBe(false);
      expect(locked.pinRefused).toBeNull();
      expect(await first.call('modems.checkBalance', { simId: locked.simId }, { transport: 'test' })).toMatchObject({
        ok: false,
        error: { code: 'unavailable', message: expect.stringContaining('once the modem is ready') },
      });

      const wrong = (await first.call('modems.enterPin', { simId, pin: '1111' }, { transport: 'test' })) as Envelope;
      expect(wrong).toMatchObject({ ok: false, error: { code: 'conflict' } });
      if (!wrong.ok) expect(wrong.error.message).toBe('The PIN was refused. 2 tries left before the SIM locks — check the PIN and enter it again.');
      expect((await listModems(first))[0]?.pinRefused).toEqual({ triesLeft: 2 });
      expect(await pinAttempts(first, simId)).toBe(1);

      const again = (await first.call('modems.enterPin', { simId, pin: '1111' }, { transport: 'test' })) as Envelope;
      expect(again).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('did not try it again') } });
      expect(await pinAttempts(first, simId)).toBe(1);
    } finally {
      await first.close();
    }

    const second = serviceOn(dataDir);
    try {
      await call(second, 'modems.startDemo', { count: 1, pin: '4321' });
      const [sameSim] = await listModems(second);
      expect(sameSim?.simId).toBe(simId);
      expect(sameSim?.pinRefused).toEqual({ triesLeft: 2 });
      const afterRestart = (await second.call('modems.enterPin', { simId, pin: '1111' }, { transport: 'test' })) as Envelope;
      expect(afterRestart).toMatchObject({ ok: false, error: { message: expect.stringContaining('did not try it again') } });
      expect(await pinAttempts(second, simId)).toBe(0);

      expect(await call(second, 'modems.enterPin', { simId, pin: '4321' })).toEqual({ state: 'ready' });
      await until(async () => (await listModems(second))[0]?.inService === true, 'the unlocked SIM to go into service');
      expect((await listModems(second))[0]?.pinRefused).toBeNull();
    } finally {
      await second.close();
    }
  });

  it('refuses a PIN that is not 4 to 8 digits before it reaches the SIM', async () => {
    const service = createTestService();
    try {
      expect(await service.call('modems.enterPin', { simId: 1, pin: '12a4' }, { transport: 'test' })).toMatchObject({
        ok: false,
        error: { code: 'bad-request' },
      });
    } finally {
      await service.close();
    }
  });
});

describe('balance, limits and test send', () => {
  const service = createTestService();
  afterAll(() => service.close());

  it('checks the balance by USSD and remembers the code given for the SIM', async () => {
    await call(service, 'modems.startDemo', { count: 2 });
    const [modem] = await listModems(service);
    if (!modem) throw new Error('no modem');
    expect(modem.balanceCode).toBe('*100#');
    const balance = await call(service, 'modems.checkBalance', { simId: modem.simId });
    expect(balance.text).toBe('Your balance is 12.34 EUR.\nValid until 31.12.2026.');
    expect(balance.code).toBe('*100#');
    expect(Date.parse(String(balance.checkedAt))).toBeGreaterThan(Date.now() - 60_000);
    await call(service, 'modems.checkBalance', { simId: modem.simId, code: '*101#' });
    const listed = (await listModems(service)).find((candidate) => candidate.simId === modem.simId);
    expect(listed?.balanceCode).toBe('*101#');
    expect(listed?.balance?.text).toContain('12.34 EUR');
  });

  it('says in plain words when the code is not one the operator knows', async () => {
    const [modem] = await listModems(service);
    expect(await service.call('modems.checkBalance', { simId: modem?.simId, code: 'abc' }, { transport: 'test' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request', details: [expect.stringContaining('*100#')] },
    });
  });

  it('stores per-SIM limits and shows them with the count of today', async () => {
    const [modem] = await listModems(service);
    if (!modem) throw new Error('no modem');
    expect(modem.limits).toEqual({ perMinute: null, perHour: null, perDay: null });
    expect(await call(service, 'modems.updateLimits', { simId: modem.simId, perMinute: 5, perHour: null, perDay: 300 })).toEqual({
      limits: { perMinute: 5, perHour: null, perDay: 300 },
    });
    expect(service.store.sims.get(modem.simId)).toMatchObject({ limitPerMinute: 5, limitPerDay: 300 });
    const listed = (await listModems(service)).find((candidate) => candidate.simId === modem.simId);
    expect(listed).toMatchObject({ limits: { perMinute: 5, perHour: null, perDay: 300 }, sentToday: 0 });
    expect(await service.call('modems.updateLimits', { simId: modem.simId, perMinute: 0, perHour: null, perDay: null }, { transport: 'test' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
  });

  it("counts today's parts of a campaign on the SIMs that sent them", async () => {
    const now = Date.now();
    const listId = service.store.lists.create('Heute', now).id;
    for (const phone of ['+4917011111111', '+4917022222222', '+4917033333333']) {
      const contact = service.store.contacts.create({ phoneE164: phone, name: null, fields: {} }, now);
      if (contact) service.store.contacts.addToList(contact.id, listId, now);
    }
    const { campaign } = (await call(service, 'campaigns.create', { name: 'Heute', template: `Termin ${'lang '.repeat(40)}`, listIds: [listId], quietHours: null })) as {
      campaign: { id: number };
    };
    await call(service, 'campaigns.start', { campaignId: campaign.id });
    await until(async () => (await listModems(service)).reduce((sum, modem) => sum + modem.sentToday, 0) === 6, 'six parts (three two-part messages) counted today');
    const modems = await listModems(service);
    expect(modems.reduce((sum, modem) => sum + modem.partsSent, 0)).toBe(6);
  });

  it('sends a test to one number through a ready modem and returns its part references', async () => {
    await until(async () => (await listModems(service)).some((modem) => modem.inService), 'a modem in service');
    const sent = await call(service, 'compose.testSend', { to: '0151 23456789', text: 'Hallo Test 😀' });
    expect(sent).toMatchObject({ to: '+4915123456789', parts: 1 });
    expect(sent.references).toHaveLength(1);
    const delivered = service.sending.demoNetwork.submittedMessages().filter((message) => message.to === '+4915123456789');
    expect(delivered.map((message) => message.text)).toEqual(['Hallo Test 😀']);
  });

  it('refuses numbers it cannot read and numbers on the opt-out list', async () => {
    expect(await service.call('compose.testSend', { to: '12', text: 'x' }, { transport: 'test' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: expect.stringContaining('"12" cannot be used') },
    });
    service.store.suppressions.add({ phoneE164: '+4915199999999', reason: 'STOP', source: 'test' }, Date.now());
    expect(await service.call('compose.testSend', { to: '+49 151 99999999', text: 'x' }, { transport: 'test' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('opt-out list') },
    });
    expect(service.sending.demoNetwork.submittedMessages().some((message) => message.to === '+4915199999999')).toBe(false);
  });
});

describe('test send without modems', () => {
  it('says that no modem is ready', async () => {
    const service = createTestService();
    try {
      expect(await service.call('compose.testSend', { to: '+4915123456789', text: 'x' }, { transport: 'test' })).toMatchObject({
        ok: false,
        error: { code: 'unavailable', message: expect.stringContaining('No modem is ready') },
      });
    } finally {
      await service.close();
    }
  });
});
