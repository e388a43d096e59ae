import { describe, expect, it } from 'vitest';
import { smsPerMinute, throughputSeries } from './modem-throughput';

const NOW = 10_000_000;

describe('smsPerMinute', () => {
  it('counts what the modem sent in the last minute', () => {
    const samples = [
      { at: NOW - 120_000, partsSent: 0 },
      { at: NOW - 70_000, partsSent: 10 },
      { at: NOW - 30_000, partsSent: 25 },
      { at: NOW - 1_000, partsSent: 40 },
    ];
    expect(smsPerMinute(samples, NOW)).toBe(30);
  });

  it('uses the time since watching began when that is shorter, and waits for 5 s of it', () => {
    expect(smsPerMinute([{ at: NOW - 20_000, partsSent: 100 }, { at: NOW - 10_000, partsSent: 110 }], NOW)).toBe(30);
    expect(smsPerMinute([{ at: NOW - 2_000, partsSent: 100 }], NOW)).toBeNull();
    expect(smsPerMinute([], NOW)).toBeNull();
  });
});

describe('throughputSeries', () => {
  it('gives SMS per minute per slice, and nothing for slices that ended before watching began', () => {
    const samples = [
      { at: NOW - 25_000, partsSent: 0 },
      { at: NOW - 15_000, partsSent: 5 },
      { at: NOW - 2_000, partsSent: 6 },
    ];
    expect(throughputSeries(samples, NOW, 3, 10_000)).toEqual([0, 30, 6]);
    expect(throughputSeries(samples, NOW, 4, 10_000)[0]).toBeNull();
  });
});
