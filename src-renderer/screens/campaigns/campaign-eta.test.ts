import { describe, expect, it } from 'vitest';
import { describeRemaining, estimateRemainingMs } from './campaign-eta';

const NOW = 1_000_000;

describe('estimateRemainingMs', () => {
  it('divides what is left by the rate of the last minute', () => {
    // 60 done in the last 30 s: 2 per second; 360 left → 3 minutes.
    const samples = [
      { at: NOW - 200_000, done: 0 },
      { at: NOW - 30_000, done: 100 },
      { at: NOW - 15_000, done: 130 },
      { at: NOW, done: 160 },
    ];
    expect(estimateRemainingMs(samples, 360, NOW)).toBe(180_000);
  });

  it('lets a stall slow the estimate down, and gives up when nothing moved for a minute', () => {
    const samples = [
      { at: NOW - 40_000, done: 0 },
      { at: NOW - 20_000, done: 40 },
    ];
    expect(estimateRemainingMs(samples, 40, NOW)).toBe(40_000);
    expect(estimateRemainingMs(samples, 40, NOW + 30_000)).toBeNull();
  });

  it('says nothing with too little history, and 0 when all is done', () => {
    expect(estimateRemainingMs([{ at: NOW, done: 5 }], 10, NOW)).toBeNull();
    expect(estimateRemainingMs([{ at: NOW - 1_000, done: 1 }, { at: NOW, done: 5 }], 10, NOW)).toBeNull();
    expect(estimateRemainingMs([], 0, NOW)).toBe(0);
  });
});

describe('describeRemaining', () => {
  it('rounds the way people say it', () => {
    expect(describeRemaining(20_000)).toEqual({ key: 'monitor.eta.lessThanMinute' });
    expect(describeRemaining(170_000)).toEqual({ key: 'monitor.eta.minutes', minutes: 3 });
    expect(describeRemaining(2.5 * 3600_000 + 4 * 60_000)).toEqual({ key: 'monitor.eta.hours', hours: 2, minutes: 30 });
  });
});
