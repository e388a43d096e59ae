// Test and benchmark helper: N virtual modems on the in-process serial binding, opened with the
// real Modem driver, all submitting into one VirtualNetwork that records what "reached" it.
import { Modem, type ModemOptions } from '../../modem/modem';
import type { FaultPlan } from '../../simulator/faults';
import { VirtualSerialBinding } from '../../simulator/virtual-binding';
import { VirtualModem } from '../../simulator/virtual-modem';
import { VirtualNetwork } from '../../simulator/virtual-network';

export interface VirtualModemSetup {
  readonly binding: VirtualSerialBinding;
  readonly network: VirtualNetwork;
  readonly virtualModems: VirtualModem[];
  readonly modems: Modem[];
  close(): Promise<void>;
}

export interface VirtualModemSetupOptions {
  readonly count: number;
  readonly submitLatencyMs?: number;
  readonly statusReportDelayMs?: number;
  readonly faults?: (index: number) => FaultPlan | undefined;
  readonly modemOptions?: Partial<ModemOptions>;
}

export async function openVirtualModems(options: VirtualModemSetupOptions): Promise<VirtualModemSetup> {
  const binding = new VirtualSerialBinding();
  const network = new VirtualNetwork();
  const virtualModems: VirtualModem[] = [];
  for (let i = 0; i < options.count; i++) {
    const modem = new VirtualModem({ network, submitLatencyMs: options.submitLatencyMs ?? 0, statusReportDelayMs: options.statusReportDelayMs, faults: options.faults?.(i) });
    binding.attach(`/virtual/modem${i}`, modem);
    virtualModems.push(modem);
  }
  const modems = await Promise.all(
    virtualModems.map((_, i) => Modem.open({ path: `/virtual/modem${i}`, binding, healthIntervalMs: 0, reconnectIntervalMs: 200, ...options.modemOptions })),
  );
  return {
    binding,
    network,
    virtualModems,
    modems,
    async close() {
      await Promise.all(modems.map((modem) => modem.close()));
      binding.dispose();
    },
  };
}

/**
 * Share of time the modems spent submitting while the campaign ran, from the network's own
 * record: each accepted part kept its modem busy for `latencyMs` before `receivedAt`.
 */
export function modemUtilisation(network: VirtualNetwork, modemCount: number, latencyMs: number): number {
  const parts = network.submittedParts();
  if (parts.length === 0) return 0;
  const times = parts.map((part) => part.receivedAt.getTime());
  const start = Math.min(...times) - latencyMs;
  const end = Math.max(...times);
  return (parts.length * latencyMs) / (modemCount * (end - start));
}
