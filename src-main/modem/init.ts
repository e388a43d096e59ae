// The set-up every modem gets before sending: no echo, numeric error codes, PDU mode, new
// message and status report indications, one message store. Vendors differ in what they
// accept, so only PDU mode is required; the rest is tried in order of preference and each
// refusal is recorded rather than fatal.

import type { AtChannel } from './at-channel';
import { AtCommandError, ModemError } from './errors';
import { OptionalCommands, sendEssential } from './optional-command';

export interface InitReport {
  /** Commands the modem accepted. */
  readonly applied: readonly string[];
  /** Commands it refused, with its answer. */
  readonly refused: readonly { readonly command: string; readonly answer: string }[];
  /** Optional commands it never answered (identification included); the open went on without them. */
  readonly unanswered: readonly string[];
  /** What the user should know about this modem's set-up, one sentence each. */
  readonly warnings: readonly string[];
  /** Storage the modem reads new messages from, as AT+CPMS names it ("SM", "ME"). */
  readonly readStorage: string | null;
}

// TS 27.005 §3.4.1 AT+CNMI=<mode>,<mt>,<bm>,<ds>,<bfr>: new messages stored with +CMTI (mt=1),
// so nothing is lost while the host is away; status reports stored with +CDSI (ds=2) or, where
// the modem cannot, routed directly with +CDS (ds=1).
const indicationChoices = [
  'AT+CNMI=2,1,0,2,0',
  'AT+CNMI=2,1,0,1,0',
  'AT+CNMI=1,1,0,2,0',
  'AT+CNMI=1,1,0,1,0',
  'AT+CNMI=2,1',
];

export function initReport(optional: OptionalCommands, readStorage: string | null): InitReport {
  return {
    applied: [...optional.applied],
    refused: [...optional.refused],
    unanswered: [...optional.unanswered],
    warnings: optional.warnings,
    readStorage,
  };
}

/**
 * Echo off and numeric +CME/+CMS codes, before anything else: without AT+CMEE=1 a wrong PIN is
 * a bare ERROR, indistinguishable from any other failure.
 */
export async function enableErrorCodes(
  channel: AtChannel,
  optional = new OptionalCommands(channel),
): Promise<InitReport> {
  await optional.send('ATE0');
  await optional.send('AT+CMEE=1');
  return initReport(optional, null);
}

async function selectPduMode(channel: AtChannel, optional: OptionalCommands): Promise<void> {
  try {
    await sendEssential(channel, 'AT+CMGF=0', 'switching to PDU mode');
    optional.applied.push('AT+CMGF=0');
  } catch (error) {
    if (!(error instanceof AtCommandError)) throw error;
    throw new ModemError(
      'AT+CMGF=0 refused',
      'This modem does not support PDU mode, which Fanout needs to send messages.',
      'sim-or-modem',
      { cause: error },
    );
  }
}

export async function initialiseModem(
  channel: AtChannel,
  options: { manufacturer: string | null },
  optional = new OptionalCommands(channel),
): Promise<InitReport> {
  await selectPduMode(channel, optional);
  // Text commands (USSD) in the GSM alphabet: another program (Gammu) may have left "UCS2" set.
  await optional.send('AT+CSCS="GSM"');
  for (const command of indicationChoices) {
    if ((await optional.send(command)) !== null) break;
  }
  // Huawei sticks send ^RSSI/^MODE every few seconds until told not to.
  if (options.manufacturer?.toLowerCase().includes('huawei')) await optional.send('AT^CURC=0');

  let readStorage: string | null = null;
  const current = await optional.send('AT+CPMS?');
  const match = current?.map((line) => /^\+CPMS:\s*"([A-Z]{2})"/.exec(line)).find(Boolean);
  if (match?.[1]) {
    readStorage = match[1];
    // One store for reading, writing and receiving, so +CMTI indexes are the ones AT+CMGR reads.
    if ((await optional.send(`AT+CPMS="${readStorage}","${readStorage}","${readStorage}"`)) === null) {
      await optional.send(`AT+CPMS="${readStorage}"`);
    }
  }
  return initReport(optional, readStorage);
}
