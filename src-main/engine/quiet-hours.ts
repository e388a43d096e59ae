// Quiet hours: a daily window of the recipient's local time in which nothing is sent, e.g.
// 21:00–08:00 (it may wrap past midnight). Start is inclusive, end exclusive; equal start and end
// mean no window. Computed with Intl so daylight-saving changes follow the zone's rules.
import type { QuietHours } from '../store';

const MINUTES_PER_DAY = 24 * 60;
const MAX_DST_WALK_MINUTES = 180;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Minutes since local midnight at `at` in `timeZone`. */
export function localMinuteOfDay(at: number, timeZone: string): number {
  let hour = 0;
  let minute = 0;
  for (const part of formatterFor(timeZone).formatToParts(at)) {
    if (part.type === 'hour') hour = Number(part.value);
    else if (part.type === 'minute') minute = Number(part.value);
  }
  return hour * 60 + minute;
}

export function parseClockTime(text: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (!match || hours > 23 || minutes > 59) throw new RangeError(`"${text}" is not a time of day like 21:00`);
  return hours * 60 + minutes;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function inWindow(minute: number, start: number, end: number): boolean {
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/**
 * When the quiet window that `at` falls into ends (the first minute at which sending is allowed
 * again), or undefined when `at` is outside quiet hours.
 */
export function quietHoursEnd(at: number, timeZone: string, quietHours: QuietHours): number | undefined {
  const start = parseClockTime(quietHours.start);
  const end = parseClockTime(quietHours.end);
  const now = localMinuteOfDay(at, timeZone);
  if (!inWindow(now, start, end)) return undefined;
  const startOfMinute = at - (at % 60_000);
  let candidate = startOfMinute + ((end - now + MINUTES_PER_DAY) % MINUTES_PER_DAY) * 60_000;
  // Across a daylight-saving change the wall clock jumps, so the naive candidate is off by up to
  // an hour: walk minute by minute to the first minute outside the window (rare, bounded).
  const isQuiet = (instant: number) => inWindow(localMinuteOfDay(instant, timeZone), start, end);
  for (let step = 0; step < MAX_DST_WALK_MINUTES && isQuiet(candidate); step++) candidate += 60_000;
  for (let step = 0; step < MAX_DST_WALK_MINUTES && candidate - 60_000 > at && !isQuiet(candidate - 60_000); step++) candidate -= 60_000;
  return candidate;
}
