/**
 * Cross-checks encodeSubmit against an independent decoder, python-gammu (libgammu), over
 * thousands of generated messages: recipient, coding, concatenation and text must agree, the
 * part count must be the minimum an exhaustive search finds, and decodePdu must read each PDU
 * the way gammu did.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partText, validityMinutes } from './__fixtures__/gammu-oracle';
import type { GammuResult } from './__fixtures__/gammu-oracle';
import { decodeWithGammu, gammuAvailable } from './__fixtures__/gammu-runner';
import { GSM_EXTENSION, isGsm, minimumParts, recipientArb, textArb } from './__fixtures__/message-generators';
import { countMessage, decodePdu, encodeSubmit } from './index';
import type { SubmitPart, SubmitRequest } from './index';

const requestArb: fc.Arbitrary<SubmitRequest> = fc
  .record({
    to: recipientArb,
    text: textArb,
    requestStatusReport: fc.boolean(),
    validityPeriodMinutes: fc.option(fc.constantFrom(5, 60, 90, 720, 750, 1440, 4320, 10080, 30 * 1440), {
      nil: undefined,
    }),
    flash: fc.boolean(),
    messageReference: fc.integer({ min: 0, max: 255 }),
    use16BitReference: fc.boolean(),
    reference: fc.integer({ min: 0, max: 0xffff }),
  })
  .map(({ reference, use16BitReference, ...rest }) => ({
    ...rest,
    use16BitReference,
    concatReference: use16BitReference ? reference : reference & 0xff,
  }));

/** Every disagreement between what was asked and what gammu decoded, as readable lines. */
function disagreements(req: SubmitRequest, parts: SubmitPart[], decoded: GammuResult[]): string[] {
  const problems: string[] = [];
  const expected = minimumParts(req.text, req.use16BitReference ?? false);
  if (parts.length !== expected.parts) problems.push(`parts ${parts.length}, minimum is ${expected.parts}`);
  const counted = countMessage(req.text, { use16BitReference: req.use16BitReference });
  if (counted.parts !== parts.length)
    problems.push(`countMessage says ${counted.parts} parts, encodeSubmit made ${parts.length}`);
  const texts: string[] = [];
  decoded.forEach((result, index) => {
    const part = parts[index];
    if (!part) return;
    const where = `part ${index + 1}/${parts.length}`;
    if (part.tpduLength !== part.pdu.length / 2 - 1)
      problems.push(`${where}: tpduLength ${part.tpduLength} wrong`);
    if (!result.ok) {
      problems.push(`${where}: gammu could not decode: ${result.error}`);
      return;
    }
    if (result.type !== 'Submit') problems.push(`${where}: type ${result.type}`);
    if (result.number !== req.to) problems.push(`${where}: number ${result.number}`);
    const coding = expected.encoding === 'gsm7' ? 'Default_No_Compression' : 'Unicode_No_Compression';
    if (result.coding !== coding) problems.push(`${where}: coding ${result.coding}, expected ${coding}`);
    if (result.class !== (req.flash ? 0 : -1)) problems.push(`${where}: class ${result.class}`);
    if (result.messageReference !== req.messageReference)
      problems.push(`${where}: TP-MR ${result.messageReference}`);
    const minutes = validityMinutes(result.validity);
    if (req.validityPeriodMinutes === undefined) {
      if (result.validity !== 'NA') problems.push(`${where}: validity ${result.validity} though none asked`);
    } else if (minutes === undefined || minutes < req.validityPeriodMinutes) {
      problems.push(`${where}: validity ${result.validity} for ${req.validityPeriodMinutes} min asked`);
    }
    if (parts.length === 1) {
      if (result.udh.type !== 'NoUDH') problems.push(`${where}: unexpected UDH ${result.udh.type}`);
    } else {
      const type = req.use16BitReference ? 'ConcatenatedMessages16bit' : 'ConcatenatedMessages';
      const id = req.use16BitReference ? result.udh.id16 : result.udh.id8;
      if (result.udh.type !== type) problems.push(`${where}: UDH ${result.udh.type}, expected ${type}`);
      if (id !== req.concatReference)
        problems.push(`${where}: reference ${id}, expected ${req.concatReference}`);
      if (result.udh.part !== index + 1 || result.udh.all !== parts.length) {
        problems.push(`${where}: gammu says part ${result.udh.part}/${result.udh.all}`);
      }
    }
    const text = partText(result, expected.encoding, parts.length, index, texts, req.text);
    if (typeof text !== 'string') problems.push(`${where}: ${text.problem}`);
    else texts.push(text);

    // Our own decoder must read the same PDU the way gammu did.
    const ours = decodePdu(part.pdu, { direction: 'mo' });
    if (!ours.ok || ours.value.type !== 'submit') {
      problems.push(`${where}: decodePdu failed: ${JSON.stringify(ours)}`);
      return;
    }
    const submit = ours.value;
    if (submit.recipient.number !== result.number)
      problems.push(`${where}: decodePdu recipient ${submit.recipient.number}`);
    if (typeof text === 'string' && submit.text !== text)
      problems.push(`${where}: decodePdu text ${JSON.stringify(submit.text)}`);
    if (submit.messageReference !== result.messageReference)
      problems.push(`${where}: decodePdu TP-MR ${submit.messageReference}`);
    if ((submit.messageClass ?? -1) !== result.class)
      problems.push(`${where}: decodePdu class ${submit.messageClass}`);
    if (submit.statusReportRequested !== (req.requestStatusReport ?? false))
      problems.push(`${where}: decodePdu TP-SRR wrong`);
    if (
      submit.validityPeriodMinutes !==
      (req.validityPeriodMinutes === undefined ? undefined : validityMinutes(result.validity))
    ) {
      problems.push(`${where}: decodePdu validity ${submit.validityPeriodMinutes}, gammu ${result.validity}`);
    }
    const gammuConcat =
      result.udh.part > 0
        ? {
            reference: req.use16BitReference ? result.udh.id16 : result.udh.id8,
            total: result.udh.all,
            sequence: result.udh.part,
          }
        : undefined;
    if (JSON.stringify(submit.concat) !== JSON.stringify(gammuConcat))
      problems.push(`${where}: decodePdu concat ${JSON.stringify(submit.concat)}`);
  });
  if (texts.length === parts.length && texts.join('') !== req.text) {
    problems.push(`joined text differs: ${JSON.stringify(texts.join(''))}`);
  }
  return problems;
}

const CASES = 3000;

/** Flips one bit in the first septet/octet of the part's text (the PDU's last octet). */
function corruptLastOctet(part: SubmitPart): SubmitPart {
  const last = parseInt(part.pdu.slice(-2), 16) ^ 0x01;
  return { ...part, pdu: part.pdu.slice(0, -2) + last.toString(16).toUpperCase().padStart(2, '0') };
}

describe.skipIf(!gammuAvailable())('independent oracle: python-gammu', () => {
  it(`agrees on ${CASES} generated SMS-SUBMIT messages`, () => {
    const requests = fc.sample(requestArb, { numRuns: CASES, seed: 20251123 });
    const encoded = requests.map((req) => encodeSubmit(req));
    const results = decodeWithGammu(encoded.flatMap((parts) => parts.map((part) => part.pdu)));
    const failures: string[] = [];
    let offset = 0;
    requests.forEach((req, index) => {
      const parts = encoded[index] ?? [];
      const problems = disagreements(req, parts, results.slice(offset, offset + parts.length));
      offset += parts.length;
      if (problems.length > 0) failures.push(`${JSON.stringify(req)}\n  ${problems.join('\n  ')}`);
    });
    expect(failures.slice(0, 5)).toEqual([]);
    // The corpus really covers what it claims to.
    const multipart = encoded.filter((parts) => parts.length > 1).length;
    const ucs2 = requests.filter((req) => ![...req.text].every(isGsm)).length;
    const extension = requests.filter((req) =>
      [...req.text].some((char) => GSM_EXTENSION.includes(char)),
    ).length;
    expect(multipart).toBeGreaterThan(CASES / 4);
    expect(ucs2).toBeGreaterThan(CASES / 4);
    expect(extension).toBeGreaterThan(CASES / 4);
  });

  it('notices a corrupted PDU (the comparison is not blind to its quirk handling)', () => {
    const requests: SubmitRequest[] = [
      { to: '+4917012345678', text: 'Preis 5 € [netto]' },
      { to: '+4917012345678', text: 'Tilde ~ in UCS-2 ж' },
      { to: '01701234567', text: 'a{b}'.repeat(60), concatReference: 3 },
    ];
    for (const req of requests) {
      const parts = encodeSubmit(req);
      const corrupted = parts.map((part, index) =>
        index === parts.length - 1 ? corruptLastOctet(part) : part,
      );
      const results = decodeWithGammu(corrupted.map((part) => part.pdu));
      expect(disagreements(req, parts, results), req.text).not.toEqual([]);
    }
  });
});
