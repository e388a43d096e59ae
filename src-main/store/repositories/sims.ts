import { asc, eq } from 'drizzle-orm';
import type { FanoutDatabase } from '../open-database';
import { sims } from '../schema';

export type Sim = typeof sims.$inferSelect;

export interface SeenSim {
  iccid: string;
  imsi?: string | null;
  imei?: string | null;
  /** Used only when the SIM is new. */
  label?: string;
}

export interface SimSettings {
  label?: string;
  enabled?: boolean;
  limitPerMinute?: number | null;
  limitPerHour?: number | null;
  limitPerDay?: number | null;
}

export interface SimsRepository {
  /** Records a SIM found in a modem (by ICCID), creating it the first time. */
  recordSeen(seen: SeenSim, now: number): Sim;
  get(id: number): Sim | undefined;
  getByIccid(iccid: string): Sim | undefined;
  list(): Sim[];
  update(id: number, settings: SimSettings, now: number): boolean;
  addPartsSent(id: number, parts: number): void;
}

export function createSimsRepository(db: FanoutDatabase): SimsRepository {
  const { orm, sqlite } = db;
  const addParts = sqlite.prepare('UPDATE sims SET parts_sent_total = parts_sent_total + ? WHERE id = ?');
  return {
    recordSeen(seen, now) {
      return orm
        .insert(sims)
        .values({ iccid: seen.iccid, imsi: seen.imsi ?? null, imei: seen.imei ?? null, label: seen.label ?? `SIM …${seen.iccid.slice(-4)}`, lastSeenAt: now, createdAt: now, updatedAt: now })
        .onConflictDoUpdate({ target: sims.iccid, set: { imsi: seen.imsi ?? null, imei: seen.imei ?? null, lastSeenAt: now, updatedAt: now } })
        .returning()
        .get();
    },
    get(id) {
      return orm.select().from(sims).where(eq(sims.id, id)).get();
    },
    getByIccid(iccid) {
      return orm.select().from(sims).where(eq(sims.iccid, iccid)).get();
    },
    list() {
      return orm.select().from(sims).orderBy(asc(sims.label), asc(sims.id)).all();
    },
    update(id, settings, now) {
      return orm.update(sims).set({ ...settings, updatedAt: now }).where(eq(sims.id, id)).run().changes > 0;
    },
    addPartsSent(id, parts) {
      addParts.run(parts, id);
    },
  };
}
