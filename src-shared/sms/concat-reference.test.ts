import { describe, expect, it } from 'vitest';
import { ConcatReferenceAllocator } from './concat-reference';

describe('ConcatReferenceAllocator', () => {
  it('rotates per destination, each from its own start', () => {
    const allocator = new ConcatReferenceAllocator({
      initial: (destination) => (destination === '+491701' ? 254 : 10),
    });
    expect([allocator.next('+491701'), allocator.next('+491701'), allocator.next('+491701')]).toEqual([
      254, 255, 0,
    ]);
    expect([allocator.next('+491702'), allocator.next('+491702')]).toEqual([10, 11]);
  });

  it('wraps at 65536 with 16-bit references', () => {
    const allocator = new ConcatReferenceAllocator({ bits: 16, initial: () => 65535 });
    expect([allocator.next('a'), allocator.next('a')]).toEqual([65535, 0]);
  });

  it('never repeats a reference for one destination within a cycle', () => {
    const allocator = new ConcatReferenceAllocator();
    const references = Array.from({ length: 256 }, () => allocator.next('+491701'));
    expect(new Set(references).size).toBe(256);
    for (const reference of references) expect(reference).toBeGreaterThanOrEqual(0);
    for (const reference of references) expect(reference).toBeLessThanOrEqual(255);
  });

  it('normalises an out-of-range start', () => {
    const allocator = new ConcatReferenceAllocator({ initial: () => -1.5 });
    expect(allocator.next('x')).toBe(254);
  });
});
