import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePdu } from './decode';
import { encodeDeliver } from './pdu-deliver';
import { encodeStatusReport } from './pdu-status-report';
import { ConcatReassembler } from './reassembly';
import { statusClassOf } from './status';

/** ISO 8601 of an instant as local time at an offset, written independently of timestamp.ts. */
function isoAt(instant: Date, offsetMinutes: number): string {
  const local = new Date(Math.floor(instant.getTime() / 1000) * 1000 + offsetMinutes * 60_000)
    .toISOString()
    .slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const instant = fc.date({
  min: new Date('2000-01-02T00:00:00Z'),
  max: new Date('2089-12-30T00:00:00Z'),
  noInvalidDate: true,
});
const offset = fc.integer({ min: -79, max: 79 }).map((quarters) => quarters * 15);
const textArb = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'Hallo Welt 0123 ÄÖÜäöüß@£$¥€[]{}~\\^|\n'), maxLength: 500 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
);
const sender = fc.oneof(
  fc.stringMatching(/^\+[1-9][0-9]{6,14}$/),
  fc.stringMatching(/^0[0-9]{3,12}$/),
  // An 8-letter name ending in '@' is indistinguishable from a 7-letter one padded by a sender
  // that counts whole octets; address.ts reads it as the latter, the common case.
  fc.stringMatching(/^[A-Za-z0-9 &.\-@]{1,11}$/).filter((name) => !(name.length === 8 && name.endsWith('@'))),
);

describe('round trip: encodeDeliver → decodePdu → ConcatReassembler', () => {
  it('gives back sender, text, time and references', () => {
    fc.assert(
      fc.property(
        fc.record({
          from: sender,
          text: textArb,
          timestamp: instant,
          timezoneOffsetMinutes: offset,
          concatReference: fc.integer({ min: 0, max: 255 }),
          flash: fc.boolean(),
          smsc: fc.option(fc.stringMatching(/^\+[1-9][0-9]{6,14}$/), { nil: undefined }),
        }),
        (req) => {
          const parts = encodeDeliver(req);
          const reassembler = new ConcatReassembler();
          const completed = [...parts].reverse().flatMap((part) => {
            const decoded = decodePdu(part.pdu, { direction: 'mt' });
            if (!decoded.ok || decoded.value.type !== 'deliver') throw new Error(JSON.stringify(decoded));
            const sms = decoded.value;
            // What follows the SMSC field (its length octet + that many octets) is the TPDU.
            const smscFieldOctets = 1 + parseInt(part.pdu.slice(0, 2), 16);
            expect(part.tpduLength).toBe(part.pdu.length / 2 - smscFieldOctets);
            expect(sms.sender.number).toBe(req.from);
            expect(sms.serviceCentreTimestamp).toBe(isoAt(req.timestamp, req.timezoneOffsetMinutes));
            expect(sms.messageClass).toBe(req.flash ? 0 : undefined);
            expect(sms.smsc?.number).toBe(req.smsc);
            if (parts.length > 1) expect(sms.concat?.reference).toBe(req.concatReference);
            return reassembler.add(sms) ?? [];
          });
          expect(completed).toHaveLength(1);
          expect(completed[0]?.text).toBe(req.text);
          expect(completed[0]?.totalParts).toBe(parts.length);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('round trip: encodeStatusReport → decodePdu', () => {
  it('gives back reference, recipient, status, class and both times', () => {
    fc.assert(
      fc.property(
        fc.record({
          messageReference: fc.integer({ min: 0, max: 255 }),
          recipient: fc.oneof(fc.stringMatching(/^\+[1-9][0-9]{6,14}$/), fc.stringMatching(/^0[0-9]{3,12}$/)),
          status: fc.integer({ min: 0, max: 255 }),
          submittedAt: instant,
          dischargedAt: instant,
          timezoneOffsetMinutes: offset,
        }),
        (req) => {
          const encoded = encodeStatusReport(req);
          expect(encoded.tpduLength).toBe(encoded.pdu.length / 2 - 1);
          const decoded = decodePdu(encoded.pdu, { direction: 'mt' });
          expect(decoded).toEqual({
            ok: true,
            value: {
              type: 'status-report',
              messageReference: req.messageReference,
              recipient: {
                number: req.recipient,
                type: req.recipient.startsWith('+') ? 'international' : 'unknown',
              },
              status: req.status,
              statusClass: statusClassOf(req.status),
              serviceCentreTimestamp: isoAt(req.submittedAt, req.timezoneOffsetMinutes),
              dischargeTimestamp: isoAt(req.dischargedAt, req.timezoneOffsetMinutes),
            },
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
