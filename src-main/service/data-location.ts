// Where Fanout keeps its data, and moving it. The choice lives in a small file in the platform's
// config folder (data-location.json), outside the data folder itself, so the desktop app,
// `fanout serve` and the CLI all find the same database after a move. A move is carried out at
// the next start, before anything opens the database: copying a database that is being written
// to could copy half a transaction.
import { createHash } from 'node:crypto';
import { accessSync, closeSync, constants, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, readSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { forgetDatabaseUsers, otherDatabaseUsers } from '../store/database-users';
import { syncFile, syncFolder } from '../store/disk-sync';

/**
 * Every file Fanout keeps in a data folder, in one place: the database with its WAL and shared
 * memory, its key file (and a rekey's next key), and the audit chain's head. A move takes these
 * and nothing else (in the desktop app the folder also holds Electron's own files).
 */
export const dataFolderFiles: readonly string[] = [
  'fanout.db',
  'fanout.db-wal',
  'fanout.db-shm',
  'fanout.db-journal',
  'fanout.key',
  'fanout.key.new',
  'fanout.db-audit-head',
];
/** Short-lived files (exports offered for download, half-finished uploads): removed, not moved. */
export const transientDataFolders: readonly string[] = ['exports', 'uploads'];

const CONFIG_FILE = 'data-location.json';

export interface DataLocationConfig {
  /** The data folder in use; absent while it is the config folder itself. */
  dataDir?: string;
  /** A change the user asked for, carried out at the next start. */
  pending?: { target: string; mode: 'move' | 'use-existing'; requestedAt: string };
  /** What the last start did about a pending change. */
  lastChange?: { from: string; to: string; mode: 'move' | 'use-existing'; at: string } | { failed: string; target: string; at: string };
  /**
   * The folder a move left its originals in, after the copies were checked and the data folder
   * switched, until they are all removed (a removal that failed or was cut short is tried again
   * at each start).
   */
  originalsLeftIn?: string;
}

/** The platform's folder for an app called Fanout, as Electron's app.getPath('userData'). */
export function platformConfigDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Fanout');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Fanout');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Fanout');
}

/**
 * Where Fanout keeps its data when no --data-dir is given: FANOUT_DATA_DIR, else the folder
 * chosen in Settings, else the platform's config folder (the same for desktop app, serve and CLI).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.FANOUT_DATA_DIR) return path.resolve(env.FANOUT_DATA_DIR);
  const configDir = platformConfigDir(env, platform);
  return readDataLocationConfig(configDir).dataDir ?? configDir;
}

export function readDataLocationConfig(configDir: string): DataLocationConfig {
  try {
    const parsed = JSON.parse(readFileSync(path.join(configDir, CONFIG_FILE), 'utf8')) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as DataLocationConfig) : {};
  } catch {
    return {};
  }
}

export function writeDataLocationConfig(configDir: string, config: DataLocationConfig): void {
  mkdirSync(configDir, { recursive: true });
  const file = path.join(configDir, CONFIG_FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

export interface DataTargetCheck {
  /** The folder as an absolute path. */
  target: string;
  same: boolean;
  /** Why Fanout cannot use it, in plain words; null when it can. */
  problem: string | null;
  /** A Fanout database is there already: when it was last changed. */
  existingDataChangedAt: string | null;
}

/** The path as the file system knows it (links resolved as far as the path exists), compared without case where the system ignores case. */
function comparablePath(folder: string): string {
  let existing = path.resolve(folder);
  const rest: string[] = [];
  while (!existsSync(existing) && path.dirname(existing) !== existing) {
    rest.unshift(path.basename(existing));
    existing = path.dirname(existing);
  }
  let real = existing;
  try {
    real = realpathSync(existing);
  } catch {
    // Unreadable: compare the path as given.
  }
  const full = path.join(real, ...rest);
  return process.platform === 'win32' || process.platform === 'darwin' ? full.toLowerCase() : full;
}

/** Whether `folder` is `parent` itself or somewhere inside it. */
export function isInsideFolder(folder: string, parent: string): boolean {
  const relative = path.relative(comparablePath(parent), comparablePath(folder));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** A SQLite file that is not encrypted starts with this; an encrypted one does not. */
const PLAIN_SQLITE_HEADER = 'SQLite format 3\0';

function isEncryptedDatabaseFile(file: string): boolean {
  const header = Buffer.alloc(PLAIN_SQLITE_HEADER.length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  return header.toString('latin1') !== PLAIN_SQLITE_HEADER;
}

/** Can Fanout keep its data in `target`? Creates the folder if needed and writes a probe file. */
export function checkDataTarget(target: string, currentDataDir: string): DataTargetCheck {
  const resolved = path.resolve(target);
  const base = { target: resolved, same: comparablePath(resolved) === comparablePath(currentDataDir), existingDataChangedAt: null };
  if (!path.isAbsolute(target.trim())) return { ...base, problem: 'Enter the full path of the folder, starting at the drive or at /.' };
  if (base.same) return { ...base, problem: null };
  // A move empties the old folder (its exports and uploads included): a target inside it would go too.
  if (isInsideFolder(resolved, currentDataDir)) {
    return { ...base, problem: `That folder is inside Fanout's data folder (${path.resolve(currentDataDir)}). Choose a folder outside it.` };
  }
  try {
    mkdirSync(resolved, { recursive: true });
    accessSync(resolved, constants.W_OK);
    const probe = path.join(resolved, `.fanout-write-test-${process.pid}`);
    writeFileSync(probe, 'x');
    rmSync(probe);
  } catch (error) {
    return { ...base, problem: `Fanout cannot write to ${resolved} (${(error as NodeJS.ErrnoException).code ?? String(error)}).` };
  }
  const database = path.join(resolved, 'fanout.db');
  if (!existsSync(database)) return { ...base, problem: null };
  const existingDataChangedAt = statSync(database).mtime.toISOString();
  if (!existsSync(path.join(resolved, 'fanout.key')) && isEncryptedDatabaseFile(database)) {
    return {
      ...base,
      existingDataChangedAt,
      problem: `The Fanout database in ${resolved} is encrypted, and its key file (fanout.key) is not beside it. Copy the key file into that folder too, or choose another folder.`,
    };
  }
  return { ...base, problem: null, existingDataChangedAt };
}

function fileDigest(file: string): string {
  const hash = createHash('sha256');
  const buffer = Buffer.alloc(1 << 20);
  const fd = openSync(file, 'r');
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) hash.update(buffer.subarray(0, read));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/**
 * Copies every data file from `from` to `to`, checks each copy byte for byte (SHA-256) and makes
 * sure the copies are on the disk, not only in its cache. Refuses to overwrite Fanout files at
 * the target and a target inside `from`; on any failure the copies made so far are removed and
 * the originals stay untouched. The originals are removed separately (removeDataFiles), once
 * the data folder has been switched to the copies.
 */
export function copyDataFiles(from: string, to: string): string[] {
  if (isInsideFolder(to, from)) throw new Error(`${to} is inside the data folder ${from}; Fanout does not move its data into itself.`);
  const present = dataFolderFiles.filter((name) => existsSync(path.join(from, name)));
  const clash = present.find((name) => existsSync(path.join(to, name)));
  if (clash) throw new Error(`${path.join(to, clash)} exists already; Fanout does not overwrite data.`);
  mkdirSync(to, { recursive: true });
  const copied: string[] = [];
  try {
    for (const name of present) {
      copyFileSync(path.join(from, name), path.join(to, name));
      copied.push(name);
      syncFile(path.join(to, name));
      if (fileDigest(path.join(from, name)) !== fileDigest(path.join(to, name))) throw new Error(`The copy of ${name} differs from the original.`);
    }
    syncFolder(to);
  } catch (error) {
    for (const name of copied) rmSync(path.join(to, name), { force: true });
    throw error;
  }
  return present;
}

/** Removes Fanout's data files and short-lived folders from `folder`; answers what could not be removed. */
export function removeDataFiles(folder: string): string[] {
  const left: string[] = [];
  const remove = (name: string, removal: () => void) => {
    try {
      removal();
    } catch (error) {
      left.push(`${name} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
  };
  for (const name of [...dataFolderFiles, ...transientDataFolders]) remove(name, () => rmSync(path.join(folder, name), { recursive: true, force: true }));
  remove('fanout.db-users', () => forgetDatabaseUsers(path.join(folder, 'fanout.db')));
  return left;
}

/**
 * Run at start, before the database is opened: carries out a change asked for in Settings and
 * answers the data folder to use. A failed move leaves the data where it was and says why in
 * the config's lastChange, which Settings shows.
 */
export function settleDataLocation(configDir: string, now: Date = new Date()): string {
  const config = readDataLocationConfig(configDir);
  const current = config.dataDir ?? configDir;
  if (!config.pending) {
    if (config.originalsLeftIn) removeOriginals(configDir, config);
    return current;
  }
  const { target, mode } = config.pending;
  const users = otherDatabaseUsers(path.join(current, 'fanout.db'));
  if (users.length > 0) {
    // Kept pending: the change is made at the first start when nothing else has the data open.
    const inUse = `Fanout's data is still open in another Fanout program (process ${users.join(', ')}: the app, \`fanout serve\` or a command). Close it, then start Fanout again to ${mode === 'move' ? 'move the data' : 'switch folders'}.`;
    writeDataLocationConfig(configDir, { ...config, lastChange: { failed: inUse, target, at: now.toISOString() } });
    return current;
  }
  try {
    if (mode === 'move') copyDataFiles(current, target);
    else if (!existsSync(path.join(target, 'fanout.db'))) throw new Error(`There is no Fanout database in ${target} any more.`);
  } catch (error) {
    const { pending: _done, ...rest } = config;
    writeDataLocationConfig(configDir, { ...rest, lastChange: { failed: error instanceof Error ? error.message : String(error), target, at: now.toISOString() } });
    return current;
  }
  // Switched before the originals go: a start cut short from here on finds the data at the target.
  const switched: DataLocationConfig = { dataDir: target, lastChange: { from: current, to: target, mode, at: now.toISOString() }, ...(mode === 'move' ? { originalsLeftIn: current } : {}) };
  writeDataLocationConfig(configDir, switched);
  if (mode === 'move') removeOriginals(configDir, switched);
  return target;
}

/** Removes what a move left in its old folder; what cannot go yet is tried again at the next start. */
function removeOriginals(configDir: string, config: DataLocationConfig): void {
  const folder = config.originalsLeftIn;
  if (!folder) return;
  const left = removeDataFiles(folder);
  if (left.length > 0) {
    console.error(`Fanout: after moving its data, these could not be removed from ${folder} yet: ${left.join(', ')}`);
    return;
  }
  const { originalsLeftIn: _removed, ...rest } = config;
  writeDataLocationConfig(configDir, rest);
}

/**
 * The data folder for a starting desktop app or `serve`, and whether Settings may change it:
 * a folder given on the command line or in FANOUT_DATA_DIR wins and is fixed; otherwise a
 * pending change is carried out first.
 */
export function startupDataLocation(given: string | undefined, env: NodeJS.ProcessEnv = process.env, configDir = platformConfigDir(env)): {
  dataDir: string;
  control: { configDir: string; fixedBy: 'option' | 'environment' | null };
} {
  if (given !== undefined) return { dataDir: path.resolve(given), control: { configDir, fixedBy: 'option' } };
  if (env.FANOUT_DATA_DIR) return { dataDir: path.resolve(env.FANOUT_DATA_DIR), control: { configDir, fixedBy: 'environment' } };
  return { dataDir: settleDataLocation(configDir), control: { configDir, fixedBy: null } };
}
