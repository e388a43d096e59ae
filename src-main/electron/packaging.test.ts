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
    // The import's worker thread too: Node's loader cannot read a script inside the archive.
    expect(existsSync(path.join(appDir, 'resources', 'app.asar.unpacked', 'dist', 'main', 'import-reader-worker.cjs'))).toBe(true);
    const unpacked = path.join(appDir, 'resources', 'app.asar.unpacked', 'node_modules');
    expect(existsSync(path.join(unpacked, 'better-sqlite3'))).toBe(true);
    expect(existsSync(path.join(unpacked, '@serialport', 'bindings-cpp'))).toBe(true);
    const nativeFiles = readdirSync(unpacked, { recursive: true }).map(String).filter((file) => file.endsWith('.node'));
    expect(nativeFiles.length).toBeGreaterThan(0);
  });

  it('names the app and its executable after Fanout', () => {
    expect(existsSync(path.join(appDir, 'fanout'))).toBe(true);
    expect(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')).toMatch(/appId: app\.fanout\.desktop/);
  });
});
