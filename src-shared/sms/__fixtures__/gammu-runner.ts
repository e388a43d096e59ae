// Runs the python-gammu fixture scripts for the oracle tests. Test-only code: it spawns
// /usr/bin/python3, so it is the one non-test file in src-shared allowed to use Node.
/* eslint-disable no-restricted-imports -- test fixture: drives the python oracle */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
/* eslint-enable no-restricted-imports */
import type { GammuResult } from './gammu-oracle';

const SYSTEM_PYTHON = '/usr/bin/python3';
const fixture = (name: string) => fileURLToPath(new URL(`./${name}`, import.meta.url));

export function gammuAvailable(): boolean {
  if (!existsSync(SYSTEM_PYTHON)) return false;
  return spawnSync(SYSTEM_PYTHON, ['-c', 'import gammu'], { stdio: 'ignore' }).status === 0;
}

/** Runs a fixture script in one python-gammu process: one line in, one JSON line out, in order. */
export function runGammuScript<T>(script: string, lines: readonly string[]): T[] {
  const run = spawnSync(SYSTEM_PYTHON, [fixture(script)], {
    input: lines.join('\n') + '\n',
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    timeout: 120_000,
  });
  if (run.status !== 0) throw new Error(`${script} failed (${run.status}): ${run.stderr}`);
  const answers = run.stdout.split('\n').filter((line) => line.length > 0);
  if (answers.length !== lines.length)
    throw new Error(`${script} answered ${answers.length} of ${lines.length} lines`);
  return answers.map((line) => JSON.parse(line) as T);
}

/** Decodes every PDU in one python-gammu process. */
export function decodeWithGammu(pdus: readonly string[]): GammuResult[] {
  return runGammuScript<GammuResult>('gammu_decode.py', pdus);
}
