// Modem utilisation through the engine: 1, 4 and 16 virtual modems that take 500 ms per submit
// (a realistic network round trip). The physical limit is modems / latency; the engine should
// reach it, because it claims and prepares the next message the moment a modem is free.
// Baseline in the same run: the same modems driven directly (Modem.send in a tight loop per
// modem, no database), which is what the AT exchange alone allows.
// Aim (issue 5): at least 98% of the physical limit.
// Run: npx tsx bench/engine-utilisation.ts [messages-per-modem]
import { createEngine } from '../src-main/engine';
import { seedList, testNumber } from '../src-main/engine/testing/seed';
import { openVirtualModems, type VirtualModemSetup } from '../src-main/engine/testing/virtual-modems';
import { openTempStore } from '../src-main/store/testing';

const LATENCY_MS = 500;
const PER_MODEM = Number(process.argv[2] ?? 16);

/** Messages per second from the first hand-over to the last accepted submit. */
function achievedRate(setup: VirtualModemSetup, startedAtMs: number): number {
  const parts = setup.network.submittedParts();
  const last = Math.max(...parts.map((part) => part.receivedAt.getTime()));
  return parts.length / ((last - startedAtMs) / 1000);
}

async function directRun(modemCount: number): Promise<number> {
  const setup = await openVirtualModems({ count: modemCount, submitLatencyMs: LATENCY_MS });
  try {
    const started = Date.now();
    await Promise.all(
      setup.modems.map(async (modem, m) => {
        for (let i = 0; i < PER_MODEM; i++) await modem.send({ to: testNumber(m * PER_MODEM + i), text: 'Hallo' });
      }),
    );
    return achievedRate(setup, started);
  } finally {
    await setup.close();
  }
}

async function engineRun(modemCount: number): Promise<number> {
  const temp = openTempStore('fanout-bench-');
  const setup = await openVirtualModems({ count: modemCount, submitLatencyMs: LATENCY_MS });
  const engine = createEngine({ store: temp.store });
  try {
    const { listId } = seedList(temp.store, 'Bench', modemCount * PER_MODEM);
    for (const modem of setup.modems) engine.attachModem(modem);
    engine.start();
    const { campaign } = await engine.createCampaign({ name: 'bench', template: 'Hallo {{Vorname}}', listIds: [listId] });
    const started = Date.now();
    engine.startCampaign(campaign.id);
    await engine.whenFinished(campaign.id);
    return achievedRate(setup, started);
  } finally {
    await engine.stop();
    await setup.close();
    temp.cleanup();
  }
}

console.log(`Modem utilisation at ${LATENCY_MS} ms per submit, ${PER_MODEM} messages per modem`);
for (const count of [1, 4, 16]) {
  const limit = count / (LATENCY_MS / 1000);
  const direct = await directRun(count);
  const engine = await engineRun(count);
  const pct = (rate: number) => `${((rate / limit) * 100).toFixed(1)}%`;
  console.log(
    `  ${String(count).padStart(2)} modem${count > 1 ? 's' : ' '}: limit ${limit.toFixed(1).padStart(5)}/s | direct (baseline) ${direct.toFixed(2).padStart(6)}/s = ${pct(direct).padStart(6)} | engine ${engine.toFixed(2).padStart(6)}/s = ${pct(engine).padStart(6)}`,
  );
}
console.log('Aim: the engine at 98% of the limit or more.');
