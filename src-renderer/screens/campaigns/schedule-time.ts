// The "send later" fields of the new-campaign dialog: a date and a time of day as the person's
// own clock shows them, turned into one instant for the service's startAt.

export interface ScheduleFields {
  /** As <input type="date"> gives it: YYYY-MM-DD. */
  date: string;
  /** As <input type="time"> gives it: HH:MM. */
  time: string;
}

export type ScheduleCheck = { ok: true; startAt: Date } | { ok: false; problem: 'incomplete' | 'in-past' };

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** The next full hour that is at least 30 minutes away: a sensible time to offer first. */
export function suggestedSchedule(now: Date): ScheduleFields {
  const start = new Date(now.getTime() + 30 * 60_000);
  start.setMinutes(0, 0, 0);
  start.setHours(start.getHours() + 1);
  return { date: `${start.getFullYear()}-${pad(start.getMonth() + 1)}-${pad(start.getDate())}`, time: `${pad(start.getHours())}:${pad(start.getMinutes())}` };
}

/**
 * The instant the local date and time mean. A time that does not exist on that day (the hour
 * skipped when clocks go forward) is read as the same wall time after the change, as Date does.
 */
export function localStart({ date, time }: ScheduleFields): Date | null {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const clock = /^(\d{2}):(\d{2})$/.exec(time);
  if (!day || !clock) return null;
  const [year, month, dayOfMonth] = [Number(day[1]), Number(day[2]), Number(day[3])];
  const [hours, minutes] = [Number(clock[1]), Number(clock[2])];
  if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > 31 || hours > 23 || minutes > 59) return null;
  const start = new Date(year, month - 1, dayOfMonth, hours, minutes, 0, 0);
  // 31 February would roll over into March: refuse it instead of sending on another day.
  if (start.getMonth() !== month - 1 || start.getDate() !== dayOfMonth) return null;
  return start;
}

/** A start time must lie ahead; one that passed while the dialog was open is refused too. */
export function checkSchedule(fields: ScheduleFields, now: Date): ScheduleCheck {
  const startAt = localStart(fields);
  if (!startAt) return { ok: false, problem: 'incomplete' };
  if (startAt.getTime() <= now.getTime()) return { ok: false, problem: 'in-past' };
  return { ok: true, startAt };
}

/** "Europe/Berlin (Central European Summer Time)" for the given moment, in the display language. */
export function describeTimeZone(at: Date, language: string): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const name = new Intl.DateTimeFormat(language, { timeZoneName: 'long' }).formatToParts(at).find((part) => part.type === 'timeZoneName')?.value;
  return name && name !== zone ? `${zone} (${name})` : zone;
}
