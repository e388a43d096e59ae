import { describe, expect, it } from 'vitest';
import { localMinuteOfDay, parseClockTime, quietHoursEnd } from './quiet-hours';
import { timeZoneOfNumber } from './recipient-time-zone';

const night = { start: '21:00', end: '08:00' };

describe('quiet hours in the recipient’s local time', () => {
  it('finds the zone of single-zone countries and none for countries with several', () => {
    expect(timeZoneOfNumber('+4915112345678')).toBe('Europe/Berlin');
    expect(timeZoneOfNumber('+447400123456')).toBe('Europe/London');
    expect(timeZoneOfNumber('+12125550123')).toBeUndefined();
    expect(timeZoneOfNumber('+61412345678')).toBeUndefined();
    expect(timeZoneOfNumber('not a number')).toBeUndefined();
  });

  it('is outside the window during the day', () => {
    expect(quietHoursEnd(Date.parse('2026-07-01T10:00:00Z'), 'Europe/Berlin', night)).toBeUndefined();
    // 20:59 Berlin summer time is 18:59 UTC.
    expect(quietHoursEnd(Date.parse('2026-07-01T18:59:59Z'), 'Europe/Berlin', night)).toBeUndefined();
  });

  it('defers to the local end of the window, wrapping past midnight', () => {
    // 21:00 Berlin (CEST) → 08:00 Berlin next day = 06:00 UTC.
    expect(quietHoursEnd(Date.parse('2026-07-01T19:00:00Z'), 'Europe/Berlin', night)).toBe(Date.parse('2026-07-02T06:00:00Z'));
    expect(quietHoursEnd(Date.parse('2026-07-02T03:30:10Z'), 'Europe/Berlin', night)).toBe(Date.parse('2026-07-02T06:00:00Z'));
    // The same instant is daytime in New York (15:00 EDT).
    expect(quietHoursEnd(Date.parse('2026-07-01T19:00:00Z'), 'America/New_York', night)).toBeUndefined();
    expect(quietHoursEnd(Date.parse('2026-07-02T02:00:00Z'), 'America/New_York', night)).toBe(Date.parse('2026-07-02T12:00:00Z'));
  });

  it('follows daylight-saving changes', () => {
    // Night of 28/29 March 2026: Berlin springs forward at 02:00 CET; 08:00 CEST is 06:00 UTC.
    expect(quietHoursEnd(Date.parse('2026-03-28T22:00:00Z'), 'Europe/Berlin', night)).toBe(Date.parse('2026-03-29T06:00:00Z'));
    // Night of 24/25 October 2026: back to CET; 08:00 CET is 07:00 UTC.
    expect(quietHoursEnd(Date.parse('2026-10-24T22:00:00Z'), 'Europe/Berlin', night)).toBe(Date.parse('2026-10-25T07:00:00Z'));
    // A window ending inside the skipped hour (02:30 does not exist that night) ends at 03:00 CEST.
    const end = quietHoursEnd(Date.parse('2026-03-29T00:30:00Z'), 'Europe/Berlin', { start: '00:00', end: '02:30' });
    expect(end).toBeDefined();
    expect(localMinuteOfDay(end ?? 0, 'Europe/Berlin')).toBeGreaterThanOrEqual(parseClockTime('02:30'));
    expect(end).toBe(Date.parse('2026-03-29T01:00:00Z'));
  });

  it('supports windows within one day and an empty window', () => {
    const lunch = { start: '12:00', end: '13:00' };
    expect(quietHoursEnd(Date.parse('2026-01-05T11:30:00Z'), 'Europe/Berlin', lunch)).toBe(Date.parse('2026-01-05T12:00:00Z'));
    expect(quietHoursEnd(Date.parse('2026-01-05T12:30:00Z'), 'Europe/Berlin', lunch)).toBeUndefined();
    expect(quietHoursEnd(Date.parse('2026-01-05T12:30:00Z'), 'Europe/Berlin', { start: '08:00', end: '08:00' })).toBeUndefined();
  });

  it('rejects malformed times', () => {
    expect(() => parseClockTime('25:00')).toThrow(RangeError);
    expect(() => parseClockTime('9')).toThrow(RangeError);
    expect(parseClockTime('7:05')).toBe(425);
  });
});
