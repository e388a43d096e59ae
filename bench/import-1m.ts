// Import of a generated 1,000,000-row CSV against its floor: the same file loaded by the sqlite3
// command-line shell's `.import` into a plain table (no parsing of numbers, no indexes).
//   npx tsx bench/import-1m.ts [ROWS] [--plain] [--no-worker] [--scattered]
// --no-worker parses in the main thread (as small files are), to show what the worker thread saves.
// --scattered writes the numbers out of order, as a list sorted by name has them (see
// support/contacts-csv.ts): each batch then updates pages all over the number index.
// Aim (issue 5): within 3x of the floor, under 300 MB peak memory.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importContacts } from '../src-main/contacts';
import { createPhoneHasher, createStore, openDatabase } from '../src-main/store';
import { writeContactsCsv } from './support/contacts-csv';
import { timedImportStore, type ImportBreakdown } from './support/timed-import-store';

const plain = process.argv.includes('--plain');
const readInWorker = !process.argv.includes('--no-worker');
const order = process.argv.includes('--scattered') ? 'scattered' : 'ascending';
const rows = Number(process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? 1_000_000);
const dir = mkdtempSync(path.join(tmpdir(), 'fanout-bench-import-'));
const csvPath = path.join(dir, 'contacts.csv');

/** Wall and CPU seconds of the sqlite3 shell's .import (CPU from /usr/bin/time: user + system). */
function sqliteFloor(): { seconds: number; cpuSeconds: number } {
  const dbPath = path.join(dir, 'floor.db');
  const started = performance.now();
  const run = spawnSync('/usr/bin/time', ['-f', '%U %S', '/usr/bin/sqlite3', dbPath], {
    input: `.mode csv\n.separator ;\n.import ${csvPath} contacts\n`,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`sqlite3 .import failed: ${run.stderr}`);
  const [user = 0, system = 0] = run.stderr.trim().split(/\s+/).slice(-2).map(Number);
  return { seconds: (performance.now() - started) / 1000, cpuSeconds: user + system };
}

/** Wall seconds spent in the database's part of the import; the rest is reading, parsing and normalising. */
const breakdown: ImportBreakdown = { batches: 0, batchSeconds: 0, longestBatch: 0, commitSeconds: 0, lastCheckpointSeconds: 0 };

async function fanoutImport() {
  // Keyed like the app's database (issue 8: every page written is encrypted); `--plain` leaves it clear.
  const database = openDatabase({ path: path.join(dir, 'fanout.db'), ...(plain ? {} : { key: Buffer.alloc(32, 2) }) });
  const store = timedImportStore(createStore(database, { phoneHasher: createPhoneHasher(Buffer.alloc(32, 1)) }), breakdown);
  const baselineRss = process.memoryUsage().rss;
  let peakRss = baselineRss;
  const cpuBefore = process.cpuUsage();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const started = performance.now();
  try {
    const result = await importContacts({
      store,
      path: csvPath,
      list: { listName: 'Bench' },
      defaultCountry: 'DE',
      readInWorker,
      onProgress: () => (peakRss = Math.max(peakRss, process.memoryUsage().rss)),
    });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    return { result, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, baselineRss, peakRss: Math.max(peakRss, process.memoryUsage().rss) };
  } finally {
    clearInterval(sampler);
    database.close();
  }
}

try {
  await writeContactsCsv(csvPath, rows, order);
  const mb = statSync(csvPath).size / 1e6;
  console.log(`file: ${rows.toLocaleString('en')} rows, ${mb.toFixed(1)} MB, numbers ${order} (${csvPath})`);
  const floor = sqliteFloor();
  console.log(`floor  sqlite3 .import: ${floor.seconds.toFixed(2)} s (CPU ${floor.cpuSeconds.toFixed(2)} s), ${Math.round(rows / floor.seconds).toLocaleString('en')} rows/s`);
  const { result, seconds, cpuSeconds, baselineRss, peakRss } = await fanoutImport();
  // The baseline is this process before the import (Node, tsx, the loaded modules): the import's own share is the difference.
  console.log(`fanout importContacts (${plain ? 'plain' : 'encrypted'} database, parsing ${readInWorker ? 'on a worker thread' : 'in the main thread'}): ${seconds.toFixed(2)} s (CPU ${cpuSeconds.toFixed(2)} s), ${Math.round(rows / seconds).toLocaleString('en')} rows/s, peak RSS ${(peakRss / 1e6).toFixed(0)} MB (process before the import: ${(baselineRss / 1e6).toFixed(0)} MB)`);
  console.log(`  imported ${result.imported}, duplicates ${result.duplicates}, invalid ${result.invalid}, encoding ${result.encoding}, delimiter ${JSON.stringify(result.delimiter)}`);
  const elsewhere = seconds - breakdown.batchSeconds - breakdown.commitSeconds - breakdown.lastCheckpointSeconds;
  console.log(
    `  breakdown (wall): ${breakdown.batches} batch writes ${breakdown.batchSeconds.toFixed(2)} s (longest ${(breakdown.longestBatch * 1000).toFixed(0)} ms: the engine's longest wait), commit ${(breakdown.commitSeconds * 1000).toFixed(0)} ms, last checkpoint ${(breakdown.lastCheckpointSeconds * 1000).toFixed(0)} ms, reading/parsing/normalising ${elsewhere.toFixed(2)} s`,
  );
  const ratio = seconds / floor.seconds;
  // On a shared machine wall time depends on the neighbours; CPU time much less so.
  const cpuRatio = cpuSeconds / floor.cpuSeconds;
  console.log(`ratio to floor: ${ratio.toFixed(2)}x wall, ${cpuRatio.toFixed(2)}x CPU (aim ≤ 3x: ${ratio <= 3 ? 'met' : 'NOT met'}); peak memory aim < 300 MB: ${peakRss < 300e6 ? 'met' : 'NOT met'}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
