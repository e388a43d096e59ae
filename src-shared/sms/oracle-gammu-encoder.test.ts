/** decodePdu against an independent encoder: PDUs python-gammu (libgammu) builds. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runGammuScript, gammuAvailable } from './__fixtures__/gammu-runner';
import { isGsm, recipientArb, textArb } from './__fixtures__/message-generators';
import { decodePdu } from './index';

interface GammuEncodeRequest {
  text: string;
  unicode: boolean;
  number: string;
  layout: 'Submit' | 'Deliver';
}
type GammuEncoded = { ok: true; pdus: string[] } | { ok: false; error: string };

/**
 * libgammu's encoder applies Nokia's special-character convention to UCS-2 text (coding.c
 * EncodeUnicodeSpecialNOKIAChars): a lone '~' is sent as U+0001. This is the text its UCS-2
 * PDUs really carry.
 */
function gammuUcs2Payload(text: string): string {
  return text.replaceAll('~', String.fromCharCode(1));
}

describe.skipIf(!gammuAvailable())('independent encoder: decodePdu reads what libgammu writes', () => {
  it('decodes and reassembles 1500 generated SUBMIT and DELIVER messages encoded by gammu', () => {
    const requestArb: fc.Arbitrary<GammuEncodeRequest> = fc
      .record({
        text: textArb,
        forceUnicode: fc.boolean(),
        number: recipientArb,
        sender: fc.constantFrom('Bank', 'InfoSMS', 'Smith & Co', 'DHL Express', 'A1'),
        alphanumeric: fc.boolean(),
        deliver: fc.boolean(),
      })
      .map(({ text, forceUnicode, number, sender, alphanumeric, deliver }) => ({
        text,
        unicode: forceUnicode || ![...text].every(isGsm),
        // Alphanumeric originators exist only on deliveries.
        number: deliver && alphanumeric ? sender : number,
        layout: deliver ? ('Deliver' as const) : ('Submit' as const),
      }))
      // gammu applies its '~~' rule per part, so a pair cut by a part boundary comes out as two
      // U+0001; which part boundary gammu picks is what is under test, so such texts are left out.
      .filter((req) => !(req.unicode && req.text.includes('~~')));
    const requests = fc.sample(requestArb, { numRuns: 1500, seed: 4242 });
    const encoded = runGammuScript<GammuEncoded>(
      'gammu_encode.py',
      requests.map((req) => JSON.stringify(req)),
    );
    const failures: string[] = [];
    let multipart = 0;
    requests.forEach((req, index) => {
      const result = encoded[index];
      if (!result?.ok) {
        failures.push(`${JSON.stringify(req)}: gammu could not encode it (${result?.error})`);
        return;
      }
      if (result.pdus.length > 1) multipart++;
      const direction = req.layout === 'Submit' ? 'mo' : 'mt';
      const decoded = result.pdus.map((pdu) => decodePdu(pdu, { direction }));
      const problems: string[] = [];
      const texts: { sequence: number; text: string }[] = [];
      decoded.forEach((one, i) => {
        if (!one.ok) return problems.push(`part ${i + 1}: ${one.error.code} ${one.error.message}`);
        const value = one.value;
        if (value.type === 'status-report') return problems.push(`part ${i + 1}: read as a status report`);
        const address = value.type === 'deliver' ? value.sender : value.recipient;
        if (address.number !== req.number) problems.push(`part ${i + 1}: address ${address.number}`);
        if (value.encoding !== (req.unicode ? 'ucs2' : 'gsm7'))
          problems.push(`part ${i + 1}: ${value.encoding}`);
        if (value.type === 'deliver' && value.serviceCentreTimestamp !== '2025-06-01T12:30:45+00:00') {
          problems.push(`part ${i + 1}: time ${value.serviceCentreTimestamp}`);
        }
        const expectedConcat =
          result.pdus.length > 1 ? { total: result.pdus.length, sequence: i + 1 } : undefined;
        if (
          expectedConcat &&
          (value.concat?.total !== expectedConcat.total || value.concat.sequence !== expectedConcat.sequence)
        ) {
          problems.push(`part ${i + 1}: concat ${JSON.stringify(value.concat)}`);
        }
        texts.push({ sequence: value.concat?.sequence ?? 1, text: value.text });
        return undefined;
      });
      const joined = texts
        .sort((a, b) => a.sequence - b.sequence)
        .map((part) => part.text)
        .join('');
      const expected = req.unicode ? gammuUcs2Payload(req.text) : req.text;
      if (problems.length === 0 && joined !== expected) problems.push(`text ${JSON.stringify(joined)}`);
      if (problems.length > 0) failures.push(`${JSON.stringify(req)}\n  ${problems.join('\n  ')}`);
    });
    expect(failures.slice(0, 5)).toEqual([]);
    expect(multipart).toBeGreaterThan(300);
  });
});
