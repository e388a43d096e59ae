import { listPackage } from '@electron/asar';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Checks electron-builder.yml without the Electron binary: a stub stands in for Electron and
// native modules are not rebuilt, so only the app's own packaging is exercised (`--linux dir`).
const root = fileURLToPath(new URL('../..', import.meta.url));
let workDir: string;
let appDir: string;
let files: string[];

beforeAll(() => {
  execFileSync(process.execPath, [path.join(root, '.config/build.mjs'), '--if-stale', '--quiet'], { cwd: root, stdio: 'inherit' });
  workDir = mkdtempSync(path.join(os.tmpdir(), 'fanout-package-'));
  const stubElectron = path.join(workDir, 'electron-stub');
  mkdirSync(stubElectron);
  writeFileSync(path.join(stubElectron, 'electron'), '#!/bin/sh\nexit 0\n');
  chmodSync(path.join(stubElectron, 'electron'), 0o755);
  const output = path.join(workDir, 'out');
  execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules/electron-builder/cli.js'),
      '--linux',
      'dir',
      `-c.electronDist=${stubElectron}`,
      '-c.npmRebuild=false',
      `-c.directories.output=${output}`,
    ],
    { cwd: root, stdio: 'pipe', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } },
  );
  appDir = path.join(output, 'linux-unpacked');
  files = listPackage(path.join(appDir, 'resources', 'app.asar'), { isPack: false }).map((file) => file.replaceAll(path.sep, '/'));
}, 180_000);

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('the packaged app', () => {
  it('contains the main, preload and renderer bundles and points Electron at the main bundle', () => {
    for (const file of ['/dist/main/electron-main.cjs', '/dist/main/preload.cjs', '/dist/renderer/index.html']) {
      expect(files).toContain(file);
    }
    expect(files.some((file) => /^\/dist\/renderer\/assets\/index-.+\.js$/.test(file))).toBe(true);
    const packaged = JSON.parse(
      execFileSync(process.execPath, ['-e', `process.stdout.write(require('@electron/asar').extractFile(${JSON.stringify(path.join(appDir, 'resources', 'app.asar'))}, 'package.json').toString())`], {
        cwd: root,
      }).toString(),
    ) as { main: string };
    expect(packaged.main).toBe('dist/main/electron-main.cjs');
  });

  it('ships no source maps and no build-time packages', () => {
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    for (const devOnly of ['react', 'zod', 'vite', 'electron-builder', 'typescript']) {
      expect(files).not.toContain(`/node_modules/${devOnly}`);
    }
  });

  it('unpacks the native modules from the archive so they can load', () => {
    // The worker threads' scripts too: Node's loader cannot read a script inside the archive.
    for (const worker of ['import-reader-worker.cjs', 'checkpoint-worker.cjs']) {
      expect(existsSync(path.join(appDir, 'resources', 'app.asar.unpacked', 'dist', 'main', worker))).toBe(true);
    }
    const unpacked = path.join(appDir, 'resources', 'app.asar.unpacked', 'node_modules');
    expect(existsSync(path.join(unpacked, 'better-sqlite3'))).toBe(true);
    expect(existsSync(path.join(unpacked, '@serialport', 'bindings-cpp'))).toBe(true);
    const nativeFiles = readdirSync(unpacked, { recursive: true }).map(String).filter((file) => file.endsWith('.node'));
    expect(nativeFiles.length).toBeGreaterThan(0);
  });

  it('runs the checkpoint worker from outside the archive: its script and every package it loads are unpacked', () => {
    const unpacked = path.join(appDir, 'resources', 'app.asar.unpacked');
    const database = path.join(workDir, 'checkpointed.db');
    // Plain Node, in a folder with no node_modules above it: only what the package unpacked can be found.
    const probe = path.join(workDir, 'checkpoint-probe.cjs');
    writeFileSync(
      probe,
      `const fs = require('node:fs');
const { Worker } = require('node:worker_threads');
const Database = require(${JSON.stringify(path.join(unpacked, 'node_modules', 'better-sqlite3'))});
const file = ${JSON.stringify(database)};
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('wal_autocheckpoint = 0');
db.exec('CREATE TABLE filler (text TEXT)');
const insert = db.prepare('INSERT INTO filler VALUES (?)');
db.transaction(() => { for (let i = 0; i < 2000; i++) insert.run('x'.repeat(1000)); })();
const before = fs.statSync(file).size;
const worker = new Worker(${JSON.stringify(path.join(unpacked, 'dist', 'main', 'checkpoint-worker.cjs'))}, { workerData: { path: file, intervalMs: 20 } });
worker.on('error', (error) => { console.log('error: ' + error.message); process.exit(1); });
worker.on('message', (reply) => {
  if (reply.type === 'failed') { console.log('failed: ' + reply.message); process.exit(1); }
  if (reply.type === 'stopped') { console.log(JSON.stringify({ before, after: fs.statSync(file).size })); db.close(); }
});
const deadline = Date.now() + 10000;
const poll = setInterval(() => {
  if (fs.statSync(file).size > 2000000 || Date.now() > deadline) { clearInterval(poll); worker.postMessage('stop'); }
}, 20);
`,
    );
    const output = execFileSync(process.execPath, [probe], { cwd: workDir }).toString().trim();
    const sizes = JSON.parse(output) as { before: number; after: number };
    expect(sizes.before).toBeLessThan(100_000);
    expect(sizes.after).toBeGreaterThan(2_000_000);
  });

  it('names the app and its executable after Fanout', () => {
    expect(existsSync(path.join(appDir, 'fanout'))).toBe(true);
    expect(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')).toMatch(/appId: app\.fanout\.desktop/);
  });
});
