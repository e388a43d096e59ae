import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore } from '../store/testing';
import { createLeaseKeeper, isLeaseAlive, LEASE_STALE_MS, LOCAL_LEASE_STALE_MS } from './engine-lease';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
let temp: TempStore;
beforeEach(() => {
  temp = openTempStore('fanout-lease-');
});
afterEach(() => temp.cleanup());

function seedRunningCampaign(count: number): number {
  const { store } = temp;
  const campaign = store.campaigns.create({ name: 'Lease', template: 'x', listIds: [] }, T0);
  const rows = Array.from({ length: count }, (_, i) => ({ contactId: null, recipientE164: `+4917099${String(i).padStart(5, '0')}`, body: 'x', partCount: 1, dueAt: T0 }));
  store.queue.enqueueRecipients(campaign.id, rows, T0);
  store.campaigns.setState(campaign.id, 'running', { now: T0 });
  return store.sims.recordSeen({ iccid: '8949000000000000001', imsi: null, imei: null }, T0).id;
}

function claim(simId: number, owner?: string) {
  const claimed = temp.store.queue.claimNext({ simId, now: T0, ...(owner ? { owner } : {}) });
  if (!claimed) throw new Error('nothing to claim');
  return claimed;
}

function stateOf(messageId: number): string {
  return (temp.database.sqlite.prepare('SELECT state FROM messages WHERE id = ?').get(messageId) as { state: string }).state;
}

/** The pid of a process that has exited: a crashed engine on this computer. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('engine leases', () => {
  it("leaves a live engine's in-flight message alone when a second engine starts on the same database", () => {
    const simId = seedRunningCampaign(2);
    const first = createLeaseKeeper(temp.store, () => T0);
    first.acquire(Date.now());
    const inFlight = claim(simId, first.owner);

    const secondStore = temp.openAnother();
    const second = createLeaseKeeper(secondStore, () => T0);
    expect(second.acquire(Date.now())).toBe(0);
    expect(second.renew(Date.now())).toBe(0);
    expect(stateOf(inFlight.id)).toBe('sending');
  });

  it("marks a crashed engine's in-flight message unknown, at start and while running", () => {
    const simId = seedRunningCampaign(2);
    const pid = deadPid();
    const { store } = temp;
    const running = createLeaseKeeper(store, () => T0);
    running.acquire(Date.now());

    // A crashed engine on this computer: its process is gone, its heartbeat still recent.
    store.engineLeases.acquire({ owner: 'crashed', pid, hostname: hostname(), startedAt: Date.now(), heartbeatAt: Date.now() });
    const lost = claim(simId, 'crashed');
    const own = claim(simId, running.owner);

    expect(running.renew(Date.now())).toBe(1);
    expect(stateOf(lost.id)).toBe('unknown');
    expect(stateOf(own.id)).toBe('sending');
    expect(store.engineLeases.list().map((lease) => lease.owner)).toEqual([running.owner]);
  });

  it('treats claims without an owner (engines older than leases) as interrupted at start, never while running', () => {
    const simId = seedRunningCampaign(2);
    const legacy = claim(simId);
    const keeper = createLeaseKeeper(temp.store, () => T0);
    keeper.acquire(Date.now());
    expect(stateOf(legacy.id)).toBe('unknown');

    const laterLegacy = claim(simId);
    keeper.renew(Date.now());
    expect(stateOf(laterLegacy.id)).toBe('sending');
  });

  it('judges another computer by its heartbeat and this one by its process', () => {
    const now = Date.now();
    const remote = { owner: 'r', pid: 1, hostname: 'other-pc', startedAt: now, heartbeatAt: now - LEASE_STALE_MS + 1000 };
    expect(isLeaseAlive(remote, now, 'this-pc')).toBe(true);
    expect(isLeaseAlive({ ...remote, heartbeatAt: now - LEASE_STALE_MS - 1 }, now, 'this-pc')).toBe(false);

    const local = { owner: 'l', pid: process.pid, hostname: 'this-pc', startedAt: now, heartbeatAt: now - 5 * 60_000 };
    expect(isLeaseAlive(local, now, 'this-pc')).toBe(true);
    expect(isLeaseAlive({ ...local, pid: deadPid() }, now, 'this-pc')).toBe(false);
    expect(isLeaseAlive({ ...local, heartbeatAt: now - LOCAL_LEASE_STALE_MS - 1 }, now, 'this-pc')).toBe(false);
  });
});
