import { describe, expect, it } from 'vitest';
import { parseCreg, parseCsq, signalFromCsq } from './signal';

describe('signal and registration', () => {
  it('converts CSQ to dBm (TS 27.007 8.5) and bars', () => {
    expect(signalFromCsq(0)).toEqual({ rssi: 0, dbm: -113, bars: 0 });
    expect(signalFromCsq(31)).toEqual({ rssi: 31, dbm: -51, bars: 5 });
    expect(signalFromCsq(10)).toEqual({ rssi: 10, dbm: -93, bars: 2 });
    expect(parseCsq('+CSQ: 99,99')).toEqual({ rssi: null, dbm: null, bars: 0 });
  });

  it('reads <stat> from the reply and from the URC, which have different fields', () => {
    expect(parseCreg('+CREG: 0,5', true)).toBe('roaming');
    expect(parseCreg('+CREG: 2,1,"00C3","0000B3A1",7', true)).toBe('home');
    expect(parseCreg('+CREG: 2', false)).toBe('searching');
    expect(parseCreg('+CREG: 3,"00C3","B3A1"', false)).toBe('denied');
  });
});
