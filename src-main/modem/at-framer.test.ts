import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AtFramer, type FramedItem } from './at-framer';

function frame(chunks: readonly string[]): FramedItem[] {
  const items: FramedItem[] = [];
  const framer = new AtFramer((item) => items.push(item));
  for (const chunk of chunks) framer.push(Buffer.from(chunk, 'latin1'));
  return items;
}

const session = '\r\nRDY\r\nAT+CMGS=23\r\r\n> 0011000B911\x1a\r\n+CMGS: 7\r\n\r\nOK\r\n';
const expected: FramedItem[] = [
  { kind: 'line', text: 'RDY' },
  { kind: 'line', text: 'AT+CMGS=23' },
  { kind: 'prompt' },
  { kind: 'line', text: '0011000B911\x1a' },
  { kind: 'line', text: '+CMGS: 7' },
  { kind: 'line', text: 'OK' },
];

describe('AtFramer', () => {
  it('finds lines and the "> " prompt, which has no line ending', () => {
    expect(frame([session])).toEqual(expected);
  });

  it('gives the same items however the bytes are chunked', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: session.length - 1 }), { maxLength: 12 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const chunks = [0, ...points].map((start, i) => session.slice(start, points[i] ?? session.length));
        expect(frame(chunks)).toEqual(expected);
      }),
    );
  });

  it('accepts a prompt without its space, and a prompt on a line of its own', () => {
    expect(frame(['\r\n>0011\x1a\r\n'])).toEqual([{ kind: 'prompt' }, { kind: 'line', text: '0011\x1a' }]);
    expect(frame(['\r\n>\r\n'])).toEqual([{ kind: 'prompt' }]);
  });

  it('ends a line at CR alone (ATV0 numeric codes) and skips empty lines', () => {
    expect(frame(['0\r', '\r\n\r\n', '4\r'])).toEqual([
      { kind: 'line', text: '0' },
      { kind: 'line', text: '4' },
    ]);
  });

  it('drops the echo of an ESC the driver sent, so the echoed command stays recognisable', () => {
    expect(frame(['\x1bAT\r\r\nOK\r\n'])).toEqual([
      { kind: 'line', text: 'AT' },
      { kind: 'line', text: 'OK' },
    ]);
  });

  it('keeps non-ASCII bytes as Latin-1 characters instead of dropping them', () => {
    expect(frame([Buffer.from([0x2b, 0xe9, 0x0d, 0x0a]).toString('latin1')])).toEqual([
      { kind: 'line', text: '+é' },
    ]);
  });
});
