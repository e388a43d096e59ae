import { asc, eq } from 'drizzle-orm';
import type { FanoutDatabase } from '../open-database';
import { settings, sims } from '../schema';

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

/** A PIN the SIM refused, kept only as a digest: enough to recognise it, useless to read it back. */
export interface PinRefusal {
  digest: string;
  /** Refusals in a row; the SIM locks at three (TS 31.102 §6.3). */
  refusals: number;
}

export interface SimsRepository {
  /** Records a SIM found in a modem (by ICCID), creating it the first time. */
  recordSeen(seen: SeenSim, now: number): Sim;
  get(id: number): Sim | undefined;
  getByIccid(iccid: string): Sim | undefined;
  list(): Sim[];
  update(id: number, settings: SimSettings, now: number): boolean;
  addPartsSent(id: number, parts: number): void;
  pinRefusal(id: number): PinRefusal | null;
  recordPinRefusal(id: number, digest: string, now: number): PinRefusal;
  clearPinRefusal(id: number): void;
  /** The USSD code last used to check this SIM's balance, if any. */
  balanceCode(id: number): string | null;
  setBalanceCode(id: number, code: string, now: number): void;
}

// Per-SIM extras live in the key-value settings table, so they need no schema change.
const pinRefusalKey = (id: number) => `sims.${id}.pinRefusal`;
const balanceCodeKey = (id: number) => `sims.${id}.balanceCode`;

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
    pinRefusal(id) {
      return (readExtra(pinRefusalKey(id)) as PinRefusal | undefined) ?? null;
    },
    recordPinRefusal(id, digest, now) {
      const previous = (readExtra(pinRefusalKey(id)) as PinRefusal | undefined) ?? null;
      const refusal = { digest, refusals: (previous?.refusals ?? 0) + 1 };
      writeExtra(pinRefusalKey(id), refusal, now);
      return refusal;
    },
    clearPinRefusal(id) {
      orm.delete(settings).where(eq(settings.key, pinRefusalKey(id))).run();
    },
    balanceCode(id) {
      const code = readExtra(balanceCodeKey(id));
      return typeof code === 'string' ? code : null;
    },
    setBalanceCode(id, code, now) {
      writeExtra(balanceCodeKey(id), code, now);
    },
  };

  function readExtra(key: string): unknown {
    return orm.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get()?.value;
  }

  function writeExtra(key: string, value: unknown, now: number): void {
    orm
      .insert(settings)
      .values({ key, value, updatedAt: now })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } })
      .run();
  }
}
