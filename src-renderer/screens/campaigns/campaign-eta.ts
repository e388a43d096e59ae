import type { ProgressSample } from '../../state/campaigns-store';

/** The ETA follows the sending rate of the last minute, so a modem added or lost shows soon. */
export const ETA_WINDOW_MS = 60_000;
/** Less than this much history gives a rate too jumpy to promise anything. */
const MIN_SPAN_MS = 5_000;

/**
 * Milliseconds until the `left` messages are done at the recent rate, or null while that rate is
 * unknown (too little history, or nothing moved in the last minute).
 */
export function estimateRemainingMs(samples: readonly ProgressSample[], left: number, now: number): number | null {
  if (left <= 0) return 0;
  const recent = samples.filter((sample) => sample.at >= now - ETA_WINDOW_MS && sample.at <= now);
  const first = recent[0];
  const last = recent[recent.length - 1];
  if (!first || !last || recent.length < 2) return null;
  // Time since the last change counts too: a stalled campaign's rate falls instead of freezing.
  const span = now - first.at;
  if (last.at - first.at < MIN_SPAN_MS && span < MIN_SPAN_MS) return null;
  const perMs = (last.done - first.done) / span;
  if (perMs <= 0) return null;
  return left / perMs;
}

export type EtaText = { key: 'monitor.eta.lessThanMinute' } | { key: 'monitor.eta.minutes'; minutes: number } | { key: 'monitor.eta.hours'; hours: number; minutes: number };

/** "about 3 minutes", rounded the way people say it. */
export function describeRemaining(ms: number): EtaText {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return { key: 'monitor.eta.lessThanMinute' };
  if (minutes < 90) return { key: 'monitor.eta.minutes', minutes };
  const rounded = Math.round(minutes / 10) * 10;
  return { key: 'monitor.eta.hours', hours: Math.floor(rounded / 60), minutes: rounded % 60 };
}
