// The built CLI as a user runs it: `fanout simulate` in one process, Gammu and `fanout modems` /
// `fanout send` as clients in others, all over real pseudo-terminals.

import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const cli = path.join(root, 'dist/main/cli.cjs');

interface Submitted {
  imei: string;
  to: string;
  text: string;
  encoding: string;
  concat: { reference: number; total: number; sequence: number } | null;
}

function run(
  command: string,
  args: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { timeout: 60_000, env: { ...process.env, LANG: 'C.UTF-8' } },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

let dir = '';
let simulator: ChildProcess | null = null;
let simulatorExit: Promise<number | null> = Promise.resolve(null);
const submitted: Submitted[] = [];
let devices: { path: string; profile: string; imei: string }[] = [];

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(root, '.config/build.mjs'), '--if-stale', '--quiet'], {
    cwd: root,
    stdio: 'inherit',
  });
  dir = mkdtempSync(path.join(tmpdir(), 'fanout-simulate-'));
  const child = spawn(
    process.execPath,
    [
      cli,
      'simulate',
      '--modems',
      '2',
      '--dir',
      dir,
      '--profile',
      'mixed',
      '--latency',
      '50',
      '--report-delay',
      '200',
      '--json',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  simulator = child;
  simulatorExit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  let buffered = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        const event = JSON.parse(line) as { devices?: typeof devices; submitted?: Submitted };
        if (event.devices) {
          devices = event.devices;
          resolve();
        }
        if (event.submitted) submitted.push(event.submitted);
        newline = buffered.indexOf('\n');
      }
    });
    child.once('exit', (code) => reject(new Error(`fanout simulate exited early with ${code}`)));
  });
  await ready;
}, 180_000);

afterAll(async () => {
  if (simulator && simulator.exitCode === null) simulator.kill('SIGTERM');
  await simulatorExit;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('fanout simulate', () => {
  it('creates DIR/modem0 and DIR/modem1 that Gammu identifies and sends through', async () => {
    expect(devices.map((device) => device.path)).toEqual([
      path.join(dir, 'modem0'),
      path.join(dir, 'modem1'),
    ]);
    const config = path.join(dir, 'gammurc');
    writeFileSync(config, `[gammu]\ndevice = ${devices[0]?.path}\nconnection = at\n`);
    const identify = await run('gammu', ['-c', config, 'identify']);
    expect(identify.code, identify.stderr).toBe(0);
    expect(identify.stdout).toContain(devices[0]?.imei);

    const plain = await run('gammu', [
      '-c',
      config,
      'sendsms',
      'TEXT',
      '+4915112345678',
      '-text',
      'Gammu via fanout simulate',
    ]);
    expect(plain.code, plain.stdout + plain.stderr).toBe(0);
    const unicode = `Ελληνικά και Deutsch: Grüße ✓ ${'Ωμέγα '.repeat(25)}`.trim();
    const long = await run('gammu', [
      '-c',
      config,
      'sendsms',
      'TEXT',
      '+306912345678',
      '-unicode',
      '-len',
      '400',
      '-text',
      unicode,
    ]);
    expect(long.code, long.stdout + long.stderr).toBe(0);

    const fromGammu = submitted.filter((part) => part.imei === devices[0]?.imei);
    expect(fromGammu[0]).toMatchObject({
      to: '+4915112345678',
      text: 'Gammu via fanout simulate',
      concat: null,
    });
    const parts = fromGammu.slice(1);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((part) => part.to === '+306912345678' && part.encoding === 'ucs2')).toBe(true);
    expect(parts.map((part) => part.text).join('')).toBe(unicode);
  });

  it('is found by fanout modems and sends with fanout send', async () => {
    const probe = await run(process.execPath, [
      cli,
      'modems',
      '--port',
      devices[0]?.path ?? '',
      devices[1]?.path ?? '',
      path.join(dir, 'missing'),
      '--json',
    ]);
    expect(probe.code).toBe(1); // one port has no modem
    const reports = JSON.parse(probe.stdout) as {
      path: string;
      ok: boolean;
      imei: string | null;
      operator: string | null;
      signal: unknown;
      error: string | null;
    }[];
    expect(reports.map((report) => [report.ok, report.imei])).toEqual([
      [true, devices[0]?.imei],
      [true, devices[1]?.imei],
      [false, null],
    ]);
    expect(reports[2]?.error).toMatch(/no port/);

    const send = await run(process.execPath, [
      cli,
      'send',
      '--port',
      devices[1]?.path ?? '',
      '--to',
      '+4915199999999',
      '--text',
      'Sent by fanout send',
      '--report',
      '--json',
    ]);
    expect(send.code, send.stderr).toBe(0);
    const result = JSON.parse(send.stdout) as {
      outcome: string;
      parts: { reference: number }[];
      reports: { messageReference: number; statusClass: string }[];
    };
    expect(result.outcome).toBe('accepted');
    expect(result.reports.map((report) => [report.messageReference, report.statusClass])).toEqual([
      [result.parts[0]?.reference, 'delivered'],
    ]);
    expect(submitted.at(-1)).toMatchObject({
      imei: devices[1]?.imei,
      to: '+4915199999999',
      text: 'Sent by fanout send',
    });
  });

  it('explains a missing port in plain words', async () => {
    const send = await run(process.execPath, [
      cli,
      'send',
      '--port',
      path.join(dir, 'nope'),
      '--to',
      '+4915199999999',
      '--text',
      'x',
    ]);
    expect(send.code).toBe(1);
    expect(send.stderr).toContain('There is no port');
  });

  it('applies fault options: a number with a CMS error is refused in plain words', async () => {
    const faultyDir = mkdtempSync(path.join(tmpdir(), 'fanout-simulate-faults-'));
    const child = spawn(
      process.execPath,
      [
        cli,
        'simulate',
        '--modems',
        '1',
        '--dir',
        faultyDir,
        '--latency',
        '20',
        '--fail-number',
        '+4915100000009:1',
        '--json',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('"devices"') && resolve());
        child.once('exit', (code) => reject(new Error(`simulate exited with ${code}`)));
      });
      const device = path.join(faultyDir, 'modem0');
      const refused = await run(process.execPath, [
        cli,
        'send',
        '--port',
        device,
        '--to',
        '+4915100000009',
        '--text',
        'hello',
      ]);
      expect(refused.code).toBe(1);
      expect(refused.stdout).toContain('Not sent: The number does not exist.');
      const accepted = await run(process.execPath, [
        cli,
        'send',
        '--port',
        device,
        '--to',
        '+4915100000010',
        '--text',
        'hello',
      ]);
      expect(accepted.code, accepted.stdout + accepted.stderr).toBe(0);
    } finally {
      child.kill('SIGTERM');
      await exited;
      rmSync(faultyDir, { recursive: true, force: true });
    }
  });

  it('offers every vendor profile: a ZTE MF626 with a late answer is found by fanout modems', async () => {
    const zteDir = mkdtempSync(path.join(tmpdir(), 'fanout-simulate-zte-'));
    const child = spawn(
      process.execPath,
      [
        cli,
        'simulate',
        '--modems',
        '1',
        '--dir',
        zteDir,
        '--profile',
        'zte-mf626',
        '--late-answer',
        'AT+CGMR:1200',
        '--json',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const listed = await new Promise<string>((resolve, reject) => {
        child.stdout?.on('data', (chunk: Buffer) => {
          const text = chunk.toString();
          if (text.includes('"devices"')) resolve(text);
        });
        child.once('exit', (code) => reject(new Error(`simulate exited with ${code}`)));
      });
      expect(listed).toContain('zte-mf626');
      const probed = await run(process.execPath, [
        cli,
        'modems',
        '--port',
        path.join(zteDir, 'modem0'),
        '--json',
      ]);
      expect(probed.code, probed.stdout + probed.stderr).toBe(0);
      expect(JSON.parse(probed.stdout)).toEqual([
        expect.objectContaining({ ok: true, manufacturer: 'ZTE INCORPORATED', model: 'MF626' }),
      ]);
      const help = await run(process.execPath, [cli, 'simulate', '--help']);
      for (const profile of ['sim7600', 'huawei-e3372', 'zte-mf626', 'wavecom-q2406'])
        expect(help.stdout).toContain(profile);
    } finally {
      child.kill('SIGTERM');
      await exited;
      rmSync(zteDir, { recursive: true, force: true });
    }
  });

  it('leaves no device behind when it is killed outright (SIGKILL)', async () => {
    const killedDir = mkdtempSync(path.join(tmpdir(), 'fanout-simulate-killed-'));
    const child = spawn(process.execPath, [cli, 'simulate', '--modems', '2', '--dir', killedDir, '--json'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('"devices"') && resolve());
        child.once('exit', (code) => reject(new Error(`simulate exited with ${code}`)));
      });
      expect(existsSync(path.join(killedDir, 'modem1'))).toBe(true);
      child.kill('SIGKILL');
      // socat reads end-of-file from the dead simulator, removes its device and exits.
      const deadline = Date.now() + 10_000;
      while (existsSync(path.join(killedDir, 'modem0')) || existsSync(path.join(killedDir, 'modem1'))) {
        if (Date.now() > deadline) throw new Error('devices still there 10 s after SIGKILL');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(killedDir, { recursive: true, force: true });
    }
  });

  it('stops on SIGTERM and removes its devices', async () => {
    simulator?.kill('SIGTERM');
    expect(await simulatorExit).toBe(0);
    expect(existsSync(path.join(dir, 'modem0'))).toBe(false);
  });
});
