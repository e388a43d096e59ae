import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAppStore } from './open-app-store';
import {
  checkDataTarget,
  dataFolderFiles,
  defaultDataDir,
  copyDataFiles,
  platformConfigDir,
  readDataLocationConfig,
  settleDataLocation,
  startupDataLocation,
  writeDataLocationConfig,
} from './data-location';

const HOLD_OPEN = fileURLToPath(new URL('./__fixtures__/hold-database-open.ts', import.meta.url));

describe('platformConfigDir and defaultDataDir', () => {
  it('matches where Electron keeps an app called Fanout on each system', () => {
    expect(platformConfigDir({}, 'linux')).toBe(path.join(os.homedir(), '.config', 'Fanout'));
    expect(platformConfigDir({ XDG_CONFIG_HOME: '/x' }, 'linux')).toBe(path.join('/x', 'Fanout'));
    expect(platformConfigDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toBe(path.join('C:\\Users\\a\\AppData\\Roaming', 'Fanout'));
    expect(platformConfigDir({}, 'darwin')).toBe(path.join(os.homedir(), 'Library', 'Application Support', 'Fanout'));
  });

  it('lets FANOUT_DATA_DIR override it', () => {
    expect(defaultDataDir({ FANOUT_DATA_DIR: '/srv/fanout' }, 'linux')).toBe('/srv/fanout');
  });
});

describe('changing the data folder', () => {
  let root: string;
  let configHome: string;
  let configDir: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'fanout-data-location-'));
    configHome = path.join(root, 'config');
    configDir = path.join(configHome, 'Fanout');
  });
  afterEach(() => {
    chmodSync(root, 0o700);
    rmSync(root, { recursive: true, force: true });
  });

  it('moves a real encrypted database with its key and audit head, verified, and the CLI default follows', () => {
    const env = { XDG_CONFIG_HOME: configHome, FANOUT_PASSPHRASE: undefined };
    const first = startupDataLocation(undefined, env, configDir);
    expect(first).toEqual({ dataDir: configDir, control: { configDir, fixedBy: null } });
    const store = openAppStore(path.join(first.dataDir, 'fanout.db'));
    const list = store.lists.create('Kunden', Date.now());
    store.database.close();
    writeFileSync(path.join(configDir, 'fanout.db-audit-head'), '{"seq":1,"hash":"x"}\n');
    mkdirSync(path.join(configDir, 'exports'));
    writeFileSync(path.join(configDir, 'exports', 'old.csv'), 'personal data');
    const before = dataFolderFiles.filter((name) => existsSync(path.join(configDir, name)));
    expect(before).toEqual(expect.arrayContaining(['fanout.db', 'fanout.key', 'fanout.db-audit-head']));
    const keyBytes = readFileSync(path.join(configDir, 'fanout.key'));

    const target = path.join(root, 'elsewhere', 'Fanout data');
    writeDataLocationConfig(configDir, { pending: { target, mode: 'move', requestedAt: new Date().toISOString() } });
    expect(startupDataLocation(undefined, env, configDir).dataDir).toBe(target);
    for (const name of before) expect(existsSync(path.join(configDir, name)), name).toBe(false);
    expect(existsSync(path.join(configDir, 'exports'))).toBe(false);
    expect(readFileSync(path.join(target, 'fanout.key'))).toEqual(keyBytes);
    expect(readDataLocationConfig(configDir)).toMatchObject({ dataDir: target, lastChange: { from: configDir, to: target, mode: 'move' } });
    expect(readDataLocationConfig(configDir).originalsLeftIn).toBeUndefined();
    expect(defaultDataDir(env, 'linux')).toBe(target);

    const reopened = openAppStore(path.join(target, 'fanout.db'));
    expect(reopened.lists.get(list.id)?.name).toBe('Kunden');
    reopened.database.close();
  });

  it('waits with a move while another Fanout process has the database open, and moves at the first start without one', async () => {
    const env = { XDG_CONFIG_HOME: configHome, FANOUT_PASSPHRASE: undefined };
    const dbPath = path.join(configDir, 'fanout.db');
    const store = openAppStore(dbPath);
    store.lists.create('Kunden', Date.now());
    store.database.close();
    const other = spawn(process.execPath, ['--import', 'tsx', HOLD_OPEN, dbPath], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      other.stdout.on('data', (data: Buffer) => (String(data).includes('open') ? resolve() : undefined));
      other.once('exit', (code) => reject(new Error(`the other process ended (${code})`)));
    });
    const exited = new Promise((resolve) => other.once('exit', resolve));
    try {
      const target = path.join(root, 'moved');
      writeDataLocationConfig(configDir, { pending: { target, mode: 'move', requestedAt: new Date().toISOString() } });
      expect(startupDataLocation(undefined, env, configDir).dataDir).toBe(configDir);
      expect(readDataLocationConfig(configDir)).toMatchObject({ pending: { target }, lastChange: { failed: expect.stringContaining(`process ${other.pid}`) } });
      expect(existsSync(path.join(target, 'fanout.db'))).toBe(false);

      other.kill();
      await exited;
      expect(startupDataLocation(undefined, env, configDir).dataDir).toBe(target);
      expect(readDataLocationConfig(configDir)).toMatchObject({ dataDir: target, lastChange: { to: target, mode: 'move' } });
      expect(existsSync(dbPath)).toBe(false);
      expect(existsSync(`${dbPath}-users`)).toBe(false);
      expect(existsSync(path.join(target, 'fanout.db-users'))).toBe(false);
      const moved = openAppStore(path.join(target, 'fanout.db'));
      expect(moved.lists.list().map((list) => list.name)).toEqual(['Kunden']);
      moved.database.close();
    } finally {
      other.kill();
      await exited;
    }
  }, 30_000);

  it('switches to Fanout data already in a folder without touching either', () => {
    const other = path.join(root, 'other');
    mkdirSync(other);
    writeFileSync(path.join(other, 'fanout.db'), 'other data');
    writeFileSync(path.join(other, 'fanout.key'), 'other key');
    mkdirSync(configDir, { recursive: true });
    writeFileSync(path.join(configDir, 'fanout.db'), 'current data');
    expect(checkDataTarget(other, configDir)).toMatchObject({ problem: null, same: false, existingDataChangedAt: expect.any(String) });
    writeDataLocationConfig(configDir, { pending: { target: other, mode: 'use-existing', requestedAt: '' } });
    expect(settleDataLocation(configDir)).toBe(other);
    expect(readFileSync(path.join(configDir, 'fanout.db'), 'utf8')).toBe('current data');
    expect(readFileSync(path.join(other, 'fanout.db'), 'utf8')).toBe('other data');
  });

  it('never overwrites data at the target and leaves everything where it was when a move fails', () => {
    mkdirSync(configDir, { recursive: true });
    writeFileSync(path.join(configDir, 'fanout.db'), 'current');
    writeFileSync(path.join(configDir, 'fanout.key'), 'key');
    const target = path.join(root, 'taken');
    mkdirSync(target);
    writeFileSync(path.join(target, 'fanout.key'), 'another key');
    expect(() => copyDataFiles(configDir, target)).toThrow(/does not overwrite/);
    writeDataLocationConfig(configDir, { pending: { target, mode: 'move', requestedAt: '' } });
    expect(settleDataLocation(configDir)).toBe(configDir);
    expect(readFileSync(path.join(configDir, 'fanout.db'), 'utf8')).toBe('current');
    expect(existsSync(path.join(target, 'fanout.db'))).toBe(false);
    expect(readDataLocationConfig(configDir)).toMatchObject({ lastChange: { failed: expect.stringContaining('does not overwrite'), target } });
    expect(readDataLocationConfig(configDir).pending).toBeUndefined();
  });

  it('refuses to move the data into a folder inside the data folder, such as its own exports', () => {
    mkdirSync(path.join(configDir, 'exports'), { recursive: true });
    writeFileSync(path.join(configDir, 'fanout.db'), 'current');
    for (const inside of [path.join(configDir, 'exports'), path.join(configDir, 'exports', 'deeper'), path.join(configDir, 'new')]) {
      expect(checkDataTarget(inside, configDir).problem).toMatch(/inside Fanout's data folder/);
    }
    expect(checkDataTarget(path.join(root, 'beside'), configDir).problem).toBeNull();
    // Even when the request got into the config some other way, the move refuses and leaves all in place.
    writeDataLocationConfig(configDir, { pending: { target: path.join(configDir, 'exports'), mode: 'move', requestedAt: '' } });
    expect(settleDataLocation(configDir)).toBe(configDir);
    expect(readFileSync(path.join(configDir, 'fanout.db'), 'utf8')).toBe('current');
    expect(readDataLocationConfig(configDir)).toMatchObject({ lastChange: { failed: expect.stringContaining('into itself') } });
  });

  it('switches to the copies before removing the originals, and removes what a cut-short start left at the next one', () => {
    mkdirSync(configDir, { recursive: true });
    const target = path.join(root, 'moved');
    mkdirSync(target);
    writeFileSync(path.join(target, 'fanout.db'), 'the data');
    writeFileSync(path.join(target, 'fanout.key'), 'its key');
    // As a start that died after switching, before the originals were all removed, leaves it.
    const old = path.join(root, 'old');
    mkdirSync(path.join(old, 'exports'), { recursive: true });
    writeFileSync(path.join(old, 'fanout.key'), 'its key');
    writeFileSync(path.join(old, 'exports', 'results.csv'), 'personal data');
    writeFileSync(path.join(old, 'notes.txt'), 'not Fanout’s');
    writeDataLocationConfig(configDir, { dataDir: target, originalsLeftIn: old });
    expect(settleDataLocation(configDir)).toBe(target);
    expect(existsSync(path.join(old, 'fanout.key'))).toBe(false);
    expect(existsSync(path.join(old, 'exports'))).toBe(false);
    expect(readFileSync(path.join(old, 'notes.txt'), 'utf8')).toBe('not Fanout’s');
    expect(readDataLocationConfig(configDir)).toEqual({ dataDir: target });
  });

  it('refuses to use an encrypted database whose key file is not beside it', () => {
    const other = path.join(root, 'backup');
    mkdirSync(other);
    const store = openAppStore(path.join(other, 'fanout.db'));
    store.database.close();
    rmSync(path.join(other, 'fanout.key'));
    expect(checkDataTarget(other, configDir)).toMatchObject({ existingDataChangedAt: expect.any(String), problem: expect.stringContaining('key file (fanout.key) is not beside it') });
  });

  it('refuses a folder it cannot write to, and a relative path', () => {
    const locked = path.join(root, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    // root ignores permissions; the check is only meaningful for an ordinary user.
    if (process.getuid?.() !== 0) expect(checkDataTarget(path.join(locked, 'inner'), configDir).problem).toMatch(/cannot write/);
    // A path through a file cannot become a folder, whoever runs this (CI runs as root).
    const file = path.join(root, 'a-file');
    writeFileSync(file, 'x');
    expect(checkDataTarget(path.join(file, 'inner'), configDir).problem).toMatch(/cannot write to .*ENOTDIR/);
    expect(checkDataTarget('relative/folder', configDir).problem).toMatch(/full path/);
    expect(checkDataTarget(configDir, configDir)).toMatchObject({ same: true, problem: null });
  });

  it('keeps a folder given on the command line or in FANOUT_DATA_DIR, and says Settings cannot change it', () => {
    writeDataLocationConfig(configDir, { pending: { target: path.join(root, 'x'), mode: 'move', requestedAt: '' } });
    expect(startupDataLocation('/srv/given', {}, configDir)).toEqual({ dataDir: '/srv/given', control: { configDir, fixedBy: 'option' } });
    expect(startupDataLocation(undefined, { FANOUT_DATA_DIR: '/srv/env' }, configDir)).toEqual({ dataDir: '/srv/env', control: { configDir, fixedBy: 'environment' } });
    expect(readDataLocationConfig(configDir).pending).toBeDefined();
  });
});
