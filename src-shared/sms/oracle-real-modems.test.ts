/**
 * decodePdu against python-gammu (libgammu) on real modem captures. The captures are other
 * people's data (Gammu's test suite), which this repository does not carry: the test reads them
 * from the shared folder beside the checkout (../shared/real-modem-pdus.tsv, one "source<TAB>PDU"
 * per line) when it is there, and says it skipped otherwise.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gammuGsm7Text, gammuUcs2View } from './__fixtures__/gammu-oracle';
import { decodeWithGammu, gammuAvailable } from './__fixtures__/gammu-runner';
import { bytesToHex } from './hex';
import { decodePdu } from './index';
import type { DecodedPdu } from './index';

const capturesFile = fileURLToPath(new URL('../../../shared/real-modem-pdus.tsv', import.meta.url));
const REAL_PDUS = (existsSync(capturesFile) ? readFileSync(capturesFile, 'utf8') : '')
  .split('\n')
  .filter((line) => line.length > 0 && !line.startsWith('#'))
  .map((line) => {
    const [source = '', pdu = ''] = line.split('\t');
    return { source, pdu };
  });

/**
 * The two places where libgammu and the standard part ways on these PDUs; each entry says why
 * Fanout follows the standard. Everything else must agree field by field.
 */
const KNOWN_DIFFERENCES: Record<string, (ours: DecodedPdu) => void> = {
  // TP-DCS F9: coding group 1111 with bit 2 clear is the GSM 7-bit alphabet, class 1 (TS 23.038
  // clause 4). libgammu reads 8-bit. (The sender put UCS-2 bytes in it, so neither shows text.)
  'tests/at-sms/14.dump': (ours) => expect(ours).toMatchObject({ encoding: 'gsm7', messageClass: 1 }),
  // libgammu refuses it (ERR_CORRUPTED); every field is valid: DCS FB = GSM-7 class 3, time
  // zone +05:30 for a Sri Lankan sender, 29 septets in 26 octets.
  'tests/at-sms/42.dump': (ours) =>
    expect(ours).toMatchObject({
      type: 'deliver',
      text: '1917812300     22:30   RATTHI',
      serviceCentreTimestamp: '2019-08-05T08:09:35+05:30',
    }),
};

/** 'mo' for an SMS-SUBMIT (TP-MTI 01), else 'mt': what the modem's storage status would tell. */
function directionOf(pdu: string): 'mt' | 'mo' {
  const smscOctets = parseInt(pdu.slice(0, 2), 16);
  const firstOctet = parseInt(pdu.slice(2 + smscOctets * 2, 4 + smscOctets * 2), 16);
  return (firstOctet & 0x03) === 1 ? 'mo' : 'mt';
}

const GAMMU_TYPE = { deliver: 'Deliver', submit: 'Submit', 'status-report': 'Status_Report' } as const;
const GAMMU_CODING = {
  gsm7: 'Default_No_Compression',
  ucs2: 'Unicode_No_Compression',
  '8bit': '8bit',
} as const;

if (REAL_PDUS.length === 0) console.log(`real modem PDUs: skipped, no captures at ${capturesFile}`);

describe.skipIf(!gammuAvailable() || REAL_PDUS.length === 0)('real modem PDUs: decodePdu against python-gammu', () => {
  it(`agrees on the ${REAL_PDUS.length} PDUs of gammu's AT+CMGR captures`, () => {
    const results = decodeWithGammu(REAL_PDUS.map((row) => row.pdu));
    let agreed = 0;
    REAL_PDUS.forEach(({ source, pdu }, index) => {
      const theirs = results[index];
      const ours = decodePdu(pdu, { direction: directionOf(pdu) });
      const label = `${source}: ${JSON.stringify(ours)} vs gammu ${JSON.stringify(theirs)}`;
      const known = KNOWN_DIFFERENCES[source];
      if (known) {
        if (!ours.ok) throw new Error(label);
        known(ours.value);
        return;
      }
      if (!theirs?.ok) {
        expect(ours.ok, label).toBe(false);
        return;
      }
      if (!ours.ok) throw new Error(label);
      const value = ours.value;
      expect(GAMMU_TYPE[value.type], label).toBe(theirs.type);
      expect(value.type === 'deliver' ? value.sender.number : value.recipient.number, label).toBe(
        theirs.number,
      );
      if (value.type === 'status-report') {
        expect([value.status, value.messageReference], label).toEqual([
          theirs.deliveryStatus,
          theirs.messageReference,
        ]);
      } else {
        expect(GAMMU_CODING[value.encoding], label).toBe(theirs.coding);
        if (value.encoding === '8bit') expect(bytesToHex(value.data ?? []), label).toBe(theirs.data ?? '');
        else if (value.encoding === 'gsm7')
          expect(value.text, label).toBe(gammuGsm7Text({ text: theirs.text ?? '', length: theirs.length }));
        else expect(gammuUcs2View(value.text, theirs.length), label).toBe(theirs.text);
        const concat =
          theirs.udh.part > 0
            ? { reference: theirs.udh.id8, total: theirs.udh.all, sequence: theirs.udh.part }
            : undefined;
        expect(value.concat, label).toEqual(concat);
      }
      agreed++;
    });
    // Most of the captures decode on both sides (the rest are garbage both refuse).
    expect(agreed).toBeGreaterThan(30);
  });
});
