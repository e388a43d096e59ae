// Opening a modem whose firmware answers an optional set-up command late, with a virtual modem in
// process (the simulator's serialport binding).

import { afterEach, describe, expect, it } from 'vitest';
import { VirtualSerialBinding } from '../simulator/virtual-binding';
import { VirtualModem } from '../simulator/virtual-modem';
import { Modem } from './modem';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('opening a modem', () => {
  // The optional command gives up after 2 s; its answer, 4.5 s after it was written, comes while
  // the channel waits for its resynchronisation marker, which must outwait it.
  it('goes on when an optional command is answered after its own timeout, within the channel’s', async () => {
    const binding = new VirtualSerialBinding();
    binding.attach('/virtual/ttyUSB0', new VirtualModem({ submitLatencyMs: 10, faults: { lateAnswers: [{ command: 'AT+CSCS', afterMs: 4500 }] } }));
    cleanups.push(() => binding.dispose());
    const modem = await Modem.open({ path: '/virtual/ttyUSB0', binding, healthIntervalMs: 0 });
    cleanups.push(() => modem.close());
    expect(modem.state).toBe('ready');
    expect(modem.setup?.unanswered).toEqual(['AT+CSCS="GSM"']);
    expect(modem.exportLog()).toMatch(/in step with the modem again/);
    expect((await modem.send({ to: '+4915112345678', text: 'after a slow answer' })).outcome).toBe('accepted');
  }, 20_000);
});
