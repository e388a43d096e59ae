import { describe, expect, it } from 'vitest';
import { decodeUssdText, packUssdRequest, parseCusd } from './ussd';

describe('USSD text', () => {
  it('packs *100# the way Huawei firmware expects it', () => {
    // The value Huawei's own dashboard sends for *100#.
    expect(packUssdRequest('*100#')).toBe('AA180C3602');
  });

  it('decodes the three reply styles modems use', () => {
    expect(parseCusd('+CUSD: 0,"Balance: 5.00 EUR",15')?.text).toBe('Balance: 5.00 EUR');
    expect(parseCusd('+CUSD: 0,"49B41C74ACD3D16171D9AD03C564AC190D54AC4A1B",15')?.text).toBe(
      'Ihr Guthaben: 12,34 EUR',
    );
    expect(
      parseCusd('+CUSD: 2,"004700720075006E006400670065006200FC0068007200200033002C0035003000200041",72')
        ?.text,
    ).toBe('Grundgebühr 3,50 A');
    expect(parseCusd('+CUSD: 4')).toMatchObject({ status: 4, text: '' });
  });

  it('leaves digits that merely look like hex alone', () => {
    expect(decodeUssdText('12', 15)).toBe('12');
  });

  it('drops the CR that fills seven spare bits (TS 23.038 6.1.2.3.1)', () => {
    const sevenChars = packUssdRequest('*123*4#');
    expect(decodeUssdText(sevenChars, 15)).toBe('*123*4#');
  });
});
