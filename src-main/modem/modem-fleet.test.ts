// The fleet with virtual modems in process: found at start, noticed when plugged in, re-attached
// by IMEI when they come back on another port.

import { afterEach, describe, expect, it } from 'vitest';
import { VirtualSerialBinding } from '../simulator/virtual-binding';
import { VirtualModem } from '../simulator/virtual-modem';
import { ModemFleet } from './modem-fleet';
import { waitUntil } from '../testing/wait-until';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});


describe('ModemFleet', () => {
  it('opens the modems present at start, then ones plugged in later, each once', async () => {
    const binding = new VirtualSerialBinding();
    cleanups.push(() => binding.dispose());
    const first = new VirtualModem({ submitLatencyMs: 10 });
    const second = new VirtualModem({ submitLatencyMs: 10, faults: { pinRequired: '4321' } });
    binding.attach('/virtual/ttyUSB0', first);
    binding.attach('/virtual/ttyUSB1', second);
    const fleet = new ModemFleet({
      binding,
      watchIntervalMs: 50,
      pinFor: ({ imei }) => (imei === second.imei ? '4321' : undefined),
      modemOptions: { healthIntervalMs: 0 },
    });
    cleanups.push(() => fleet.stop());
    const atStart = await fleet.start();
    expect(atStart.map((modem) => [modem.imei, modem.state]).sort()).toEqual(
      [
        [first.imei, 'ready'],
        [second.imei, 'ready'],
      ].sort(),
    );

    const later = new VirtualModem({ submitLatencyMs: 10 });
    binding.attach('/virtual/ttyUSB2', later);
    await waitUntil(() => fleet.modems.length === 3, 3000, 'the new modem');
    expect(fleet.modems.find((modem) => modem.imei === later.imei)?.path).toBe('/virtual/ttyUSB2');
    const sent = await fleet.modems
      .find((modem) => modem.imei === later.imei)
      ?.send({ to: '+4915100000001', text: 'hi' });
    expect(sent?.outcome).toBe('accepted');
  });

  it('re-attaches a stick that comes back on another port instead of adding it twice', async () => {
    const binding = new VirtualSerialBinding();
    cleanups.push(() => binding.dispose());
    const stick = new VirtualModem({
      submitLatencyMs: 10,
      faults: { unplugAfterSends: 1, replugAfterMs: 150 },
    });
    binding.attach('/virtual/ttyUSB0', stick, { replugPath: '/virtual/ttyUSB5' });
    const fleet = new ModemFleet({
      binding,
      watchIntervalMs: 50,
      modemOptions: { healthIntervalMs: 0, reconnectIntervalMs: 60_000 },
    });
    cleanups.push(() => fleet.stop());
    const [modem] = await fleet.start();
    if (!modem) throw new Error('no modem found');
    await modem.send({ to: '+4915100000001', text: 'before' });
    await waitUntil(() => modem.state === 'unplugged', 2000, 'the unplug');
    await waitUntil(() => modem.state === 'ready', 3000, 're-attachment');
    expect(modem.path).toBe('/virtual/ttyUSB5');
    expect(fleet.modems).toHaveLength(1);
  });
});
