import { describe, expect, it } from 'vitest';
import { checkSchedule, describeTimeZone, localStart, suggestedSchedule } from './schedule-time';

// The tests run in the process's own time zone; every expectation is built with the same local
// clock, so they hold in any zone (CI runs in UTC, people in Berlin).
describe('schedule-time', () => {
  it('reads the date and time fields as the local clock', () => {
    const start = localStart({ date: '2027-03-05', time: '09:30' });
    expect(start?.getFullYear()).toBe(2027);
    expect(start?.getMonth()).toBe(2);
    expect(start?.getDate()).toBe(5);
    expect(start?.getHours()).toBe(9);
    expect(start?.getMinutes()).toBe(30);
  });

  it('refuses empty, malformed and impossible dates instead of rolling them over', () => {
    expect(localStart({ date: '', time: '09:30' })).toBeNull();
    expect(localStart({ date: '2027-03-05', time: '' })).toBeNull();
    expect(localStart({ date: '2027-02-31', time: '09:30' })).toBeNull();
    expect(localStart({ date: '2027-13-01', time: '09:30' })).toBeNull();
    expect(localStart({ date: '2027-03-05', time: '24:00' })).toBeNull();
  });

  it('accepts a time ahead and refuses one that has passed, even by a minute', () => {
    const now = new Date(2027, 2, 5, 9, 30, 20);
    expect(checkSchedule({ date: '2027-03-05', time: '09:31' }, now)).toEqual({ ok: true, startAt: new Date(2027, 2, 5, 9, 31) });
    expect(checkSchedule({ date: '2027-03-05', time: '09:30' }, now)).toEqual({ ok: false, problem: 'in-past' });
    expect(checkSchedule({ date: '2026-12-31', time: '23:00' }, now)).toEqual({ ok: false, problem: 'in-past' });
    expect(checkSchedule({ date: '2027-03-05', time: '' }, now)).toEqual({ ok: false, problem: 'incomplete' });
  });

  it('suggests the next full hour at least half an hour away, which the check accepts', () => {
    expect(suggestedSchedule(new Date(2027, 2, 5, 9, 10))).toEqual({ date: '2027-03-05', time: '10:00' });
    expect(suggestedSchedule(new Date(2027, 2, 5, 9, 40))).toEqual({ date: '2027-03-05', time: '11:00' });
    expect(suggestedSchedule(new Date(2027, 11, 31, 23, 45))).toEqual({ date: '2028-01-01', time: '01:00' });
    const now = new Date(2027, 2, 5, 9, 59, 59);
    expect(checkSchedule(suggestedSchedule(now), now).ok).toBe(true);
  });

  it('names the time zone the fields are read in', () => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(describeTimeZone(new Date(2027, 0, 1), 'en')).toContain(zone);
  });
});
