import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBackgroundCheckpoints } from './background-checkpoints';
import { openDatabase, type FanoutDatabase } from './open-database';

let dir: string;
let opened: FanoutDatabase[];
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'fanout-checkpoints-'));
  opened = [];
});
afterEach(() => {
  for (const database of opened) database.close();
  rmSync(dir, { recursive: true, force: true });
});

function open(key?: Buffer): FanoutDatabase {
  const database = openDatabase({ path: path.join(dir, 'fanout.db'), ...(key ? { key } : {}) });
  opened.push(database);
  return database;
}

/** 4 MB of rows that reach only the log: this connection never checkpoints. */
function writeToLogOnly(database: FanoutDatabase): void {
  database.sqlite.pragma('wal_autocheckpoint = 0');
  database.sqlite.exec('CREATE TABLE filler (text TEXT NOT NULL)');
  const insert = database.sqlite.prepare('INSERT INTO filler (text) VALUES (?)');
  database.sqlite.transaction(() => {
    for (let i = 0; i < 4000; i++) insert.run(`${i}`.padEnd(1000, 'x'));
  })();
}

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('background checkpoints', () => {
  it.each([
    ['plain', undefined],
    ['encrypted', Buffer.alloc(32, 7)],
  ])('copy the log into the %s database file from another thread, and stop when asked', async (_, key) => {
    const database = open(key);
    writeToLogOnly(database);
    const file = path.join(dir, 'fanout.db');
    const before = statSync(file).size;
    expect(before).toBeLessThan(1_000_000);
    const failures: string[] = [];
    const checkpoints = startBackgroundCheckpoints(file, key, (message) => failures.push(message));
    expect(checkpoints).toBeDefined();
    // Pages reach the database file only through a checkpoint, and this connection runs none.
    await until(() => statSync(file).size > 4_000_000);
    await checkpoints?.stop();
    expect(failures).toEqual([]);
    // Everything was copied: a checkpoint here finds nothing left to copy.
    const [result] = database.sqlite.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
    expect(result?.checkpointed).toBe(result?.log);
    database.close();
    const again = open(key);
    expect(again.sqlite.prepare('SELECT count(*) AS n FROM filler').get()).toEqual({ n: 4000 });
  });

  it('reports a connection it cannot open (a wrong key) and still stops cleanly', async () => {
    open(Buffer.alloc(32, 7));
    const failures: string[] = [];
    const checkpoints = startBackgroundCheckpoints(path.join(dir, 'fanout.db'), Buffer.alloc(32, 8), (message) => failures.push(message));
    await until(() => failures.length > 0);
    expect(failures[0]).toMatch(/not a database/i);
    await checkpoints?.stop();
  });
});
