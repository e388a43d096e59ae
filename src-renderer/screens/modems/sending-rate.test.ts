import { describe, expect, it } from 'vitest';
import { addSample, partsPerMinute, type PartsSample } from './sending-rate';

describe('partsPerMinute', () => {
  it('says nothing before five seconds of watching', () => {
    expect(partsPerMinute([], 1_000)).toBeNull();
    expect(partsPerMinute([{ at: 0, partsSent: 3 }], 4_000)).toBeNull();
  });

  it('scales a shorter history up to a minute', () => {
    const samples: PartsSample[] = [
      { at: 0, partsSent: 10 },
      { at: 20_000, partsSent: 20 },
    ];
    expect(partsPerMinute(samples, 30_000)).toBe(20);
  });

  it('counts only the last minute and falls to zero when sending stops', () => {
    const samples: PartsSample[] = [
      { at: 0, partsSent: 0 },
      { at: 30_000, partsSent: 30 },
      { at: 90_000, partsSent: 90 },
    ];
    // From 40 s to 100 s: the count stood at 30 at 40 s and reached 90.
    expect(partsPerMinute(samples, 100_000)).toBe(60);
    expect(partsPerMinute(samples, 200_000)).toBe(0);
  });
});

describe('addSample', () => {
  it('keeps one sample from before the window as the baseline and drops older ones', () => {
    let samples: PartsSample[] = [];
    for (let at = 0; at <= 180_000; at += 30_000) samples = addSample(samples, { at, partsSent: at / 1000 });
    expect(samples.map((sample) => sample.at)).toEqual([90_000, 120_000, 150_000, 180_000]);
    expect(partsPerMinute(samples, 180_000)).toBe(60);
  });
});
