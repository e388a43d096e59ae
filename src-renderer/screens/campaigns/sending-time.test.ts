import { describe, expect, it } from 'vitest';
import { effectiveLimits, minimumSendingMs } from './sending-time';

const minutes = (ms: number | null) => (ms === null ? null : ms / 60_000);
const limits = (perMinute: number | null, perHour: number | null = null, perDay: number | null = null) => ({ perMinute, perHour, perDay });

describe('minimumSendingMs', () => {
  it('takes a window per full load after the first', () => {
    // 30 now, 30 after 1, 2 and 3 minutes: the 100th part goes in the fourth minute.
    expect(minutes(minimumSendingMs(100, [limits(30)]))).toBe(3);
    expect(minutes(minimumSendingMs(30, [limits(30)]))).toBe(0);
  });

  it('shares the parts among the SIMs', () => {
    expect(minutes(minimumSendingMs(100, [limits(30), limits(30)]))).toBe(1);
    expect(minutes(minimumSendingMs(100, [limits(10), limits(40)]))).toBe(1);
  });

  it('lets the tightest window decide', () => {
    // 100 a day: 250 parts need a third day although 10 a minute would take 25 minutes.
    expect(minutes(minimumSendingMs(250, [limits(10, null, 100)]))).toBe(2 * 1440);
    expect(minutes(minimumSendingMs(130, [limits(null, 60)]))).toBe(120);
  });

  it('is 0 when a SIM has no limit, and unknown without SIMs', () => {
    expect(minimumSendingMs(1_000_000, [limits(10), limits(null)])).toBe(0);
    expect(minimumSendingMs(10, [])).toBeNull();
  });
});

describe('effectiveLimits', () => {
  it("keeps the stricter of the SIM's own and the campaign's limit per window", () => {
    expect(effectiveLimits(limits(30, 600, null), limits(10, null, 500))).toEqual(limits(10, 600, 500));
    expect(effectiveLimits(limits(30, null, 1000), null)).toEqual(limits(30, null, 1000));
    expect(effectiveLimits(limits(5), limits(50))).toEqual(limits(5));
  });
});
