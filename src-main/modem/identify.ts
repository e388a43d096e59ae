// Who is on the port: manufacturer, model, firmware, IMEI, SIM identities, operator, signal and
// registration. Every query but the SIM's status is optional: a locked SIM hides the IMSI, some
// firmwares lack AT+CCID or ignore a query altogether, and an answer missing (refused or never
// given) is reported as unknown rather than failing the whole probe.

import type { AtChannel } from './at-channel';
import {
  AtCommandError,
  AtTimeoutError,
  EssentialCommandSilentError,
  SimBusyError,
  SimNotInsertedError,
  SimPinRequiredError,
  SimPukRequiredError,
} from './errors';
import { OptionalCommands } from './optional-command';
import { parseCreg, parseCsq, type Registration, type SignalQuality } from './signal';

export type SimStatus = 'ready' | 'pin-required' | 'puk-required' | 'not-inserted' | 'busy' | 'unknown';

export interface ModemIdentity {
  readonly manufacturer: string | null;
  readonly model: string | null;
  readonly firmware: string | null;
  readonly imei: string | null;
  readonly imsi: string | null;
  readonly iccid: string | null;
  readonly operator: string | null;
  readonly signal: SignalQuality | null;
  readonly registration: Registration;
  readonly sim: SimStatus;
}

// Timeouts are the channel's default, which its owner sets (short for probing, the user's
// choice for a modem in use).
async function firstLine(channel: AtChannel, command: string): Promise<string | null> {
  try {
    const reply = await channel.send(command);
    return reply.lines[0] ?? null;
  } catch (error) {
    if (error instanceof AtCommandError) return null;
    throw error;
  }
}

// Some firmwares prefix the answer with the command name ("+CGMI: SIMCOM_Ltd", "Manufacturer: …").
function stripEcho(value: string | null, ...prefixes: string[]): string | null {
  if (value === null) return null;
  let text = value.trim();
  for (const prefix of prefixes) {
    if (text.toUpperCase().startsWith(prefix.toUpperCase())) text = text.slice(prefix.length).trim();
  }
  text = text.replace(/^"(.*)"$/, '$1');
  return text.length > 0 ? text : null;
}

/** 15 digits with a valid Luhn check digit (TS 23.003 §6.2.1), or null. */
export function parseImei(line: string | null): string | null {
  const digits = stripEcho(line, '+CGSN:', '+GSN:', 'IMEI:')?.replace(/\s/g, '') ?? null;
  return digits && /^\d{15}$/.test(digits) ? digits : null;
}

/** Huawei's ^ICCID and some SIMs give the ICCID nibble-swapped and padded with F. */
export function parseIccid(line: string | null, nibbleSwapped: boolean): string | null {
  let text =
    stripEcho(line, '+CCID:', '+QCCID:', '^ICCID:', '+ICCID:', '+ZGETICCID:', 'ICCID:')?.replace(/\s/g, '') ??
    null;
  if (!text) return null;
  if (nibbleSwapped) text = text.replace(/(.)(.)/g, '$2$1');
  text = text.replace(/[Ff]+$/, '');
  return /^\d{18,22}$/.test(text) ? text : null;
}

/** "+COPS: 0,0,\"Vodafone.de\",7" → "Vodafone.de"; null when not registered ("+COPS: 0"). */
export function parseCops(line: string | null): string | null {
  if (!line) return null;
  const match = /^\+COPS:\s*\d+\s*,\s*\d+\s*,\s*"([^"]*)"/.exec(line);
  return match?.[1] ? match[1] : null;
}

export function parseCpin(line: string | null): SimStatus {
  const value = stripEcho(line, '+CPIN:');
  if (value === 'READY') return 'ready';
  if (value === 'SIM PIN') return 'pin-required';
  if (value === 'SIM PUK') return 'puk-required';
  return 'unknown';
}

export async function readSimStatus(channel: AtChannel): Promise<SimStatus> {
  try {
    const reply = await channel.send('AT+CPIN?');
    return parseCpin(reply.lines.find((line) => line.startsWith('+CPIN:')) ?? null);
  } catch (error) {
    if (error instanceof SimPinRequiredError) return 'pin-required';
    if (error instanceof SimPukRequiredError) return 'puk-required';
    if (error instanceof SimNotInsertedError) return 'not-inserted';
    if (error instanceof SimBusyError) return 'busy';
    if (error instanceof AtCommandError) return 'unknown';
    // Without the SIM's status nothing else can be decided (PIN, sending): not optional.
    if (error instanceof AtTimeoutError && !(error instanceof EssentialCommandSilentError))
      throw new EssentialCommandSilentError('AT+CPIN?', error.timeoutMs, "the SIM's status");
    throw error;
  }
}

/** CSQ 99 is "not known or not detectable": no signal to show. */
function signalOf(line: string | null): SignalQuality | null {
  const signal = line ? parseCsq(line) : null;
  return signal?.rssi === null ? null : signal;
}

function registrationOf(line: string | null): Registration {
  return line === null ? 'unknown' : (parseCreg(line, true) ?? 'unknown');
}

/** The signal, or null when the modem cannot measure it. A silence is the caller's to handle (a hang). */
export async function readSignal(channel: AtChannel): Promise<SignalQuality | null> {
  return signalOf(await firstLine(channel, 'AT+CSQ'));
}

export async function readRegistration(channel: AtChannel): Promise<Registration> {
  return registrationOf(await firstLine(channel, 'AT+CREG?'));
}

// Each vendor spells it differently: SIMCom 2G and Wavecom AT+CCID, SIMCom LTE AT+CICCID,
// Quectel AT+QCCID, Huawei AT^ICCID? (nibble-swapped), ZTE AT+ZGETICCID, Sierra's AirPrime
// cards AT!ICCID? ("ICCID: …"). The manufacturer's own spelling goes first, so a stick
// answers at the first try; the rest in order of how common.
const iccidCommands: readonly { command: string; swapped: boolean; maker: RegExp }[] = [
  { command: 'AT+CCID', swapped: false, maker: /simcom_ltd|wavecom/i },
  { command: 'AT+QCCID', swapped: false, maker: /quectel/i },
  { command: 'AT^ICCID?', swapped: true, maker: /huawei/i },
  { command: 'AT+CICCID', swapped: false, maker: /simcom incorporated/i },
  { command: 'AT+ZGETICCID', swapped: false, maker: /zte/i },
  { command: 'AT+ICCID', swapped: false, maker: /$^/ },
  { command: 'AT!ICCID?', swapped: false, maker: /sierra wireless/i },
];

async function readIccid(optional: OptionalCommands, manufacturer: string | null): Promise<string | null> {
  const own = iccidCommands.filter((entry) => manufacturer !== null && entry.maker.test(manufacturer));
  const ordered = [...own, ...iccidCommands.filter((entry) => !own.includes(entry))];
  for (const { command, swapped } of ordered) {
    const iccid = parseIccid(await optional.firstLine(command), swapped);
    if (iccid) return iccid;
  }
  return null;
}

/** The SIM's status once it has finished starting (it answers "busy" for a few seconds after power-on). */
export async function readSettledSimStatus(channel: AtChannel, waitMs = 10_000): Promise<SimStatus> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const status = await readSimStatus(channel);
    if (status !== 'busy' || Date.now() >= deadline) return status;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/**
 * Asks who the modem is. Queries it refuses or ignores are recorded in `optional` (pass the
 * open's own to collect them with the set-up's); only a silent AT+CPIN? fails.
 */
export async function identify(
  channel: AtChannel,
  optional = new OptionalCommands(channel),
): Promise<ModemIdentity> {
  const query = (command: string) => optional.firstLine(command);
  const manufacturer = stripEcho(await query('AT+CGMI'), '+CGMI:', 'Manufacturer:');
  const model = stripEcho(await query('AT+CGMM'), '+CGMM:', 'Model:');
  const firmware = stripEcho(await query('AT+CGMR'), '+CGMR:', 'Revision:');
  const imei = parseImei(await query('AT+CGSN'));
  const sim = await readSettledSimStatus(channel);
  const imsi = sim === 'ready' ? stripEcho(await query('AT+CIMI'), '+CIMI:') : null;
  const iccid = await readIccid(optional, manufacturer);
  await query('AT+COPS=3,0'); // long alphanumeric operator names
  const operator = parseCops(await query('AT+COPS?'));
  // With the SIM locked the modem is at best camped for emergency calls: whatever CSQ says
  // (often 99, sometimes the cell it camps on) is not the network Fanout would send through.
  const signal = sim === 'ready' ? signalOf(await query('AT+CSQ')) : null;
  const registration = registrationOf(await query('AT+CREG?'));
  return {
    manufacturer,
    model,
    firmware,
    imei,
    imsi: imsi && /^\d{6,15}$/.test(imsi) ? imsi : null,
    iccid,
    operator,
    signal,
    registration,
    sim,
  };
}
