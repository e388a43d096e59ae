// Which processes have a database open: each Fanout process (the app, `serve`, a CLI command)
// that opens one through openDatabase leaves a file named after its process id in a folder
// beside it, and removes it on close. A data-folder move, which copies the database before
// anything opens it, asks here first: copying (and then deleting) a database another process
// is writing would lose that process's writes. Best effort: a folder that cannot be written
// simply tells nobody, and a file left by a crash is ignored once its process is gone.
import { mkdirSync, readdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isProcessAlive } from './process-alive';

/** Connections open per database in this process (tests open a second one; only the last close removes the file). */
const openHere = new Map<string, number>();

export function databaseUsersFolder(databasePath: string): string {
  return `${databasePath}-users`;
}

/** Records this process as a user of the database until the returned function is called (once per open). */
export function registerDatabaseUser(databasePath: string): () => void {
  if (databasePath === ':memory:' || databasePath === '') return () => undefined;
  const key = path.resolve(databasePath);
  const folder = databaseUsersFolder(key);
  const mine = path.join(folder, String(process.pid));
  const count = openHere.get(key) ?? 0;
  openHere.set(key, count + 1);
  if (count === 0) {
    try {
      mkdirSync(folder, { recursive: true });
      writeFileSync(mine, new Date().toISOString());
    } catch {
      // A read-only folder: the database opens all the same (see the note at the top).
    }
  }
  let done = false;
  return () => {
    if (done) return;
    done = true;
    const left = (openHere.get(key) ?? 1) - 1;
    if (left > 0) {
      openHere.set(key, left);
      return;
    }
    openHere.delete(key);
    try {
      rmSync(mine, { force: true });
      rmdirSync(folder); // only when empty: another process's file stays
    } catch {
      // not empty, gone already, or never written (see registerDatabaseUser)
    }
  };
}

/** Process ids, other than this one, that have the database open now. */
export function otherDatabaseUsers(databasePath: string): number[] {
  let names: string[];
  try {
    names = readdirSync(databaseUsersFolder(path.resolve(databasePath)));
  } catch {
    return [];
  }
  return names
    .map(Number)
    .filter((pid) => Number.isInteger(pid) && pid > 0 && pid !== process.pid && isProcessAlive(pid));
}

/** Removes the users folder of a database that has been moved away, with what crashed processes left there; not while one still runs. */
export function forgetDatabaseUsers(databasePath: string): void {
  if (otherDatabaseUsers(databasePath).length > 0) return;
  rmSync(databaseUsersFolder(path.resolve(databasePath)), { recursive: true, force: true });
}
