// Virtual modems whose SIMs ask for a PIN: a demo and testing feature, so the PIN dialog can be
// tried without hardware. Their IMEIs (and so their ICCIDs) are the same in every run, which lets
// Fanout recognise the SIM after a restart, as it does a real one.

import {
  modemProfiles,
  VirtualModem,
  VirtualSerialBinding,
  type InProcessSimulator,
  type ModemProfileId,
  type VirtualModemOptions,
  type VirtualNetwork,
} from '../../simulator';

export interface PinLockedDemoOptions {
  readonly count: number;
  /** PIN-locked modems started before in this run: each gets the next identity. */
  readonly firstIndex: number;
  readonly pin: string;
  readonly profile: readonly ModemProfileId[];
  readonly pathPrefix: string;
  readonly network: VirtualNetwork;
  readonly submitLatencyMs: number;
  readonly statusReportDelayMs: number;
  readonly replyFrom?: VirtualModemOptions['replyFrom'];
  readonly replyDelayMs?: number;
}

// IMEI check digit (TS 23.003 §6.2.1, Luhn).
function withCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}

/** The n-th PIN-locked demo modem always has this IMEI. */
export function pinLockedDemoImei(index: number): string {
  return withCheckDigit(`8699990000${String(index).padStart(4, '0')}`);
}

export function startPinLockedDemo(options: PinLockedDemoOptions): InProcessSimulator {
  const binding = new VirtualSerialBinding();
  const modems: VirtualModem[] = [];
  const paths: string[] = [];
  for (let index = 0; index < options.count; index++) {
    const profileId = options.profile[index % options.profile.length] ?? 'sim800';
    const modem = new VirtualModem({
      profile: modemProfiles[profileId],
      faults: { pinRequired: options.pin },
      network: options.network,
      imei: pinLockedDemoImei(options.firstIndex + index),
      submitLatencyMs: options.submitLatencyMs,
      statusReportDelayMs: options.statusReportDelayMs,
      replyFrom: options.replyFrom,
      replyDelayMs: options.replyDelayMs,
    });
    const path = `${options.pathPrefix}${index}`;
    binding.attach(path, modem);
    modems.push(modem);
    paths.push(path);
  }
  return { binding, network: options.network, paths, modems, stop: () => binding.dispose() };
}
