import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseUsersFolder, forgetDatabaseUsers, otherDatabaseUsers, registerDatabaseUser } from './database-users';
import { openDatabase } from './open-database';

let dir: string;
let dbPath: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'fanout-users-'));
  dbPath = path.join(dir, 'fanout.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('database users', () => {
  it('lists this process while any of its connections is open, and nothing once all are closed', () => {
    const first = openDatabase({ path: dbPath });
    const second = openDatabase({ path: dbPath });
    expect(readdirSync(databaseUsersFolder(dbPath))).toEqual([String(process.pid)]);
    first.close();
    first.close();
    expect(readdirSync(databaseUsersFolder(dbPath))).toEqual([String(process.pid)]);
    second.close();
    expect(existsSync(databaseUsersFolder(dbPath))).toBe(false);
  });

  it('names other live processes only: not itself, not one that ended without closing', () => {
    const unregister = registerDatabaseUser(dbPath);
    const folder = databaseUsersFolder(dbPath);
    writeFileSync(path.join(folder, String(process.ppid)), '');
    writeFileSync(path.join(folder, '999999999'), ''); // no such process
    writeFileSync(path.join(folder, 'not-a-pid'), '');
    expect(otherDatabaseUsers(dbPath)).toEqual([process.ppid]);
    forgetDatabaseUsers(dbPath);
    expect(existsSync(folder)).toBe(true);
    rmSync(path.join(folder, String(process.ppid)));
    unregister();
    forgetDatabaseUsers(dbPath);
    expect(existsSync(folder)).toBe(false);
  });

  it('opens a database in a folder it cannot record itself in', () => {
    writeFileSync(databaseUsersFolder(dbPath), 'a file where the folder would go');
    const database = openDatabase({ path: dbPath });
    expect(otherDatabaseUsers(dbPath)).toEqual([]);
    database.close();
  });
});
