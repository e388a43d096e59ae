// Virtual modems inside this process, for demo mode ("try Fanout without hardware") on any OS:
// the same modems as `fanout simulate`, reached through a serialport binding instead of
// pseudo-terminals. Open each path with Modem.open({ path, binding }).

import type { FaultPlan } from './faults';
import { modemProfiles, type ModemProfile, type ModemProfileId } from './profiles';
import { VirtualSerialBinding } from './virtual-binding';
import { VirtualModem, type VirtualModemOptions } from './virtual-modem';
import { VirtualNetwork } from './virtual-network';

export interface InProcessSimulatorOptions {
  readonly count: number;
  /** One profile for all, or one per modem (cycled). Default SIM800. */
  readonly profile?: ModemProfileId | ModemProfile | readonly (ModemProfileId | ModemProfile)[];
  readonly faults?: FaultPlan | ((index: number) => FaultPlan);
  readonly submitLatencyMs?: VirtualModemOptions['submitLatencyMs'];
  readonly statusReportDelayMs?: number;
  readonly replyFrom?: VirtualModemOptions['replyFrom'];
  readonly replyDelayMs?: number;
  readonly network?: VirtualNetwork;
  /** Paths are `${pathPrefix}${index}`. Default "virtual:modem". */
  readonly pathPrefix?: string;
}

export interface InProcessSimulator {
  readonly binding: VirtualSerialBinding;
  readonly network: VirtualNetwork;
  readonly paths: readonly string[];
  readonly modems: readonly VirtualModem[];
  stop(): void;
}

function profileAt(option: InProcessSimulatorOptions['profile'], index: number): ModemProfile {
  const chosen = Array.isArray(option) ? option[index % option.length] : option;
  if (chosen === undefined) return modemProfiles.sim800;
  return typeof chosen === 'string' ? modemProfiles[chosen as ModemProfileId] : (chosen as ModemProfile);
}

export function startInProcessSimulator(options: InProcessSimulatorOptions): InProcessSimulator {
  const binding = new VirtualSerialBinding();
  const network = options.network ?? new VirtualNetwork();
  const prefix = options.pathPrefix ?? 'virtual:modem';
  const modems: VirtualModem[] = [];
  const paths: string[] = [];
  for (let index = 0; index < options.count; index++) {
    const modem = new VirtualModem({
      profile: profileAt(options.profile, index),
      faults: typeof options.faults === 'function' ? options.faults(index) : options.faults,
      network,
      submitLatencyMs: options.submitLatencyMs,
      statusReportDelayMs: options.statusReportDelayMs,
      replyFrom: options.replyFrom,
      replyDelayMs: options.replyDelayMs,
    });
    const path = `${prefix}${index}`;
    binding.attach(path, modem);
    modems.push(modem);
    paths.push(path);
  }
  return { binding, network, paths, modems, stop: () => binding.dispose() };
}
