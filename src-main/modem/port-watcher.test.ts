// Port watching and re-attachment with virtual modems in process (the serialport binding of the
// simulator), where a replug under another name is quick to arrange.

import { afterEach, describe, expect, it } from 'vitest';
import { VirtualSerialBinding } from '../simulator/virtual-binding';
import { VirtualModem } from '../simulator/virtual-modem';
import { VirtualNetwork } from '../simulator/virtual-network';
import { Modem } from './modem';
import { PortWatcher, reattachOnNewPorts } from './port-watcher';
import { waitUntil } from '../testing/wait-until';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});


describe('PortWatcher', () => {
  it('reports ports that appear and disappear', async () => {
    const binding = new VirtualSerialBinding();
    cleanups.push(() => binding.dispose());
    binding.attach('/virtual/a', new VirtualModem());
    const watcher = new PortWatcher({ binding, intervalMs: 50 });
    cleanups.push(() => watcher.stop());
    expect(await watcher.start()).toEqual(['/virtual/a']);
    const seen: string[] = [];
    watcher.on('added', (path) => seen.push(`+${path}`));
    watcher.on('removed', (path) => seen.push(`-${path}`));
    binding.attach('/virtual/b', new VirtualModem());
    await waitUntil(() => seen.length === 1, 2000, 'the new port');
    binding.detach('/virtual/a')?.dispose();
    await waitUntil(() => seen.length === 2, 2000, 'the removed port');
    expect(seen).toEqual(['+/virtual/b', '-/virtual/a']);
  });

  it('re-attaches an unplugged modem that comes back under another name, by IMEI', async () => {
    const binding = new VirtualSerialBinding();
    cleanups.push(() => binding.dispose());
    const network = new VirtualNetwork();
    const stick = new VirtualModem({
      network,
      submitLatencyMs: 20,
      faults: { unplugAfterSends: 1, replugAfterMs: 200 },
    });
    binding.attach('/virtual/ttyUSB0', stick, { replugPath: '/virtual/ttyUSB3' });
    binding.attach('/virtual/ttyUSB1', new VirtualModem({ network }));
    // The modem's own retry only looks at its old path; the watcher must find the new one.
    const modem = await Modem.open({
      path: '/virtual/ttyUSB0',
      binding,
      healthIntervalMs: 0,
      reconnectIntervalMs: 60_000,
    });
    cleanups.push(() => modem.close());
    const watcher = new PortWatcher({ binding, intervalMs: 50 });
    cleanups.push(() => watcher.stop());
    await watcher.start();
    cleanups.push(reattachOnNewPorts(watcher, () => [modem]));

    expect((await modem.send({ to: '+4915100000001', text: 'before' })).outcome).toBe('accepted');
    await waitUntil(() => modem.state === 'unplugged', 2000, 'the unplug');
    await waitUntil(() => modem.state === 'ready', 5000, 're-attachment');
    expect(modem.path).toBe('/virtual/ttyUSB3');
    expect((await modem.send({ to: '+4915100000002', text: 'after' })).outcome).toBe('accepted');
    expect(network.submittedMessages().map((message) => [message.modemImei, message.text])).toEqual([
      [stick.imei, 'before'],
      [stick.imei, 'after'],
    ]);
  });
});
