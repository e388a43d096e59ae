import { describe, expect, it } from 'vitest';
import { scrollTopForRow, visibleRows } from './virtual-rows';

describe('visibleRows', () => {
  it('draws the rows in view plus a margin, at their real positions, for a short table', () => {
    const rows = visibleRows({ scrollTop: 400, viewportHeight: 400, rowCount: 100, rowHeight: 40, overscan: 2 });
    expect(rows).toEqual({ scrollHeight: 4000, first: 8, count: 14, firstTop: 320 });
  });

  it('compresses a million rows under the browser limit and still reaches the last row', () => {
    const options = { viewportHeight: 600, rowCount: 1_000_000, rowHeight: 40, overscan: 0 };
    const top = visibleRows({ ...options, scrollTop: 0 });
    expect(top.scrollHeight).toBe(8_000_000);
    expect(top.first).toBe(0);
    const bottom = visibleRows({ ...options, scrollTop: 8_000_000 - 600 });
    expect(bottom.first + bottom.count).toBe(1_000_000);
    // The last row ends exactly at the bottom of the viewport.
    expect(bottom.firstTop + bottom.count * 40).toBeCloseTo(8_000_000, 6);
    const middle = visibleRows({ ...options, scrollTop: (8_000_000 - 600) / 2 });
    expect(Math.abs(middle.first - 500_000)).toBeLessThan(20);
  });

  it('never asks for rows that do not exist', () => {
    expect(visibleRows({ scrollTop: 5000, viewportHeight: 500, rowCount: 3, rowHeight: 40 })).toMatchObject({ first: 0, count: 3 });
    expect(visibleRows({ scrollTop: 0, viewportHeight: 500, rowCount: 0, rowHeight: 40 })).toMatchObject({ count: 0 });
  });
});

describe('scrollTopForRow', () => {
  it('scrolls just enough to show a row below or above the viewport', () => {
    const base = { viewportHeight: 400, rowCount: 100, rowHeight: 40 };
    expect(scrollTopForRow({ ...base, index: 20, scrollTop: 0 })).toBe(440);
    expect(scrollTopForRow({ ...base, index: 2, scrollTop: 440 })).toBe(80);
    expect(scrollTopForRow({ ...base, index: 5, scrollTop: 0 })).toBe(0);
  });

  it('lands on the right row in a compressed table', () => {
    const base = { viewportHeight: 600, rowCount: 1_000_000, rowHeight: 40 };
    const scrollTop = scrollTopForRow({ ...base, index: 999_999, scrollTop: 0 });
    const rows = visibleRows({ ...base, scrollTop, overscan: 0 });
    expect(rows.first + rows.count).toBe(1_000_000);
  });
});
