import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { commandRegistrations } from './commands';
import { buildProgram } from './program';

// The CLI as a user runs it: the built bundle, in a child process.
const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = path.join(root, 'dist/main/cli.cjs');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 20_000 });

beforeAll(() => {
  execFileSync(process.execPath, [path.join(root, '.config/build.mjs'), '--if-stale', '--quiet'], { cwd: root, stdio: 'inherit' });
}, 120_000);

describe('fanout CLI', () => {
  it('lists its commands in --help', () => {
    const result = run('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: fanout');
    expect(result.stdout).toMatch(/serve\s/);
  });

  it('has --help on every command', () => {
    const names = buildProgram().commands.map((command) => command.name());
    expect(names.length).toBe(commandRegistrations.length);
    for (const name of names) {
      const result = run(name, '--help');
      expect(result.status, `${name} --help`).toBe(0);
      expect(result.stdout).toContain(`Usage: fanout ${name}`);
    }
  });

  it('explains a bad option value instead of starting', () => {
    const result = run('serve', '--port', 'eighty');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('a port is a whole number from 0 to 65535');
  });

  it('suggests the closest command for a typo', () => {
    const result = run('serv');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('serve');
  });
});
