// Which engines are alive on this database. Each engine (one per process) holds a lease and renews
// it; the messages it claims carry its owner id. At start, and while running, an engine marks as
// 'unknown' only the in-flight messages of owners that are gone — never those of another live
// process sharing the database (a second window, `fanout campaign run` beside the app).
import type { FanoutDatabase } from '../open-database';

export interface EngineLease {
  owner: string;
  pid: number;
  hostname: string;
  startedAt: number;
  heartbeatAt: number;
}

export interface EngineLeasesRepository {
  acquire(lease: EngineLease): void;
  renew(owner: string, now: number): void;
  release(owner: string): void;
  list(): EngineLease[];
  remove(owners: readonly string[]): void;
}

export function createEngineLeasesRepository(db: FanoutDatabase): EngineLeasesRepository {
  const { sqlite } = db;
  const upsert = sqlite.prepare(
    `INSERT INTO engine_leases (owner, pid, hostname, started_at, heartbeat_at) VALUES (@owner, @pid, @hostname, @startedAt, @heartbeatAt)
     ON CONFLICT (owner) DO UPDATE SET heartbeat_at = excluded.heartbeat_at`,
  );
  const renew = sqlite.prepare('UPDATE engine_leases SET heartbeat_at = ? WHERE owner = ?');
  const release = sqlite.prepare('DELETE FROM engine_leases WHERE owner = ?');
  const list = sqlite.prepare<[], EngineLease>('SELECT owner, pid, hostname, started_at AS startedAt, heartbeat_at AS heartbeatAt FROM engine_leases');
  const removeMany = sqlite.prepare("DELETE FROM engine_leases WHERE owner IN (SELECT value FROM json_each(?))");
  return {
    acquire: (lease) => void upsert.run(lease),
    renew: (owner, now) => void renew.run(now, owner),
    release: (owner) => void release.run(owner),
    list: () => list.all(),
    remove: (owners) => void removeMany.run(JSON.stringify(owners)),
  };
}
