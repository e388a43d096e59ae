import { afterEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore } from '../store/testing';
import { createEngine, type Engine } from './engine';
import type { ProgressBatch } from './events';
import { seedList, waitUntil } from './testing/seed';
import { modemUtilisation, openVirtualModems, type VirtualModemSetup } from './testing/virtual-modems';

let temp: TempStore | undefined;
let modems: VirtualModemSetup | undefined;
let engine: Engine | undefined;

afterEach(async () => {
  await engine?.stop();
  await modems?.close();
  temp?.cleanup();
  engine = modems = temp = undefined;
});

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

describe('campaign engine over virtual modems', () => {
  it('sends a campaign through 4 modems, every message exactly once, keeping every modem busy', async () => {
    temp = openTempStore('fanout-engine-');
    const { store } = temp;
    const latencyMs = 100;
    const { listId, numbers } = seedList(store, 'Kunden', 160);
    modems = await openVirtualModems({ count: 4, submitLatencyMs: latencyMs });
    engine = createEngine({ store, progressIntervalMs: 100 });
    const batches: ProgressBatch[] = [];
    engine.on('progress', (batch) => batches.push(batch));
    for (const modem of modems.modems) engine.attachModem(modem);
    engine.start();

    const created = await engine.createCampaign({ name: 'Frühling', template: 'Hallo {{Vorname|Kunde}}, 10% Rabatt!', listIds: [listId] });
    expect(created.estimate).toMatchObject({ recipients: 160, totalParts: 160, optedOut: 0 });
    expect(created.enqueued).toBe(160);
    expect(engine.startCampaign(created.campaign.id)).toBe('running');
    await expect(engine.whenFinished(created.campaign.id)).resolves.toBe('completed');

    const received = modems.network.submittedMessages();
    const perRecipient = countBy(received, (message) => message.to);
    expect(perRecipient.size).toBe(160);
    expect([...perRecipient.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(received.map((m) => m.to))).toEqual(new Set(numbers));
    expect(received.find((m) => m.to === numbers[7])?.text).toBe('Hallo P7, 10% Rabatt!');
    // Every modem took a share, and none sat idle while work was queued.
    const perModem = countBy(received, (message) => message.modemImei);
    expect(perModem.size).toBe(4);
    for (const n of perModem.values()) expect(n).toBeGreaterThan(20);
    expect(modemUtilisation(modems.network, 4, latencyMs)).toBeGreaterThan(0.8);

    expect(store.queue.countByState(created.campaign.id)).toMatchObject({ sent: 160, queued: 0, sending: 0, unknown: 0 });
    expect(store.campaigns.get(created.campaign.id)?.state).toBe('completed');
    // Progress arrives batched, far fewer events than state changes, and ends with the final counts.
    const changes = batches.reduce((sum, batch) => sum + batch.changes.length, 0);
    expect(batches.length).toBeLessThan(changes / 4);
    expect(batches.at(-1)?.campaigns.at(-1)?.counts.sent).toBe(160);
  });

  it('renders long and Unicode texts into the right number of parts and sends every part', async () => {
    temp = openTempStore('fanout-engine-');
    const { store } = temp;
    const { listId } = seedList(store, 'Lang', 6, { fields: (i) => ({ Vorname: i % 2 ? 'Zoë' : 'Łukasz' }) });
    modems = await openVirtualModems({ count: 2 });
    engine = createEngine({ store });
    for (const modem of modems.modems) engine.attachModem(modem);
    engine.start();
    const template = `Hallo {{Vorname}}! ${'Dies ist ein langer Text. '.repeat(8)}`;
    const created = await engine.createCampaign({ name: 'Lang', template, listIds: [listId] });
    expect(created.estimate.maxParts).toBeGreaterThan(1);
    engine.startCampaign(created.campaign.id);
    await engine.whenFinished(created.campaign.id);
    const received = modems.network.submittedMessages();
    expect(received).toHaveLength(6);
    expect(received.every((message) => message.complete)).toBe(true);
    expect(received.map((m) => m.text).sort()).toContain(template.replace('{{Vorname}}', 'Łukasz'));
    expect(modems.network.submittedParts()).toHaveLength(created.estimate.totalParts);
  });

  it('pauses within one message and resumes, and a cancel skips what is left', async () => {
    temp = openTempStore('fanout-engine-');
    const { store } = temp;
    const { listId } = seedList(store, 'Pause', 40);
    modems = await openVirtualModems({ count: 2, submitLatencyMs: 50 });
    engine = createEngine({ store });
    for (const modem of modems.modems) engine.attachModem(modem);
    engine.start();
    const { campaign } = await engine.createCampaign({ name: 'P', template: 'x', listIds: [listId] });
    engine.startCampaign(campaign.id);
    while (modems.network.submittedParts().length < 6) await new Promise((r) => setTimeout(r, 10));
    expect(engine.pauseCampaign(campaign.id)).toBe(true);
    const atPause = modems.network.submittedParts().length;
    await new Promise((r) => setTimeout(r, 400));
    // At most the message each modem had in hand finished after the pause.
    expect(modems.network.submittedParts().length).toBeLessThanOrEqual(atPause + 2);
    const paused = modems.network.submittedParts().length;
    expect(store.queue.countByState(campaign.id).sending).toBe(0);

    expect(engine.resumeCampaign(campaign.id)).toBe('running');
    while (modems.network.submittedParts().length < paused + 6) await new Promise((r) => setTimeout(r, 10));
    expect(engine.cancelCampaign(campaign.id)).toBe(true);
    await expect(engine.whenFinished(campaign.id)).resolves.toBe('cancelled');
    await new Promise((r) => setTimeout(r, 200));
    const counts = store.queue.countByState(campaign.id);
    expect(counts.queued).toBe(0);
    expect(counts.sent).toBe(modems.network.submittedParts().length);
    expect(counts.skipped).toBe(40 - counts.sent);
  });

  it('matches delivery reports to parts (references wrap past 255) and marks a message delivered when all its parts are', async () => {
    temp = openTempStore('fanout-engine-');
    const { store } = temp;
    const { listId } = seedList(store, 'Reports', 150);
    // Reports come back at once: part 1's report arrives before part 2 is even submitted, so
    // before the hand-over is recorded; the engine must hold it until it can be matched.
    modems = await openVirtualModems({ count: 1, submitLatencyMs: 5, statusReportDelayMs: 0 });
    engine = createEngine({ store, progressIntervalMs: 50 });
    const delivered = new Set<number>();
    engine.on('progress', (batch) => batch.changes.filter((c) => c.state === 'delivered').forEach((c) => delivered.add(c.messageId)));
    for (const modem of modems.modems) engine.attachModem(modem);
    engine.start();
    const template = `{{Vorname}}: ${'Zwei Teile, damit die Referenzen über 255 laufen. '.repeat(4)}`;
    const created = await engine.createCampaign({ name: 'R', template, listIds: [listId], requestStatusReport: true });
    expect(created.estimate.totalParts).toBe(300);
    engine.startCampaign(created.campaign.id);
    await engine.whenFinished(created.campaign.id);
    await waitUntil(() => store.queue.countByState(created.campaign.id).delivered === 150, 15_000, 'every delivery report');
    expect(modems.network.submittedParts()).toHaveLength(300);
    expect(new Set(modems.network.submittedParts().map((p) => p.messageReference)).size).toBe(256);
    expect(store.queue.countByState(created.campaign.id)).toMatchObject({ delivered: 150, sent: 0, failed: 0 });
    await waitUntil(() => delivered.size === 150, 5_000, 'delivered progress events');
  });

  it('hands a trickle of messages to the free SIMs in turn', async () => {
    temp = openTempStore('fanout-engine-');
    const { store } = temp;
    modems = await openVirtualModems({ count: 3 });
    engine = createEngine({ store });
    for (const modem of modems.modems) engine.attachModem(modem);
    engine.start();
    // Six one-recipient campaigns, one after the other: all three SIMs are free each time.
    for (let i = 0; i < 6; i++) {
      const { listId } = seedList(store, `One ${i}`, 1, { firstIndex: i });
      const { campaign } = await engine.createCampaign({ name: `T${i}`, template: 'x', listIds: [listId] });
      engine.startCampaign(campaign.id);
      await engine.whenFinished(campaign.id);
    }
    const perModem = countBy(modems.network.submittedMessages(), (message) => message.modemImei);
    expect([...perModem.values()]).toEqual([2, 2, 2]);
  });
});
