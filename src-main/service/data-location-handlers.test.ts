import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallContext } from './call-context';
import { readDataLocationConfig, settleDataLocation } from './data-location';
import { createDataLocationHandlers } from './data-location-handlers';
import { ServiceError } from './service-error';

let root: string;
let configDir: string;
const context = { transport: 'test' } as CallContext;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'fanout-data-location-api-'));
  configDir = path.join(root, 'config');
  mkdirSync(configDir);
  writeFileSync(path.join(configDir, 'fanout.db'), 'data');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('dataLocation handlers', () => {
  it('checks a folder, asks for the move, and the next start carries it out', async () => {
    const handlers = createDataLocationHandlers(configDir, { configDir, fixedBy: null });
    const target = path.join(root, 'new place');
    expect(await handlers['dataLocation.check']({ target }, context)).toEqual({ target, same: false, problem: null, existingDataChangedAt: null });
    expect(await handlers['dataLocation.change']({ target, mode: 'move' }, context)).toEqual({ pending: { target, mode: 'move' } });
    expect(await handlers['dataLocation.get']({}, context)).toMatchObject({ dataDir: configDir, fixedBy: null, pending: { target, mode: 'move' } });
    expect(existsSync(path.join(target, 'fanout.db'))).toBe(false);
    expect(settleDataLocation(configDir)).toBe(target);
    expect(existsSync(path.join(target, 'fanout.db'))).toBe(true);
  });

  it('refuses to move onto existing data, to use data that is not there, and can forget a pending change', async () => {
    const handlers = createDataLocationHandlers(configDir, { configDir, fixedBy: null });
    const other = path.join(root, 'other');
    mkdirSync(other);
    writeFileSync(path.join(other, 'fanout.db'), 'theirs');
    writeFileSync(path.join(other, 'fanout.key'), 'their key');
    await expect(Promise.resolve().then(() => handlers['dataLocation.change']({ target: other, mode: 'move' }, context))).rejects.toMatchObject({ code: 'conflict' });
    const empty = path.join(root, 'empty');
    await expect(Promise.resolve().then(() => handlers['dataLocation.change']({ target: empty, mode: 'use-existing' }, context))).rejects.toMatchObject({ code: 'bad-request' });
    await handlers['dataLocation.change']({ target: other, mode: 'use-existing' }, context);
    expect(await handlers['dataLocation.cancel']({}, context)).toEqual({ cancelled: true });
    expect(readDataLocationConfig(configDir).pending).toBeUndefined();
  });

  it('says a folder fixed at start cannot be changed here', async () => {
    const handlers = createDataLocationHandlers(configDir, { configDir, fixedBy: 'environment' });
    expect(await handlers['dataLocation.get']({}, context)).toMatchObject({ fixedBy: 'environment', pending: null });
    expect(() => handlers['dataLocation.change']({ target: path.join(root, 'x'), mode: 'move' }, context)).toThrow(ServiceError);
  });
});
