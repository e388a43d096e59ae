// The engine against misbehaving virtual modems: hangs, unplugs, and CMS errors of each class.
import { afterEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore } from '../store/testing';
import { createEngine, type Engine } from './engine';
import type { SimStatus } from './events';
import { auditCampaign } from './testing/campaign-audit';
import { seedList, testNumber, waitUntil } from './testing/seed';
import { openVirtualModems, type VirtualModemSetup } from './testing/virtual-modems';

let temp: TempStore | undefined;
let modems: VirtualModemSetup | undefined;
let engine: Engine | undefined;

afterEach(async () => {
  await engine?.stop();
  await modems?.close();
  temp?.cleanup();
  engine = modems = temp = undefined;
});

const fastModem = { promptTimeoutMs: 400, submitTimeoutMs: 1000, commandTimeoutMs: 1000 };
const fastRetry = { maxTransientAttempts: 3, backoffMs: () => 50, simCooldownMs: 60_000 };

function receivedBy(setup: VirtualModemSetup, index: number): string[] {
  const imei = setup.virtualModems[index]?.imei;
  return setup.network.submittedMessages().filter((m) => m.modemImei === imei).map((m) => m.to);
}

describe('engine with faulty modems', () => {
  it('finishes the campaign on the others when one modem hangs and one is unplugged', async () => {
    temp = openTempStore('fanout-engine-');
    const { store } = temp;
    const { listId, numbers } = seedList(store, 'Faults', 80);
    modems = await openVirtualModems({
      count: 4,
      submitLatencyMs: 30,
      faults: (i) => (i === 0 ? { hangAfterSends: 4 } : i === 1 ? { unplugAfterSends: 4 } : undefined),
      modemOptions: { ...fastModem, reconnectIntervalMs: 60_000 },
    });
    engine = createEngine({ store, retry: fastRetry });
    const simEvents: SimStatus[] = [];
    engine.on('sim', (status) => simEvents.push(status));
    const sims = modems.modems.map((modem) => engine?.attachModem(modem).simId);
    engine.start();
    const { campaign } = await engine.createCampaign({ name: 'F', template: 'Hallo {{Vorname}}', listIds: [listId] });
    engine.startCampaign(campaign.id);
    await expect(engine.whenFinished(campaign.id)).resolves.toBe('completed');

    const audit = auditCampaign(store, campaign.id, modems.network);
    expect(audit.duplicates).toEqual([]);
    expect(audit.sentButNotReceived).toEqual([]);
    expect(audit.receivedButNotRecorded).toEqual([]);
    const unknown = audit.byState.get('unknown') ?? [];
    // The hung modem's message in hand lost its prompt: it may have gone out, so it is unknown.
    expect(unknown.length).toBeGreaterThanOrEqual(1);
    expect(unknown.length).toBeLessThanOrEqual(2);
    expect((audit.byState.get('sent') ?? []).length).toBe(80 - unknown.length);
    for (const number of numbers) expect(audit.receivedCount.has(number) || unknown.includes(number)).toBe(true);
    expect(receivedBy(modems, 0)).toHaveLength(4);
    // The simulator pulls the plug shortly after the 4th accepted submit; one more may slip through.
    const beforeUnplug = receivedBy(modems, 1).length;
    expect(beforeUnplug).toBeGreaterThanOrEqual(4);
    expect(beforeUnplug).toBeLessThanOrEqual(8);
    expect(receivedBy(modems, 2).length + receivedBy(modems, 3).length).toBe(80 - 4 - beforeUnplug - unknown.length);
    // Health was reported: the unplugged one and the hung one went out of service.
    expect(simEvents.some((s) => s.simId === sims[1] && s.modemState === 'unplugged' && !s.inService)).toBe(true);
    expect(simEvents.some((s) => s.simId === sims[0] && (s.modemState === 'recovering' || s.modemState === 'hung') && !s.inService)).toBe(true);

    // Only when the user asks are the unknown ones sent again; the campaign runs for them and completes.
    expect(engine.resendUnknown(campaign.id)).toBe(unknown.length);
    await waitUntil(() => store.campaigns.get(campaign.id)?.state === 'completed' && store.queue.countByState(campaign.id).unknown === 0, 10_000, 'the re-send');
    expect(store.queue.countByState(campaign.id)).toMatchObject({ sent: 80, queued: 0, unknown: 0 });
    for (const number of unknown) expect(audit.receivedCount.get(number) ?? 0).toBe(0);
    expect(auditCampaign(store, campaign.id, modems.network).duplicates).toEqual([]);
  });

  it('fails a permanent error with its reason, retries a transient one on another SIM, gives up after repeated transient errors', async () => {
    temp = openTempStore('fanout-engine-');
    const { store } = temp;
    const { listId } = seedList(store, 'Cms', 20);
    const unknownNumber = testNumber(3);
    const congestedOnFirst = [testNumber(0), testNumber(1)];
    const alwaysCongested = testNumber(5);
    modems = await openVirtualModems({
      count: 2,
      submitLatencyMs: 20,
      faults: (i) => ({
        cmsErrorFor: { [unknownNumber]: 1, [alwaysCongested]: 42, ...(i === 0 ? Object.fromEntries(congestedOnFirst.map((n) => [n, 42])) : {}) },
      }),
      modemOptions: fastModem,
    });
    engine = createEngine({ store, retry: fastRetry });
    for (const modem of modems.modems) engine.attachModem(modem);
    engine.start();
    const { campaign } = await engine.createCampaign({ name: 'C', template: 'x {{Vorname}}', listIds: [listId] });
    engine.startCampaign(campaign.id);
    await expect(engine.whenFinished(campaign.id)).resolves.toBe('completed');

    const audit = auditCampaign(store, campaign.id, modems.network);
    expect(audit.duplicates).toEqual([]);
    const row = (number: string) => audit.rows.find((r) => r.recipient === number);
    expect(row(unknownNumber)).toMatchObject({ state: 'failed', reason: 'The number does not exist.' });
    expect(row(alwaysCongested)?.state).toBe('failed');
    expect(row(alwaysCongested)?.reason).toMatch(/congested.*gave up after 3 attempts/);
    // Whichever modem took them first, they went out once, through the modem without the fault.
    for (const number of congestedOnFirst) {
      expect(row(number)?.state).toBe('sent');
      expect(receivedBy(modems, 1)).toContain(number);
      expect(receivedBy(modems, 0)).not.toContain(number);
    }
    expect(store.queue.countByState(campaign.id)).toMatchObject({ sent: 18, failed: 2, queued: 0, unknown: 0 });
  });

  it('takes a SIM out after a SIM-level error (barred) and lets the others send its share', async () => {
    temp = openTempStore('fanout-engine-');
    const { store } = temp;
    const { listId, numbers } = seedList(store, 'Barred', 30);
    modems = await openVirtualModems({
      count: 3,
      submitLatencyMs: 20,
      faults: (i) => (i === 0 ? { cmsErrorFor: Object.fromEntries(numbers.map((n) => [n, 8])) } : undefined),
      modemOptions: fastModem,
    });
    engine = createEngine({ store, retry: fastRetry });
    const simEvents: SimStatus[] = [];
    engine.on('sim', (status) => simEvents.push(status));
    const barred = engine.attachModem(modems.modems[0] as NonNullable<(typeof modems.modems)[0]>);
    for (const modem of modems.modems.slice(1)) engine.attachModem(modem);
    engine.start();
    const { campaign } = await engine.createCampaign({ name: 'B', template: 'x', listIds: [listId] });
    engine.startCampaign(campaign.id);
    await expect(engine.whenFinished(campaign.id)).resolves.toBe('completed');

    expect(store.queue.countByState(campaign.id)).toMatchObject({ sent: 30, failed: 0, unknown: 0 });
    expect(receivedBy(modems, 0)).toEqual([]);
    expect(auditCampaign(store, campaign.id, modems.network).duplicates).toEqual([]);
    const out = simEvents.find((s) => s.simId === barred.simId && !s.inService);
    expect(out?.problem).toMatch(/barred/i);
    expect(engine.sims().find((s) => s.simId === barred.simId)?.inService).toBe(false);
  });

  it('puts a modem that was unplugged and plugged back in to work again', async () => {
    temp = openTempStore('fanout-engine-');
    const { store } = temp;
    const { listId } = seedList(store, 'Replug', 150);
    modems = await openVirtualModems({
      count: 2,
      submitLatencyMs: 30,
      faults: (i) => (i === 0 ? { unplugAfterSends: 3, replugAfterMs: 200 } : undefined),
      modemOptions: { ...fastModem, reconnectIntervalMs: 100 },
    });
    engine = createEngine({ store, retry: fastRetry });
    const states: string[] = [];
    engine.on('sim', (status) => states.push(status.modemState));
    const first = engine.attachModem(modems.modems[0] as NonNullable<(typeof modems.modems)[0]>);
    engine.attachModem(modems.modems[1] as NonNullable<(typeof modems.modems)[1]>);
    engine.start();
    const { campaign } = await engine.createCampaign({ name: 'R', template: 'x', listIds: [listId] });
    engine.startCampaign(campaign.id);
    await expect(engine.whenFinished(campaign.id)).resolves.toBe('completed');

    expect(states).toContain('unplugged');
    expect(engine.sims().find((s) => s.simId === first.simId)?.modemState).toBe('ready');
    // It sent more after coming back than the few it managed before the plug was pulled.
    expect(receivedBy(modems, 0).length).toBeGreaterThan(8);
    const audit = auditCampaign(store, campaign.id, modems.network);
    expect(audit.duplicates).toEqual([]);
    expect(audit.sentButNotReceived).toEqual([]);
    expect((audit.byState.get('sent') ?? []).length + (audit.byState.get('unknown') ?? []).length).toBe(150);
  });

  it('survives a store failure: reports it as a problem, keeps its workers, stops cleanly', async () => {
    temp = openTempStore('fanout-engine-');
    const { store } = temp;
    const { listId } = seedList(store, 'Broken', 200);
    modems = await openVirtualModems({ count: 2, submitLatencyMs: 10 });
    engine = createEngine({ store });
    const problems: string[] = [];
    engine.on('problem', (description) => problems.push(description));
    for (const modem of modems.modems) engine.attachModem(modem);
    engine.start();
    const { campaign } = await engine.createCampaign({ name: 'X', template: 'x', listIds: [listId] });
    engine.startCampaign(campaign.id);
    await waitUntil(() => modems?.network.submittedParts().length !== 0, 5_000, 'sending to start');
    // The database goes away under the engine (as when the disk is unplugged).
    temp.database.close();
    await waitUntil(() => problems.length > 0, 5_000, 'a problem report');
    expect(problems[0]).toMatch(/database connection is not open/i);
    const sentBefore = modems.network.submittedParts().length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Without its database nothing more is claimed, so nothing more is sent.
    expect(modems.network.submittedParts().length).toBeLessThanOrEqual(sentBefore + 2);
    await engine.stop();
    engine = undefined;
  });
});
