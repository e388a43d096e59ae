import { afterEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore } from '../store/testing';
import { GroupCommit } from './group-commit';

let temp: TempStore | undefined;
afterEach(() => {
  temp?.cleanup();
  temp = undefined;
});

describe('group commit', () => {
  it('runs writes requested in one turn in one transaction; a failing one rejects alone', async () => {
    temp = openTempStore('fanout-group-');
    const { store, database } = temp;
    let transactions = 0;
    const group = new GroupCommit((work) => {
      transactions += 1;
      database.sqlite.transaction(work).immediate();
    });
    const first = group.run(() => store.settings.set('a', 1, 0));
    const failing = group.run(() => {
      throw new Error('boom');
    });
    const third = group.run(() => {
      store.settings.set('b', 2, 0);
      return 'done';
    });
    await expect(first).resolves.toBeUndefined();
    await expect(failing).rejects.toThrow('boom');
    await expect(third).resolves.toBe('done');
    expect(transactions).toBe(1);
    // Committed: another connection (another process) sees both writes.
    const other = temp.openAnother();
    expect([other.settings.get('a'), other.settings.get('b')]).toEqual([1, 2]);

    await group.run(() => store.settings.set('c', 3, 0));
    expect(transactions).toBe(2);
  });

  it('rejects every caller when the commit itself fails, and nothing of the batch stays', async () => {
    temp = openTempStore('fanout-group-');
    const { store, database } = temp;
    const group = new GroupCommit((work) =>
      database.sqlite.transaction(() => {
        work();
        throw new Error('disk full');
      })(),
    );
    const results = await Promise.allSettled([group.run(() => store.settings.set('x', 1, 0)), group.run(() => store.settings.set('y', 2, 0))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(store.settings.get('x')).toBeUndefined();
  });
});
