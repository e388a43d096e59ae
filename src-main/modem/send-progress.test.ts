// Modem.send tells its caller about each accepted part before the next one is written, so the
// caller can record it first (the engine's crash safety between the parts of a long message).
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualSerialBinding } from '../simulator/virtual-binding';
import { VirtualModem } from '../simulator/virtual-modem';
import { VirtualNetwork } from '../simulator/virtual-network';
import { Modem } from './modem';
import type { PartResult } from './send';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

// 400 GSM characters: three parts of 153.
const LONG_TEXT = 'Lieber Kunde, '.repeat(28) + 'Ende.';

async function setUp() {
  const binding = new VirtualSerialBinding();
  const network = new VirtualNetwork();
  binding.attach('/virtual/ttyUSB0', new VirtualModem({ network, submitLatencyMs: 10 }));
  cleanups.push(() => binding.dispose());
  const modem = await Modem.open({ path: '/virtual/ttyUSB0', binding, healthIntervalMs: 0, commandTimeoutMs: 1000 });
  cleanups.push(() => modem.close());
  return { modem, network };
}

describe('Modem.send with onPartAccepted', () => {
  it('reports each accepted part with its reference and waits for the caller before writing the next', async () => {
    const { modem, network } = await setUp();
    const seen: { part: PartResult; partsOnNetwork: number }[] = [];
    const result = await modem.send(
      { to: '+4915112345678', text: LONG_TEXT },
      {
        onPartAccepted: async (part) => {
          seen.push({ part, partsOnNetwork: network.submittedParts().length });
          // A slow caller (a commit waiting for the disk): the next part must wait for it.
          await new Promise((resolve) => setTimeout(resolve, 50));
          expect(network.submittedParts()).toHaveLength(part.partNumber);
        },
      },
    );

    expect(result.outcome).toBe('accepted');
    expect(result.parts).toHaveLength(3);
    expect(seen.map((s) => s.part)).toEqual(result.parts);
    expect(seen.map((s) => s.partsOnNetwork)).toEqual([1, 2, 3]);
    expect(seen.map((s) => s.part.reference)).toEqual(network.submittedParts().map((p) => p.messageReference));
  });

  it('writes no further part when the caller could not take note of one', async () => {
    const { modem, network } = await setUp();
    const result = await modem.send(
      { to: '+4915112345678', text: LONG_TEXT },
      {
        onPartAccepted: (part) => {
          if (part.partNumber === 2) throw new Error('disk full');
        },
      },
    );

    expect(result.outcome).toBe('failed');
    expect(result.parts.map((p) => p.status)).toEqual(['accepted', 'accepted', 'not-sent']);
    expect(result.error?.message).toBe('disk full');
    expect(network.submittedParts()).toHaveLength(2);
    // The modem is fine: the next message goes out whole.
    expect((await modem.send({ to: '+4915112345679', text: 'kurz' })).outcome).toBe('accepted');
  });
});
