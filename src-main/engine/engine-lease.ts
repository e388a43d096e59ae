// This engine's lease on the database (see store/repositories/engine-leases.ts): taken at start,
// renewed while running, given back at stop. Renewing also looks for engines that died without
// giving theirs back (kill -9, power loss) and marks their in-flight messages 'unknown'.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { EngineLease, Store } from '../store';

/** A lease of another computer not renewed for this long belongs to a dead engine. */
export const LEASE_STALE_MS = 30_000;
/**
 * On this computer the process itself is asked, so a long stall (a big import's last commit) is
 * not taken for death; the limit only guards against a reused pid after a reboot.
 */
export const LOCAL_LEASE_STALE_MS = 10 * 60_000;
export const LEASE_RENEW_MS = 5_000;

export interface LeaseKeeper {
  readonly owner: string;
  /** Takes the lease; returns how many messages of gone engines became 'unknown'. */
  acquire(now: number): number;
  /** Renews the lease; returns how many messages of engines found dead since became 'unknown'. */
  renew(now: number): number;
  release(): void;
}

/** On this computer a dead process is known at once; elsewhere only by its silence. */
export function isLeaseAlive(lease: EngineLease, now: number, thisHost = hostname()): boolean {
  const silentFor = now - lease.heartbeatAt;
  if (lease.hostname !== thisHost) return silentFor <= LEASE_STALE_MS;
  if (silentFor > LOCAL_LEASE_STALE_MS) return false;
  try {
    process.kill(lease.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function createLeaseKeeper(store: Store, clockNow: () => number): LeaseKeeper {
  const owner = randomUUID();
  const thisHost = hostname();

  function partition(now: number): { live: string[]; dead: string[] } {
    const live: string[] = [owner];
    const dead: string[] = [];
    for (const lease of store.engineLeases.list()) {
      if (lease.owner === owner) continue;
      (isLeaseAlive(lease, now, thisHost) ? live : dead).push(lease.owner);
    }
    return { live, dead };
  }

  return {
    owner,
    acquire(now) {
      return store.inTransaction(() => {
        store.engineLeases.acquire({ owner, pid: process.pid, hostname: thisHost, startedAt: now, heartbeatAt: now });
        const { live, dead } = partition(now);
        store.engineLeases.remove(dead);
        // Unowned claims come from engines older than leases: nobody can still be sending them.
        return store.queue.markInterruptedAsUnknown(clockNow(), live);
      });
    },
    renew(now) {
      return store.inTransaction(() => {
        store.engineLeases.renew(owner, now);
        const { dead } = partition(now);
        if (dead.length === 0) return 0;
        store.engineLeases.remove(dead);
        return store.queue.markClaimsOfDeadOwnersUnknown(dead, clockNow());
      });
    },
    release() {
      store.engineLeases.release(owner);
    },
  };
}
