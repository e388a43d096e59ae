// Encryption at rest against plain, in one run (issue 8): the 1,000,000-row import and the
// engine's messages per second, each on a real database file with the production pragmas, once
// plain (openDatabase without a key) and once encrypted the way the app opens it (ChaCha20-
// Poly1305, raw key from the key file). Printed as ratios encrypted / plain; aim ≤ 1.3x.
//   npx tsx bench/encryption.ts [ROWS] [MESSAGES]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importContacts } from '../src-main/contacts';
import { createEngine } from '../src-main/engine';
import { seedList } from '../src-main/engine/testing/seed';
import { openVirtualModems } from '../src-main/engine/testing/virtual-modems';
import { createPhoneHasher, createStore, openDatabase, type Store } from '../src-main/store';
import { openEncryptedDatabase } from '../src-main/store/encryption';
import { writeContactsCsv } from './support/contacts-csv';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const MESSAGES = Number(process.argv[3] ?? 10_000);
const MODEMS = 4;
type Mode = 'plain' | 'encrypted';

const dir = mkdtempSync(path.join(tmpdir(), 'fanout-bench-encryption-'));

function openStore(mode: Mode, name: string): Store {
  const file = path.join(dir, `${name}-${mode}.db`);
  if (mode === 'plain') return createStore(openDatabase({ path: file }), { phoneHasher: createPhoneHasher(Buffer.alloc(32, 1)) });
  const opened = openEncryptedDatabase({ path: file });
  return createStore(opened.database, { phoneHasher: createPhoneHasher(opened.secrets.phoneHashSecret) });
}

interface Measured {
  seconds: number;
  cpuSeconds: number;
}

async function measure(work: () => Promise<void>): Promise<Measured> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await work();
  const cpu = process.cpuUsage(cpuBefore);
  return { seconds: (performance.now() - started) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

async function importRun(mode: Mode, csv: string): Promise<Measured & { bytes: number }> {
  const store = openStore(mode, 'import');
  try {
    const measured = await measure(async () => {
      const result = await importContacts({ store, path: csv, list: { listName: 'Bench' }, defaultCountry: 'DE' });
      if (result.imported !== ROWS) throw new Error(`${mode} import took ${result.imported} of ${ROWS} rows`);
    });
    return { ...measured, bytes: statSync(store.database.path).size };
  } finally {
    store.database.close();
  }
}

async function engineRun(mode: Mode, round: number): Promise<Measured & { rate: number }> {
  const store = openStore(mode, `engine-${round}`);
  const modems = await openVirtualModems({ count: MODEMS, submitLatencyMs: 0 });
  const engine = createEngine({ store });
  try {
    const { listId } = seedList(store, 'Bench', MESSAGES);
    for (const modem of modems.modems) engine.attachModem(modem);
    engine.start();
    const { campaign } = await engine.createCampaign({ name: 'bench', template: 'Hallo {{Vorname}}', listIds: [listId] });
    let lastSubmit = 0;
    let startedAt = 0;
    const measured = await measure(async () => {
      startedAt = Date.now();
      engine.startCampaign(campaign.id);
      await engine.whenFinished(campaign.id);
      const parts = modems.network.submittedParts();
      if (parts.length !== MESSAGES) throw new Error(`${mode}: the network saw ${parts.length} of ${MESSAGES} messages`);
      lastSubmit = Math.max(...parts.map((part) => part.receivedAt.getTime()));
    });
    // Up to the last submit: completion is noticed on the engine's next tick, which is not sending work.
    return { ...measured, rate: MESSAGES / ((lastSubmit - startedAt) / 1000) };
  } finally {
    await engine.stop();
    await modems.close();
    store.database.close();
  }
}

const ratio = (encrypted: number, plain: number) => `${(encrypted / plain).toFixed(2)}x`;
const verdict = (value: number) => (value <= 1.3 ? 'met' : 'NOT met');

try {
  const csv = path.join(dir, 'contacts.csv');
  await writeContactsCsv(csv, ROWS);
  console.log(`Encrypted (ChaCha20-Poly1305, raw 256-bit key) against plain, same pragmas (WAL, synchronous=FULL, secure_delete)`);

  const importPlain = await importRun('plain', csv);
  const importEncrypted = await importRun('encrypted', csv);
  const importRatio = importEncrypted.seconds / importPlain.seconds;
  console.log(`import ${ROWS.toLocaleString('en')} rows:`);
  console.log(`  plain      ${importPlain.seconds.toFixed(2)} s (CPU ${importPlain.cpuSeconds.toFixed(2)} s), ${Math.round(ROWS / importPlain.seconds).toLocaleString('en')} rows/s, file ${(importPlain.bytes / 1e6).toFixed(0)} MB`);
  console.log(`  encrypted  ${importEncrypted.seconds.toFixed(2)} s (CPU ${importEncrypted.cpuSeconds.toFixed(2)} s), ${Math.round(ROWS / importEncrypted.seconds).toLocaleString('en')} rows/s, file ${(importEncrypted.bytes / 1e6).toFixed(0)} MB`);
  console.log(`  ratio encrypted/plain: ${ratio(importEncrypted.seconds, importPlain.seconds)} wall, ${ratio(importEncrypted.cpuSeconds, importPlain.cpuSeconds)} CPU (aim ≤ 1.3x: ${verdict(importRatio)})`);

  // Alternated, twice each, so a neighbour's load on a shared machine falls on both.
  const rates: Record<Mode, number[]> = { plain: [], encrypted: [] };
  const cpu: Record<Mode, number[]> = { plain: [], encrypted: [] };
  for (let round = 0; round < 2; round++) {
    for (const mode of ['plain', 'encrypted'] as const) {
      const run = await engineRun(mode, round);
      rates[mode].push(run.rate);
      cpu[mode].push(run.cpuSeconds);
    }
  }
  const best = (values: number[]) => Math.max(...values);
  const least = (values: number[]) => Math.min(...values);
  console.log(`engine, ${MESSAGES.toLocaleString('en')} one-part messages through ${MODEMS} instant virtual modems (best of 2):`);
  console.log(`  plain      ${best(rates.plain).toFixed(0)} messages/s (runs: ${rates.plain.map((r) => r.toFixed(0)).join(', ')})`);
  console.log(`  encrypted  ${best(rates.encrypted).toFixed(0)} messages/s (runs: ${rates.encrypted.map((r) => r.toFixed(0)).join(', ')})`);
  const slowdown = best(rates.plain) / best(rates.encrypted);
  console.log(`  ratio plain/encrypted rate (time per message, encrypted/plain): ${slowdown.toFixed(2)}x, CPU ${ratio(least(cpu.encrypted), least(cpu.plain))} (aim ≤ 1.3x: ${verdict(slowdown)})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
