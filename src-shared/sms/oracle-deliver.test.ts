/**
 * Cross-checks encodeDeliver and encodeStatusReport against python-gammu (libgammu): the
 * virtual modem's inbound messages and reports must read the same in an independent decoder.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partText } from './__fixtures__/gammu-oracle';
import { decodeWithGammu, gammuAvailable } from './__fixtures__/gammu-runner';
import { recipientArb, textArb } from './__fixtures__/message-generators';
import { encodeDeliver, encodeStatusReport } from './index';

describe.skipIf(!gammuAvailable())(
  'independent oracle: python-gammu reads encodeDeliver and encodeStatusReport',
  () => {
    it('agrees on generated SMS-DELIVER and SMS-STATUS-REPORT messages', () => {
      // Senders stay in the ASCII part of the default alphabet: libgammu reads alphanumeric
      // addresses as ASCII (septet 0x5E 'Ü' comes out as '^') and stops at septet 0x00 ('@').
      // decode.test.ts covers those characters against TS 23.038 directly.
      const deliverArb = fc.record({
        from: fc.oneof(
          recipientArb,
          fc.constantFrom('Bank', 'DHL', 'Info-SMS', 'InfoSMS', 'Fanout2025', 'ABCDEFGHIJK', 'Smith & Co'),
        ),
        text: textArb,
        timestamp: fc.date({
          min: new Date('2001-01-01T00:00:00Z'),
          max: new Date('2080-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        timezoneOffsetMinutes: fc.integer({ min: -48, max: 56 }).map((q) => q * 15),
        concatReference: fc.integer({ min: 0, max: 255 }),
      });
      const delivers = fc.sample(deliverArb, { numRuns: 600, seed: 7 });
      const reportArb = fc.record({
        messageReference: fc.integer({ min: 0, max: 255 }),
        recipient: recipientArb,
        status: fc.integer({ min: 0, max: 255 }),
        submittedAt: fc.date({
          min: new Date('2001-01-01T00:00:00Z'),
          max: new Date('2080-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        dischargedAt: fc.date({
          min: new Date('2001-01-01T00:00:00Z'),
          max: new Date('2080-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
      });
      const reports = fc.sample(reportArb, { numRuns: 300, seed: 8 });

      const deliverPdus = delivers.map((req) => encodeDeliver(req));
      const reportPdus = reports.map((req) => encodeStatusReport(req));
      const results = decodeWithGammu([
        ...deliverPdus.flat().map((p) => p.pdu),
        ...reportPdus.map((p) => p.pdu),
      ]);
      const failures: string[] = [];
      let offset = 0;
      delivers.forEach((req, index) => {
        const parts = deliverPdus[index] ?? [];
        const decoded = results.slice(offset, offset + parts.length);
        offset += parts.length;
        const texts: string[] = [];
        decoded.forEach((result, i) => {
          if (!result.ok || result.type !== 'Deliver') return;
          const encoding = result.coding === 'Default_No_Compression' ? 'gsm7' : 'ucs2';
          const text = partText(result, encoding, decoded.length, i, texts, req.text);
          texts.push(typeof text === 'string' ? text : `<${text.problem}>`);
        });
        const local = new Date(req.timestamp.getTime() + req.timezoneOffsetMinutes * 60_000)
          .toISOString()
          .slice(0, 19);
        const problems = decoded.flatMap((result, i) => {
          if (!result.ok) return [`part ${i + 1}: ${result.error}`];
          const found: string[] = [];
          if (result.number !== req.from) found.push(`sender ${result.number}`);
          if (result.dateTime !== local) found.push(`time ${result.dateTime}, expected ${local}`);
          if (
            parts.length > 1 &&
            (result.udh.id8 !== req.concatReference ||
              result.udh.part !== i + 1 ||
              result.udh.all !== parts.length)
          ) {
            found.push(`udh ${JSON.stringify(result.udh)}`);
          }
          return found;
        });
        if (texts.join('') !== req.text) problems.push(`text ${JSON.stringify(texts.join(''))}`);
        if (problems.length > 0) failures.push(`${JSON.stringify(req)}\n  ${problems.join('\n  ')}`);
      });
      reports.forEach((req, index) => {
        const result = results[offset + index];
        if (!result) throw new Error('gammu answered too few PDUs');
        // gammu's DateTime for a report is TP-SCTS (when the SC received the message).
        const local = req.submittedAt.toISOString().slice(0, 19);
        if (!result.ok) failures.push(`report ${JSON.stringify(req)}: ${result.error}`);
        else if (
          result.type !== 'Status_Report' ||
          result.number !== req.recipient ||
          result.messageReference !== req.messageReference ||
          result.deliveryStatus !== req.status ||
          result.dateTime !== local
        ) {
          failures.push(`report ${JSON.stringify(req)}: gammu ${JSON.stringify(result)}`);
        }
      });
      expect(failures.slice(0, 5)).toEqual([]);
    });
  },
);
