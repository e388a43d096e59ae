// Holding a campaign in quiet hours: how long the engine takes to put every recipient of a
// campaign started at night back until morning, and in how many transactions, on a real
// database file (WAL, synchronous=FULL). Baseline in the same run: the per-message hold it
// replaces (claim, then defer: two commits per recipient), measured on the bare store.
// Run: npx tsx bench/quiet-hours-hold.ts [recipients]
import { createEngine } from '../src-main/engine';
import { seedList } from '../src-main/engine/testing/seed';
import { openVirtualModems } from '../src-main/engine/testing/virtual-modems';
import type { Store } from '../src-main/store';
import { openTempStore } from '../src-main/store/testing';

const RECIPIENTS = Number(process.argv[2] ?? 100_000);
const QUIET = { start: '22:00', end: '08:00' };
// 22:30 in Berlin on 1 July; the German recipients may be messaged again at 06:00 UTC.
const NIGHT = Date.parse('2026-07-01T20:30:00Z');
const MORNING = Date.parse('2026-07-02T06:00:00Z');

async function perMessageBaseline(count: number): Promise<number> {
  const temp = openTempStore('fanout-bench-');
  try {
    const { store } = temp;
    const { listId } = seedList(store, 'Nacht', count);
    const sim = store.sims.recordSeen({ iccid: '8949000000000000001' }, NIGHT);
    const { campaign } = await createEngine({ store, clock: { now: () => NIGHT } }).createCampaign({ name: 'baseline', template: 'Hallo {{Vorname}}', listIds: [listId], quietHours: QUIET });
    store.campaigns.setState(campaign.id, 'running', { now: NIGHT });
    const started = performance.now();
    let held = 0;
    for (let message = store.queue.claimNext({ simId: sim.id, now: NIGHT }); message; message = store.queue.claimNext({ simId: sim.id, now: NIGHT })) {
      store.queue.defer(message.id, MORNING, 'quiet hours', NIGHT);
      held += 1;
    }
    if (held !== count) throw new Error(`baseline held ${held} of ${count}`);
    return count / ((performance.now() - started) / 1000);
  } finally {
    temp.cleanup();
  }
}

async function engineHold(): Promise<{ seconds: number; transactions: number }> {
  const temp = openTempStore('fanout-bench-');
  const modems = await openVirtualModems({ count: 4, submitLatencyMs: 0 });
  let transactions = 0;
  const counting: Store = {
    ...temp.store,
    inTransaction: (work) => {
      transactions += 1;
      return temp.store.inTransaction(work);
    },
  };
  const engine = createEngine({ store: counting, clock: { now: () => NIGHT } });
  try {
    const { listId } = seedList(temp.store, 'Nacht', RECIPIENTS);
    for (const modem of modems.modems) engine.attachModem(modem);
    engine.start();
    const { campaign } = await engine.createCampaign({ name: 'bench', template: 'Hallo {{Vorname}}', listIds: [listId], quietHours: QUIET });
    const before = transactions;
    const started = performance.now();
    engine.startCampaign(campaign.id);
    while (temp.store.queue.nextDueAt([campaign.id]) !== MORNING) await new Promise((resolve) => setTimeout(resolve, 5));
    const seconds = (performance.now() - started) / 1000;
    if (modems.network.submittedParts().length !== 0) throw new Error('a message went out during quiet hours');
    return { seconds, transactions: transactions - before };
  } finally {
    await engine.stop();
    await modems.close();
    temp.cleanup();
  }
}

console.log(`Quiet-hours hold of a campaign with ${RECIPIENTS} recipients started at night, database file with WAL + synchronous=FULL`);
const baselineCount = Math.min(RECIPIENTS, 20_000);
const baseline = await perMessageBaseline(baselineCount);
console.log(
  `  baseline: claim + defer per recipient on the bare store (${baselineCount} measured) ${baseline.toFixed(0).padStart(7)}/s → ${(RECIPIENTS / baseline).toFixed(1)} s and ${2 * RECIPIENTS} commits for ${RECIPIENTS}`,
);
const held = await engineHold();
console.log(`  engine (4 instant modems): all held in ${held.seconds.toFixed(2)} s = ${(RECIPIENTS / held.seconds).toFixed(0)}/s, ${held.transactions} transactions`);
