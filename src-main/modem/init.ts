// The set-up every modem gets before sending: no echo, numeric error codes, PDU mode, new
// message and status report indications, one message store. Vendors differ in what they
// accept, so only PDU mode is required; the rest is tried in order of preference and each
// refusal is recorded rather than fatal.

import type { AtChannel } from './at-channel';
import { AtCommandError, ModemError } from './errors';

export interface InitReport {
  /** Commands the modem accepted. */
  readonly applied: readonly string[];
  /** Commands it refused, with its answer. */
  readonly refused: readonly { readonly command: string; readonly answer: string }[];
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

type Attempt = (command: string) => Promise<string[] | null>;

function attempter(
  applied: string[],
  refused: { command: string; answer: string }[],
  channel: AtChannel,
): Attempt {
  return async (command) => {
    try {
      const reply = await channel.send(command, { timeoutMs: 5000 });
      applied.push(command);
      return [...reply.lines];
    } catch (error) {
      if (!(error instanceof AtCommandError)) throw error;
      refused.push({ command, answer: 'line' in error.result ? error.result.line : 'ERROR' });
      return null;
    }
  };
}

/**
 * Echo off and numeric +CME/+CMS codes, before anything else: without AT+CMEE=1 a wrong PIN is
 * a bare ERROR, indistinguishable from any other failure.
 */
export async function enableErrorCodes(channel: AtChannel): Promise<InitReport> {
  const applied: string[] = [];
  const refused: { command: string; answer: string }[] = [];
  const attempt = attempter(applied, refused, channel);
  await attempt('ATE0');
  await attempt('AT+CMEE=1');
  return { applied, refused, readStorage: null };
}

export async function initialiseModem(
  channel: AtChannel,
  options: { manufacturer: string | null },
): Promise<InitReport> {
  const applied: string[] = [];
  const refused: { command: string; answer: string }[] = [];
  const attempt = attempter(applied, refused, channel);
  if ((await attempt('AT+CMGF=0')) === null) {
    throw new ModemError(
      'AT+CMGF=0 refused',
      'This modem does not support PDU mode, which Fanout needs to send messages.',
      'sim-or-modem',
    );
  }
  // Text commands (USSD) in the GSM alphabet: another program (Gammu) may have left "UCS2" set.
  await attempt('AT+CSCS="GSM"');
  for (const command of indicationChoices) {
    if ((await attempt(command)) !== null) break;
  }
  // Huawei sticks send ^RSSI/^MODE every few seconds until told not to.
  if (options.manufacturer?.toLowerCase().includes('huawei')) await attempt('AT^CURC=0');

  let readStorage: string | null = null;
  const current = await attempt('AT+CPMS?');
  const match = current?.map((line) => /^\+CPMS:\s*"([A-Z]{2})"/.exec(line)).find(Boolean);
  if (match?.[1]) {
    readStorage = match[1];
    // One store for reading, writing and receiving, so +CMTI indexes are the ones AT+CMGR reads.
    if ((await attempt(`AT+CPMS="${readStorage}","${readStorage}","${readStorage}"`)) === null) {
      await attempt(`AT+CPMS="${readStorage}"`);
    }
  }
  return { applied, refused, readStorage };
}
