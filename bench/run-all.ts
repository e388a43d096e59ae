// Runs every benchmark one after another, each in its own process (so one's memory peak does not
// colour the next), and prints their figures. Run: npm run bench [-- name…]
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const scripts = readdirSync(here)
  .filter((file) => file.endsWith('.ts') && file !== 'run-all.ts')
  .filter((file) => wanted.length === 0 || wanted.some((name) => file.includes(name)))
  .sort();

let failed = 0;
for (const script of scripts) {
  console.log(`\n=== ${script} ===`);
  const started = Date.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, script)], { stdio: 'inherit' });
  console.log(`(${script} took ${((Date.now() - started) / 1000).toFixed(1)} s${result.status === 0 ? '' : `, exit ${result.status}`})`);
  if (result.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
