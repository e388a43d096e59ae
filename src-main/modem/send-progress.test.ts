// Modem.send tells its caller about each accepted part before the next one is written, so the
// caller can record it first (the engine's crash safety between the parts of a long message).
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualSerialBinding } from '../simulator/virtual-binding';
import type { FaultPlan } from '../simulator/faults';
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

async function setUp(options: { faults?: FaultPlan; healthIntervalMs?: number } = {}) {
  const binding = new VirtualSerialBinding();
  const network = new VirtualNetwork();
  binding.attach('/virtual/ttyUSB0', new VirtualModem({ network, submitLatencyMs: 10, ...(options.faults ? { faults: options.faults } : {}) }));
  cleanups.push(() => binding.dispose());
  const modem = await Modem.open({ path: '/virtual/ttyUSB0', binding, healthIntervalMs: options.healthIntervalMs ?? 0, commandTimeoutMs: 1000 });
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

  it('polls no health between the parts while the caller records them', async () => {
    const { modem } = await setUp({ healthIntervalMs: 20 });
    const slowRecord = () => new Promise<void>((resolve) => setTimeout(resolve, 100));
    expect((await modem.send({ to: '+4915112345678', text: LONG_TEXT }, { onPartAccepted: slowRecord })).outcome).toBe('accepted');
    const sent = modem.exportLog().split('\n').filter((line) => /AT\+CMGS=|AT\+CSQ|AT\+CREG\?/.test(line));
    const firstPart = sent.findIndex((line) => line.includes('AT+CMGS='));
    const lastPart = sent.findLastIndex((line) => line.includes('AT+CMGS='));
    expect(sent.slice(firstPart, lastPart + 1).filter((line) => !line.includes('AT+CMGS='))).toEqual([]);
    // Polling goes on once the message is out.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(modem.exportLog().split('\n').slice(-20).some((line) => line.includes('AT+CSQ'))).toBe(true);
  });

  it('says a part was not sent, rather than unknown, when the modem was unplugged before it was written', async () => {
    const { modem, network } = await setUp({ faults: { unplugAfterSends: 1 } });
    const result = await modem.send(
      { to: '+4915112345678', text: LONG_TEXT },
      { onPartAccepted: () => new Promise<void>((resolve) => setTimeout(resolve, 250)) },
    );
    expect(network.submittedParts()).toHaveLength(1);
    expect(result.parts.map((p) => p.status)).toEqual(['accepted', 'failed', 'not-sent']);
    expect(result.outcome).toBe('failed');
    expect(result.error?.name).toBe('PortClosedError');
  });
});
