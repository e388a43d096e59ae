// Keyword answers leave through a real (virtual) modem, and STOP holds across running campaigns.
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine, type InboundNotice } from '../../engine';
import { DEFAULT_ANSWER_TEXTS } from '../../engine/keywords/built-in-keywords';
import { seedList, waitUntil } from '../../engine/testing/seed';
import { openVirtualModems, type VirtualModemSetup } from '../../engine/testing/virtual-modems';
import type { Modem } from '../../modem';
import { AUTO_REPLY_INTERRUPTED_REASON } from '../../store';
import { openTempStore, type TempStore } from '../../store/testing';
import { ANSWER_WITHIN_MS, AutoReplyWorker, readyReplyModems, TOO_LATE_REASON, type ReplyModem } from './auto-reply-worker';

let temp: TempStore | undefined;
let modems: VirtualModemSetup | undefined;
let engine: Engine | undefined;
const workers: AutoReplyWorker[] = [];

afterEach(async () => {
  for (const worker of workers.splice(0)) await worker.stop();
  await engine?.stop();
  await modems?.close();
  temp?.cleanup();
  engine = modems = temp = undefined;
});

function readyModems(running: Engine, bySim: Map<number, Modem>): ReplyModem[] {
  return readyReplyModems(running, (simId) => bySim.get(simId));
}

describe('automatic answers', () => {
  it('a STOP mid-campaign: the confirmation goes out through the SIM it came in on, and neither running campaign sends that number anything after it', async () => {
    temp = openTempStore('fanout-answers-');
    const { store } = temp;
    const { listId, numbers } = seedList(store, 'Kunden', 40);
    const quitter = numbers[39] as string;
    modems = await openVirtualModems({ count: 2, submitLatencyMs: 40 });
    const running = createEngine({ store });
    engine = running;
    const bySim = new Map<number, Modem>();
    for (const modem of modems.modems) bySim.set(running.attachModem(modem).simId, modem);
    const worker = new AutoReplyWorker({ store, readyModems: () => readyModems(running, bySim) });
    workers.push(worker);
    const notices: InboundNotice[] = [];
    running.on('inbound', (notice) => {
      notices.push(notice);
      if (notice.autoReplyId !== null) worker.wake();
    });
    running.start();
    worker.start();
    const first = (await running.createCampaign({ name: 'A', template: 'Angebot A', listIds: [listId] })).campaign;
    const second = (await running.createCampaign({ name: 'B', template: 'Angebot B', listIds: [listId] })).campaign;
    running.startCampaign(first.id);
    running.startCampaign(second.id);

    const network = modems.network;
    await waitUntil(() => network.submittedMessages().length >= 6, 10_000, 'the campaigns to be under way');
    expect(network.submittedMessages().filter((m) => m.to === quitter)).toEqual([]);
    modems.virtualModems[1]?.receiveSms({ from: quitter, text: 'STOP' });
    await waitUntil(() => notices.length === 1, 10_000, 'the STOP to be stored');
    await Promise.all([running.whenFinished(first.id), running.whenFinished(second.id)]);
    const answerId = notices[0]?.autoReplyId ?? -1;
    await waitUntil(() => store.autoReplies.get(answerId)?.state !== 'queued', 10_000, 'the confirmation to be sent');

    // At the network: the number got the confirmation, from the SIM it wrote to, and nothing else.
    const toQuitter = network.submittedMessages().filter((m) => m.to === quitter);
    expect(toQuitter.map((m) => [m.text, m.modemImei])).toEqual([[DEFAULT_ANSWER_TEXTS.en.stop, modems.virtualModems[1]?.imei]]);
    expect(store.autoReplies.get(answerId)).toMatchObject({ state: 'sent', sentAt: expect.any(Number), simId: notices[0]?.simId });
    for (const campaign of [first, second]) {
      expect(store.queue.countByState(campaign.id)).toMatchObject({ sent: 39, skipped: 1, queued: 0 });
    }
    expect(network.submittedMessages()).toHaveLength(2 * 39 + 1);
  });

  it('sends through another SIM when the one the reply came in on is not in service', async () => {
    temp = openTempStore('fanout-answers-');
    const { store } = temp;
    modems = await openVirtualModems({ count: 2 });
    const running = createEngine({ store });
    engine = running;
    const bySim = new Map<number, Modem>();
    const sims = modems.modems.map((modem) => running.attachModem(modem).simId);
    sims.forEach((simId, index) => bySim.set(simId, modems?.modems[index] as Modem));
    running.start();
    const notices: InboundNotice[] = [];
    running.on('inbound', (notice) => notices.push(notice));
    modems.virtualModems[0]?.receiveSms({ from: '+4915100000001', text: 'HILFE' });
    await waitUntil(() => notices.length === 1, 10_000, 'the HELP to be stored');
    await running.detachModem(sims[0] as number);
    const worker = new AutoReplyWorker({ store, readyModems: () => readyModems(running, bySim) });
    workers.push(worker);
    worker.start();
    await waitUntil(() => store.autoReplies.get(notices[0]?.autoReplyId ?? -1)?.state === 'sent', 10_000, 'the answer to be sent');
    expect(modems.network.submittedMessages().map((m) => [m.to, m.text, m.modemImei])).toEqual([['+4915100000001', DEFAULT_ANSWER_TEXTS.de.help, modems.virtualModems[1]?.imei]]);
  });

  it('waits for a modem, and records an answer as failed when none came within an hour', async () => {
    temp = openTempStore('fanout-answers-');
    const { store } = temp;
    let now = Date.parse('2026-05-04T10:00:00Z');
    const id = store.autoReplies.queue({ inboundId: null, recipientE164: '+4915100000002', kind: 'help', body: 'Hilfe' }, now);
    const worker = new AutoReplyWorker({ store, readyModems: () => [], now: () => now, pollMs: 20 });
    workers.push(worker);
    worker.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(store.autoReplies.get(id)?.state).toBe('queued');
    now += ANSWER_WITHIN_MS + 1;
    await waitUntil(() => store.autoReplies.get(id)?.state === 'failed', 2_000, 'the answer to expire');
    expect(store.autoReplies.get(id)?.reason).toBe(TOO_LATE_REASON);
  });

  it('never sends again an answer a modem had taken when Fanout stopped', async () => {
    temp = openTempStore('fanout-answers-');
    const { store } = temp;
    modems = await openVirtualModems({ count: 1 });
    const modem = modems.modems[0] as Modem;
    const id = store.autoReplies.queue({ inboundId: null, recipientE164: '+4915100000003', kind: 'stop-confirmation', body: 'Abgemeldet' }, Date.now());
    const simId = store.sims.recordSeen({ iccid: 'test-iccid', imsi: null, imei: null }, Date.now()).id;
    expect(store.autoReplies.handOver(id, simId)).toBe(true);
    const worker = new AutoReplyWorker({ store, readyModems: () => [{ simId, send: (request) => modem.send(request) }] });
    workers.push(worker);
    worker.start();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(store.autoReplies.get(id)).toMatchObject({ state: 'failed', reason: AUTO_REPLY_INTERRUPTED_REASON });
    expect(modems.network.submittedMessages()).toEqual([]);
  });

  it('finish() sends everything queued before it stops, as a CLI run does at its end', async () => {
    temp = openTempStore('fanout-answers-');
    const { store } = temp;
    modems = await openVirtualModems({ count: 1 });
    const modem = modems.modems[0] as Modem;
    const simId = store.sims.recordSeen({ iccid: 'test-iccid-2', imsi: null, imei: null }, Date.now()).id;
    const ids = ['+4915100000004', '+4915100000005', '+4915100000006'].map((to) => store.autoReplies.queue({ inboundId: null, recipientE164: to, kind: 'help', body: 'Hilfe' }, Date.now()));
    const worker = new AutoReplyWorker({ store, readyModems: () => [{ simId, send: (request) => modem.send(request) }] });
    worker.start();
    await worker.finish();
    expect(ids.map((id) => store.autoReplies.get(id)?.state)).toEqual(['sent', 'sent', 'sent']);
    expect(modems.network.submittedMessages()).toHaveLength(3);
  });
});
