// The send-time rules through the whole engine: STOP replies, quiet hours, SIM and campaign limits.
import { afterEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore } from '../store/testing';
import type { Clock } from './clock';
import { createEngine, type Engine } from './engine';
import type { InboundNotice } from './events';
import { auditCampaign } from './testing/campaign-audit';
import { seedList, seedNumbers, waitUntil } from './testing/seed';
import { openVirtualModems, type VirtualModemSetup } from './testing/virtual-modems';

let temp: TempStore | undefined;
let modems: VirtualModemSetup | undefined;
const engines: Engine[] = [];

afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.stop();
  await modems?.close();
  temp?.cleanup();
  modems = temp = undefined;
});

function received(setup: VirtualModemSetup, to?: string): number {
  return setup.network.submittedMessages().filter((m) => to === undefined || m.to === to).length;
}

describe('send-time rules', () => {
  it('a STOP reply mid-campaign stops every later message to that number, in every running campaign', async () => {
    temp = openTempStore('fanout-engine-');
    const { store } = temp;
    const { listId, numbers } = seedList(store, 'Stop', 60);
    const quitter = numbers[55] as string;
    const nearMiss = numbers[56] as string;
    modems = await openVirtualModems({ count: 2, submitLatencyMs: 40 });
    const engine = createEngine({ store, extraStopWords: ['Raus'] });
    engines.push(engine);
    const notices: InboundNotice[] = [];
    engine.on('inbound', (notice) => notices.push(notice));
    for (const modem of modems.modems) engine.attachModem(modem);
    engine.start();
    const first = (await engine.createCampaign({ name: 'A', template: 'Angebot A', listIds: [listId] })).campaign;
    const second = (await engine.createCampaign({ name: 'B', template: 'Angebot B', listIds: [listId] })).campaign;
    engine.startCampaign(first.id);
    engine.startCampaign(second.id);

    await waitUntil(() => received(modems as VirtualModemSetup) >= 10, 10_000, 'ten messages');
    modems.virtualModems[1]?.receiveSms({ from: quitter, text: '  Stopp ' });
    modems.virtualModems[0]?.receiveSms({ from: nearMiss, text: 'stop please' });
    await waitUntil(() => notices.length >= 2, 10_000, 'the replies to be stored');
    // Words configured at run time count from then on; the old extra word no longer does.
    engine.setExtraStopWords(['Genug']);
    modems.virtualModems[0]?.receiveSms({ from: numbers[57] as string, text: 'raus' });
    modems.virtualModems[1]?.receiveSms({ from: numbers[58] as string, text: 'GENUG' });
    await waitUntil(() => notices.length >= 4, 10_000, 'the later replies to be stored');
    expect(store.suppressions.isSuppressed(numbers[57] as string)).toBe(false);
    expect(store.suppressions.isSuppressed(numbers[58] as string)).toBe(true);
    expect(received(modems, quitter)).toBe(0);
    expect(store.suppressions.isSuppressed(quitter)).toBe(true);

    await Promise.all([engine.whenFinished(first.id), engine.whenFinished(second.id)]);
    // Checked where it matters: the network never saw a message to the number that said STOP.
    expect(received(modems, quitter)).toBe(0);
    expect(received(modems, nearMiss)).toBe(2);
    expect(received(modems, numbers[58])).toBeLessThan(2);
    expect(store.suppressions.isSuppressed(nearMiss)).toBe(false);
    for (const campaign of [first, second]) {
      const row = auditCampaign(store, campaign.id, modems.network).rows.find((r) => r.recipient === quitter);
      expect(row).toMatchObject({ state: 'skipped', reason: 'opted out' });
      expect(row).toBeDefined();
      const counts = store.queue.countByState(campaign.id);
      expect(counts.sent + counts.skipped).toBe(60);
      expect(counts.skipped).toBeGreaterThanOrEqual(1);
    }
    expect(notices.find((n) => n.senderE164 === quitter)).toMatchObject({ optedOut: true, text: '  Stopp ' });
    expect(notices.find((n) => n.senderE164 === nearMiss)).toMatchObject({ optedOut: false });
    const stored = store.inbound.listRecent({ limit: 10 });
    expect(stored.map((m) => [m.senderE164, m.keyword])).toEqual(expect.arrayContaining([[quitter, 'stop'], [nearMiss, 'near-miss']]));
    expect(stored.find((m) => m.senderE164 === quitter)?.contactId).not.toBeNull();
  });

  it('defers messages in quiet hours of the recipient’s local time and sends them when the window ends', async () => {
    temp = openTempStore('fanout-engine-');
    const { store } = temp;
    const german = ['+4915112340001', '+4915112340002', '+4915112340003'];
    const british = ['+447400123401', '+447400123402'];
    const american = ['+12125550101', '+12125550102'];
    const { listId } = seedNumbers(store, 'Zones', [...german, ...british, ...american]);
    // 20:30 UTC on 1 July: 22:30 in Berlin (quiet), 21:30 in London and 16:30 in New York (not).
    let now = Date.parse('2026-07-01T20:30:00Z');
    const clock: Clock = { now: () => now };
    modems = await openVirtualModems({ count: 2, submitLatencyMs: 10 });
    const engine = createEngine({ store, clock, defaultTimeZone: 'America/New_York' });
    engines.push(engine);
    for (const modem of modems.modems) engine.attachModem(modem);
    engine.start();
    const { campaign } = await engine.createCampaign({ name: 'Q', template: 'Hallo', listIds: [listId], quietHours: { start: '22:00', end: '08:00' } });
    engine.startCampaign(campaign.id);

    await waitUntil(() => received(modems as VirtualModemSetup) >= 4 && store.queue.countByState(campaign.id).sending === 0, 10_000, 'the messages outside quiet hours');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(modems.network.submittedMessages().map((m) => m.to).sort()).toEqual([...british, ...american].sort());
    const deferred = auditCampaign(store, campaign.id, modems.network).rows.filter((r) => r.state === 'queued');
    expect(deferred.map((r) => r.recipient).sort()).toEqual(german);
    expect(deferred.every((r) => r.reason?.startsWith('quiet hours'))).toBe(true);
    // Deferred to 08:00 Berlin summer time, not dropped.
    expect(store.queue.nextDueAt([campaign.id])).toBe(Date.parse('2026-07-02T06:00:00Z'));
    expect(store.campaigns.get(campaign.id)?.state).toBe('running');

    now = Date.parse('2026-07-02T05:59:00Z');
    engine.wake();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received(modems)).toBe(4);

    now = Date.parse('2026-07-02T06:00:00Z');
    engine.wake();
    await expect(engine.whenFinished(campaign.id)).resolves.toBe('completed');
    expect(modems.network.submittedMessages().map((m) => m.to).sort()).toEqual([...german, ...british, ...american].sort());
    expect(auditCampaign(store, campaign.id, modems.network).duplicates).toEqual([]);
  });

  it('keeps each SIM under its own limit and the campaign’s per-SIM limit, also across an engine restart', async () => {
    temp = openTempStore('fanout-engine-');
    const { store } = temp;
    const { listId } = seedList(store, 'Limits', 30);
    modems = await openVirtualModems({ count: 2, submitLatencyMs: 5 });
    let engine = createEngine({ store });
    engines.push(engine);
    const [limited, open] = modems.modems.map((modem) => engine.attachModem(modem));
    store.sims.update(limited?.simId ?? 0, { limitPerMinute: 2 }, Date.now());
    engine.refreshSimSettings();
    engine.start();
    const { campaign } = await engine.createCampaign({ name: 'L', template: 'x', listIds: [listId], limits: { perMinute: 4, perHour: null, perDay: null } });
    engine.startCampaign(campaign.id);

    await waitUntil(() => received(modems as VirtualModemSetup) >= 6, 10_000, 'the first minute’s allowance');
    await new Promise((resolve) => setTimeout(resolve, 700));
    const perModem = (index: number) => modems?.network.submittedMessages().filter((m) => m.modemImei === modems?.virtualModems[index]?.imei).length;
    expect(perModem(0)).toBe(2);
    expect(perModem(1)).toBe(4);
    expect(store.queue.partsSentSince(open?.simId ?? 0, Date.now() - 60_000)).toBe(4);

    // A new engine on the same database counts what was sent before it started.
    await engine.stop();
    for (const sim of [limited, open]) if (sim) await engine.detachModem(sim.simId);
    engine = createEngine({ store });
    engines.push(engine);
    for (const modem of modems.modems) engine.attachModem(modem);
    engine.start();
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(received(modems)).toBe(6);
    expect(store.campaigns.get(campaign.id)?.state).toBe('running');
    expect(store.queue.countByState(campaign.id)).toMatchObject({ sent: 6, queued: 24, sending: 0 });
  });

  it('holds a scheduled campaign until its start time, then runs it', async () => {
    temp = openTempStore('fanout-engine-');
    const { store } = temp;
    const { listId } = seedList(store, 'Later', 5);
    let now = Date.parse('2026-03-02T09:00:00Z');
    const clock: Clock = { now: () => now };
    modems = await openVirtualModems({ count: 1 });
    const engine = createEngine({ store, clock });
    engines.push(engine);
    engine.attachModem(modems.modems[0] as NonNullable<(typeof modems.modems)[0]>);
    engine.start();
    const { campaign } = await engine.createCampaign({ name: 'S', template: 'x', listIds: [listId], startAt: Date.parse('2026-03-02T10:00:00Z') });
    expect(engine.startCampaign(campaign.id)).toBe('scheduled');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(received(modems)).toBe(0);
    // Paused while scheduled, resumed: still waits for its time.
    expect(engine.pauseCampaign(campaign.id)).toBe(true);
    expect(engine.resumeCampaign(campaign.id)).toBe('scheduled');

    now = Date.parse('2026-03-02T10:00:00Z');
    engine.wake();
    await expect(engine.whenFinished(campaign.id)).resolves.toBe('completed');
    expect(received(modems)).toBe(5);
    expect(store.campaigns.get(campaign.id)?.startedAt).toBe(now);
  });
});
