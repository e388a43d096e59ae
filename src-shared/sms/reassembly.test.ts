import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePdu } from './decode';
import { encodeDeliver } from './pdu-deliver';
import { ConcatReassembler } from './reassembly';
import type { SmsDeliver } from './types';

function inbound(from: string, text: string, reference: number): SmsDeliver[] {
  return encodeDeliver({
    from,
    text,
    timestamp: new Date('2025-05-05T08:00:00Z'),
    concatReference: reference,
  }).map((part) => {
    const decoded = decodePdu(part.pdu, { direction: 'mt' });
    if (!decoded.ok || decoded.value.type !== 'deliver')
      throw new Error('encodeDeliver produced an undecodable PDU');
    return decoded.value;
  });
}

function nth<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`no item ${index}`);
  return item;
}

const at = (minutes: number) => new Date(Date.UTC(2025, 4, 5, 8, minutes));

describe('ConcatReassembler', () => {
  it('returns a single-part message at once', () => {
    const reassembler = new ConcatReassembler();
    const message = reassembler.add(nth(inbound('+491701', 'Hallo', 0), 0), at(0));
    expect(message).toMatchObject({ text: 'Hallo', complete: true, totalParts: 1, missingSequences: [] });
    expect(reassembler.pendingCount).toBe(0);
  });

  it('joins parts arriving out of order', () => {
    const reassembler = new ConcatReassembler();
    const text = 'Lange Nachricht. '.repeat(30);
    const parts = inbound('+491701', text, 12);
    expect(parts).toHaveLength(4);
    const order = [2, 0, 3, 1];
    const results = order.map((index, i) => reassembler.add(nth(parts, index), at(i)));
    expect(results.slice(0, 3)).toEqual([null, null, null]);
    expect(results[3]).toMatchObject({
      text,
      complete: true,
      reference: 12,
      totalParts: 4,
      firstReceivedAt: at(0),
      lastReceivedAt: at(3),
    });
    expect(results[3]?.parts.map((part) => part.concat?.sequence)).toEqual([1, 2, 3, 4]);
  });

  it('keeps interleaved messages from different senders and references apart', () => {
    const property = fc.property(fc.array(fc.nat(), { minLength: 12, maxLength: 12 }), (shuffleKeys) => {
      const reassembler = new ConcatReassembler();
      const messages = [
        { from: '+491701', text: 'A'.repeat(400), reference: 5 },
        { from: '+491702', text: 'B'.repeat(400), reference: 5 }, // same reference, other sender
        { from: '+491701', text: 'C'.repeat(200) + 'ж', reference: 6 },
        { from: 'Bank', text: 'D'.repeat(320), reference: 5 },
      ];
      const all = messages.flatMap((message) => inbound(message.from, message.text, message.reference));
      const shuffled = all.map((sms, i) => ({ sms, key: shuffleKeys[i] ?? i })).sort((a, b) => a.key - b.key);
      const completed = shuffled.flatMap(({ sms }) => reassembler.add(sms) ?? []);
      expect(completed.map((message) => message.text).sort()).toEqual(
        messages.map((message) => message.text).sort(),
      );
      expect(reassembler.pendingCount).toBe(0);
    });
    fc.assert(property, { numRuns: 200 });
  });

  it('separates two messages from one sender that share a reference but not a part count', () => {
    const reassembler = new ConcatReassembler();
    const two = inbound('+491701', 'x'.repeat(200), 9);
    const three = inbound('+491701', 'y'.repeat(400), 9);
    expect(reassembler.add(nth(three, 0))).toBeNull();
    expect(reassembler.add(nth(two, 1))).toBeNull();
    expect(reassembler.add(nth(two, 0))?.text).toBe('x'.repeat(200));
    expect(reassembler.pendingCount).toBe(1);
  });

  it('can be refilled from stored parts in any time order', () => {
    const reassembler = new ConcatReassembler();
    const parts = inbound('+491701', 'r'.repeat(200), 8);
    expect(reassembler.add(nth(parts, 1), at(30))).toBeNull();
    expect(reassembler.add(nth(parts, 0), at(5))).toMatchObject({
      firstReceivedAt: at(5),
      lastReceivedAt: at(30),
    });
  });

  it('keeps the first copy of a repeated part', () => {
    const reassembler = new ConcatReassembler();
    const parts = inbound('+491701', 'z'.repeat(200), 1);
    expect(reassembler.add(nth(parts, 0))).toBeNull();
    expect(reassembler.add(nth(parts, 0))).toBeNull();
    expect(reassembler.add(nth(parts, 1))?.text).toBe('z'.repeat(200));
  });

  it('returns stale partials from expire() with the missing parts named', () => {
    const reassembler = new ConcatReassembler({ timeoutMs: 60 * 60_000 });
    const parts = inbound('+491701', 'q'.repeat(400), 3);
    reassembler.add(nth(parts, 0), at(0));
    reassembler.add(nth(parts, 2), at(10));
    expect(reassembler.expire(at(69))).toEqual([]);
    const [expired] = reassembler.expire(at(70));
    expect(expired).toMatchObject({
      complete: false,
      missingSequences: [2],
      totalParts: 3,
      text: nth(parts, 0).text + nth(parts, 2).text,
    });
    expect(reassembler.pendingCount).toBe(0);
  });

  it('flush() hands back every partial', () => {
    const reassembler = new ConcatReassembler();
    reassembler.add(nth(inbound('+491701', 'q'.repeat(400), 3), 1));
    reassembler.add(nth(inbound('+491702', 'q'.repeat(400), 3), 0));
    expect(reassembler.flush().map((message) => message.missingSequences)).toEqual([
      [1, 3],
      [2, 3],
    ]);
    expect(reassembler.pendingCount).toBe(0);
  });
});
