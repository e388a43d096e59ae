import { describe, expect, it } from 'vitest';
import { formatPhoneNumber } from './phone-format';

describe('formatPhoneNumber', () => {
  it('groups numbers the way their country writes them', () => {
    expect(formatPhoneNumber('+4915123456789')).toBe('+49 1512 3456789');
    expect(formatPhoneNumber('+447911123456')).toBe('+44 7911 123456');
  });

  it('shows what it cannot parse unchanged', () => {
    expect(formatPhoneNumber('Vodafone')).toBe('Vodafone');
  });
});
