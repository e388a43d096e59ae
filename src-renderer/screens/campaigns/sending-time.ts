// How long limits alone make a campaign take: the lower bound the dialog shows beside the choice of
// modems and limits. Modems' own speed is not known in advance, so it is left out ("at least").
export interface WindowLimits {
  readonly perMinute: number | null;
  readonly perHour: number | null;
  readonly perDay: number | null;
}

const WINDOWS = [
  ['perMinute', 60_000],
  ['perHour', 3_600_000],
  ['perDay', 86_400_000],
] as const;

/** The stricter of the SIM's own limit and the campaign's, per window (null: no limit). */
export function effectiveLimits(sim: WindowLimits, campaign: WindowLimits | null): WindowLimits {
  const stricter = (own: number | null, chosen: number | null | undefined) => (own === null ? (chosen ?? null) : chosen == null ? own : Math.min(own, chosen));
  return { perMinute: stricter(sim.perMinute, campaign?.perMinute), perHour: stricter(sim.perHour, campaign?.perHour), perDay: stricter(sim.perDay, campaign?.perDay) };
}

/**
 * Parts one SIM may have handed over by `elapsedMs` after the start: each limit allows its full
 * amount at once and again every time its window has passed (the engine counts a sliding window).
 */
function capacityBy(limits: WindowLimits, elapsedMs: number): number {
  let capacity = Infinity;
  for (const [key, windowMs] of WINDOWS) {
    const limit = limits[key];
    if (limit !== null) capacity = Math.min(capacity, limit * (Math.floor(elapsedMs / windowMs) + 1));
  }
  return capacity;
}

/**
 * The least time (ms) in which `parts` SMS parts fit under the limits of these SIMs together; 0
 * when some SIM has no limit at all (then only the modems' speed decides), null without SIMs.
 */
export function minimumSendingMs(parts: number, sims: readonly WindowLimits[]): number | null {
  if (sims.length === 0) return null;
  if (parts <= 0) return 0;
  const capacity = (elapsedMs: number) => sims.reduce((sum, sim) => sum + capacityBy(sim, elapsedMs), 0);
  if (capacity(0) >= parts) return 0;
  // Every limit allows at least one part a day, so `parts` days always suffice; whole minutes are precise enough.
  let low = 0;
  let high = parts * 1440;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (capacity(middle * 60_000) >= parts) high = middle;
    else low = middle;
  }
  return high * 60_000;
}
