// Engine overhead: messages per second through the whole path — claim (committed 'sending'),
// render-free hand-over to a modem over the AT protocol, record (committed 'sent') — with
// virtual modems that answer instantly (0 ms per submit), on a real database file with the
// production pragmas (WAL, synchronous=FULL). Baseline in the same run: the bare store loop
// (claimNext + recordHandover, no modem: two commits per message), and the same virtual modems
// driven directly without any database (what the AT layer alone allows).
// Aim (issue 5): over 2,000 messages/s.
// Run: npx tsx bench/engine-throughput.ts [messages]
import { createEngine } from '../src-main/engine';
import { seedList, testNumber } from '../src-main/engine/testing/seed';
import { openVirtualModems } from '../src-main/engine/testing/virtual-modems';
import { openTempStore } from '../src-main/store/testing';

const MESSAGES = Number(process.argv[2] ?? 10_000);
/** FULL is what Fanout runs with; NORMAL/OFF show how much of the time is the disk's fsync. */
const SYNC = (process.argv[3] ?? 'FULL').toUpperCase();

function openBenchStore() {
  const temp = openTempStore('fanout-bench-');
  temp.database.sqlite.pragma(`synchronous = ${SYNC}`);
  return temp;
}

async function storeLoopBaseline(): Promise<number> {
  const temp = openBenchStore();
  try {
    const { store } = temp;
    const { listId } = seedList(store, 'Bench', MESSAGES);
    const sim = store.sims.recordSeen({ iccid: '8949000000000000001' }, Date.now());
    const { campaign } = await createEngine({ store }).createCampaign({ name: 'baseline', template: 'Hallo {{Vorname}}', listIds: [listId] });
    store.campaigns.setState(campaign.id, 'running', { now: Date.now() });
    const started = performance.now();
    let sent = 0;
    for (;;) {
      const message = store.queue.claimNext({ simId: sim.id, now: Date.now() });
      if (!message) break;
      store.queue.recordHandover(message.id, [{ partNumber: 1, reference: sent % 256 }], Date.now());
      sent += 1;
    }
    const seconds = (performance.now() - started) / 1000;
    if (sent !== MESSAGES) throw new Error(`baseline sent ${sent} of ${MESSAGES}`);
    return sent / seconds;
  } finally {
    temp.cleanup();
  }
}

/** The same instant modems driven directly (Modem.send in a loop per modem): what the AT layer alone allows. */
async function modemsOnly(modemCount: number): Promise<number> {
  const modems = await openVirtualModems({ count: modemCount, submitLatencyMs: 0 });
  try {
    const perModem = Math.floor(MESSAGES / modemCount);
    const started = performance.now();
    await Promise.all(
      modems.modems.map(async (modem, m) => {
        for (let i = 0; i < perModem; i++) await modem.send({ to: testNumber(m * perModem + i), text: `Hallo P${i}` });
      }),
    );
    return (perModem * modemCount) / ((performance.now() - started) / 1000);
  } finally {
    await modems.close();
  }
}

// Three parts of 153 characters: each part but the last is recorded as the network accepts it.
const THREE_PART_TEMPLATE = `Hallo {{Vorname}}, ${'unser Angebot gilt bis Freitag. '.repeat(12)}Ende.`;

async function engineRun(modemCount: number, options: { messages?: number; template?: string; partsPerMessage?: number } = {}): Promise<{ rate: number; perModem: number[] }> {
  const messages = options.messages ?? MESSAGES;
  const partsPerMessage = options.partsPerMessage ?? 1;
  const temp = openBenchStore();
  const modems = await openVirtualModems({ count: modemCount, submitLatencyMs: 0 });
  const engine = createEngine({ store: temp.store });
  try {
    const { listId } = seedList(temp.store, 'Bench', messages);
    for (const modem of modems.modems) engine.attachModem(modem);
    engine.start();
    const { campaign } = await engine.createCampaign({ name: 'bench', template: options.template ?? 'Hallo {{Vorname}}', listIds: [listId] });
    const started = performance.now();
    engine.startCampaign(campaign.id);
    await engine.whenFinished(campaign.id);
    const parts = modems.network.submittedParts();
    // Up to the last accepted submit: completion is noticed on the next 250 ms tick, which is not sending work.
    const lastSubmit = Math.max(...parts.map((part) => part.receivedAt.getTime()));
    const seconds = (lastSubmit - (Date.now() - (performance.now() - started))) / 1000;
    const counts = temp.store.queue.countByState(campaign.id);
    if (counts.sent !== messages || parts.length !== messages * partsPerMessage) throw new Error(`engine sent ${counts.sent}, network saw ${parts.length} parts, expected ${messages} × ${partsPerMessage}`);
    const perModem = modems.virtualModems.map((vm) => parts.filter((part) => part.modemImei === vm.imei).length / partsPerMessage);
    return { rate: messages / seconds, perModem };
  } finally {
    await engine.stop();
    await modems.close();
    temp.cleanup();
  }
}

console.log(`Engine throughput, ${MESSAGES} one-part messages, database file with WAL + synchronous=${SYNC}`);
const baseline = await storeLoopBaseline();
console.log(`  baseline: store claim + hand-over loop alone (no modem, one commit each) ${baseline.toFixed(0).padStart(6)}/s`);
for (const count of [1, 4, 8, 16]) {
  const direct = await modemsOnly(count);
  const { rate, perModem } = await engineRun(count);
  console.log(
    `  ${String(count).padStart(2)} instant modem${count > 1 ? 's' : ' '}: modems alone (no database) ${direct.toFixed(0).padStart(6)}/s | engine ${rate.toFixed(0).padStart(6)}/s = ${((rate / direct) * 100).toFixed(0)}% of modems alone (per modem ${Math.min(...perModem)}–${Math.max(...perModem)})`,
  );
}
{
  const messages = Math.floor(MESSAGES / 3);
  const direct = await modemsOnly(16);
  const { rate } = await engineRun(16, { messages, template: THREE_PART_TEMPLATE, partsPerMessage: 3 });
  console.log(
    `  16 instant modems, ${messages} three-part messages (parts 1–2 recorded as accepted): engine ${rate.toFixed(0).padStart(6)} messages/s = ${(rate * 3).toFixed(0)} parts/s (one-part modems alone ${direct.toFixed(0)}/s)`,
  );
}
console.log('Aim: over 2,000 messages/s through the engine.');
