/** A modem's lifetime count of SMS handed over, seen at a moment (from modem.status). */
export interface SentSample {
  at: number;
  partsSent: number;
}

export const THROUGHPUT_WINDOW_MS = 60_000;

/** The count at time `at`: the last sample taken at or before it, or null before the first. */
function countAt(samples: readonly SentSample[], at: number): number | null {
  let count: number | null = null;
  for (const sample of samples) {
    if (sample.at > at) break;
    count = sample.partsSent;
  }
  return count;
}

/** SMS per minute over the last minute (or since watching began, when that is shorter). Null with under 5 s of history. */
export function smsPerMinute(samples: readonly SentSample[], now: number): number | null {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (!first || !last) return null;
  const from = Math.max(first.at, now - THROUGHPUT_WINDOW_MS);
  const span = now - from;
  if (span < 5_000) return null;
  const before = countAt(samples, from) ?? first.partsSent;
  return ((last.partsSent - before) * 60_000) / span;
}

/**
 * SMS per minute in each of `buckets` equal slices of time ending now, oldest first; null for
 * slices before watching began. What the throughput chart draws.
 */
export function throughputSeries(samples: readonly SentSample[], now: number, buckets: number, bucketMs: number): (number | null)[] {
  const series: (number | null)[] = [];
  for (let i = buckets; i > 0; i--) {
    const start = now - i * bucketMs;
    const end = start + bucketMs;
    const first = samples[0];
    // A slice that ends before watching began has nothing to show; the one it began in counts from then.
    if (!first || first.at >= end) {
      series.push(null);
      continue;
    }
    const from = countAt(samples, start) ?? first.partsSent;
    const to = countAt(samples, end) ?? from;
    series.push(((to - from) * 60_000) / bucketMs);
  }
  return series;
}
