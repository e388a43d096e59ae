/** A modem's lifetime count of SMS parts handed over, seen at a moment (from modem.status). */
export interface PartsSample {
  at: number;
  partsSent: number;
}

export const RATE_WINDOW_MS = 60_000;
/** Shorter than this, a rate would swing wildly: say nothing yet. */
const MIN_SPAN_MS = 5_000;

/**
 * SMS parts per minute over the last minute, or since watching began when that is shorter.
 * Null with under five seconds of history. Samples are in time order.
 */
export function partsPerMinute(samples: readonly PartsSample[], now: number): number | null {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (!first || !last) return null;
  const from = Math.max(first.at, now - RATE_WINDOW_MS);
  const span = now - from;
  if (span < MIN_SPAN_MS) return null;
  let before = first.partsSent;
  for (const sample of samples) {
    if (sample.at > from) break;
    before = sample.partsSent;
  }
  return ((last.partsSent - before) * 60_000) / span;
}

/** Adds a sample and forgets those the window no longer needs (one older sample is kept as the baseline). */
export function addSample(samples: readonly PartsSample[], sample: PartsSample): PartsSample[] {
  const cutoff = sample.at - RATE_WINDOW_MS;
  const firstInWindow = samples.findIndex((known) => known.at >= cutoff);
  const kept = firstInWindow === -1 ? samples.slice(-1) : samples.slice(Math.max(0, firstInWindow - 1));
  return [...kept, sample];
}
