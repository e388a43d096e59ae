// Health polling, hang detection while idle, recipients' replies, and a late answer while opening,
// with virtual modems in process (the simulator's serialport binding).

import { afterEach, describe, expect, it } from 'vitest';
import { sim800 } from '../simulator/profiles';
import { VirtualSerialBinding } from '../simulator/virtual-binding';
import { VirtualModem, type VirtualModemOptions } from '../simulator/virtual-modem';
import { Modem, type ModemHealth, type ModemOptions, type ModemState } from './modem';
import type { InboundMessage } from './receive';
import { waitUntil } from '../testing/wait-until';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(virtual: VirtualModemOptions = {}, options: Partial<ModemOptions> = {}) {
  const binding = new VirtualSerialBinding();
  const stick = new VirtualModem({ submitLatencyMs: 20, ...virtual });
  binding.attach('/virtual/ttyUSB0', stick);
  cleanups.push(() => binding.dispose());
  const modem = await Modem.open({
    path: '/virtual/ttyUSB0',
    binding,
    healthIntervalMs: 100,
    commandTimeoutMs: 300,
    reconnectIntervalMs: 200,
    ...options,
  });
  cleanups.push(() => modem.close());
  const states: ModemState[] = [];
  modem.on('state', (state) => states.push(state));
  return { stick, modem, states };
}


describe('modem health', () => {
  it('polls signal and registration, and follows the network going and coming back', async () => {
    const { stick, modem, states } = await setUp({ rssi: 9 });
    const health: ModemHealth[] = [];
    modem.on('health', (snapshot) => health.push(snapshot));
    await waitUntil(() => health.length >= 2, 2000, 'two health polls');
    expect(health[0]).toMatchObject({
      state: 'ready',
      registration: 'home',
      signal: { rssi: 9, dbm: -95, bars: 2 },
    });

    stick.setNetworkAvailable(false);
    await waitUntil(() => modem.state === 'no-network', 2000, 'no network');
    expect((await modem.send({ to: '+4915100000001', text: 'x' })).outcome).toBe('failed');
    stick.setNetworkAvailable(true);
    await waitUntil(() => modem.state === 'ready', 2000, 'the network back');
    expect(states).toEqual(['no-network', 'ready']);
  });

  it('notices a modem that hangs while idle and wakes it by reopening the port', async () => {
    const { stick, modem, states } = await setUp();
    stick.hangNow();
    await waitUntil(() => states.includes('recovering'), 3000, 'the hang to be noticed');
    await waitUntil(() => modem.state === 'ready', 8000, 'recovery');
    expect(modem.exportLog()).toContain('reopening the port');
    expect((await modem.send({ to: '+4915100000001', text: 'after the hang' })).outcome).toBe('accepted');
  });

  it('sends one message at a time; messages queued behind a hang fail at once as not sent', async () => {
    const { modem, stick } = await setUp(
      { faults: { hangAfterSends: 1 } },
      { healthIntervalMs: 0, promptTimeoutMs: 300, submitTimeoutMs: 300 },
    );
    const results = await Promise.all(
      ['first', 'second', 'third', 'fourth'].map((text, index) =>
        modem.send({ to: `+491510000000${index}`, text }),
      ),
    );
    expect(results.map((result) => result.outcome)).toEqual(['accepted', 'unknown', 'failed', 'failed']);
    expect(results[2]?.error).toMatchObject({ failureClass: 'sim-or-modem' });
    expect(results[2]?.parts).toEqual([]);
    expect(stick.network.submittedMessages().map((message) => message.text)).toEqual(['first']);
  });

  it('waits for a SIM that is still starting after power-on instead of calling it missing', async () => {
    const { modem } = await setUp({ profile: { ...sim800, simReadyAfterMs: 1200 } });
    expect(modem.state).toBe('ready');
    expect(modem.identity?.sim).toBe('ready');
    expect(modem.exportLog()).toContain('+CME ERROR: 14');
  });

  it('hands a STOP reply from a recipient to the message listener', async () => {
    const { modem } = await setUp({
      replyFrom: (_recipient, text) => (text.includes('offer') ? 'STOP' : null),
      replyDelayMs: 50,
    });
    const messages: InboundMessage[] = [];
    modem.on('message', (message, ack) => {
      messages.push(message);
      void ack();
    });
    await modem.send({ to: '+4915100000007', text: 'Our spring offer: 20% off.' });
    await modem.send({ to: '+4915100000008', text: 'Your appointment is at 10:00.' });
    await waitUntil(() => messages.length === 1, 3000, 'the STOP reply');
    expect(messages[0]).toMatchObject({ from: '+4915100000007', text: 'STOP' });
  });

  it('hands on a long reply whose part the network lost, with the gap named, once the wait is over', async () => {
    const { stick, modem } = await setUp({}, { partialMessageTimeoutMs: 400 });
    const messages: InboundMessage[] = [];
    modem.on('message', (message, ack) => {
      messages.push(message);
      void ack();
    });
    const first = 'A'.repeat(153);
    const second = 'B'.repeat(153);
    const third = 'C'.repeat(40);
    expect(stick.receiveSms({ from: '+4917699999999', text: first + second + third, lostParts: [2] })).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Still waiting for part 2: nothing handed on before the timeout.
    expect(messages).toEqual([]);
    await waitUntil(() => messages.length === 1, 3000, 'the incomplete reply');
    expect(messages[0]).toMatchObject({ from: '+4917699999999', text: first + third, totalParts: 3, missingParts: [2] });
  });
});

describe('opening a modem', () => {
  // The optional command gives up after 2 s; its answer, 4.5 s after it was written, comes while
  // the channel waits for its resynchronisation marker, which must outwait it.
  it('goes on when an optional command is answered after its own timeout, within the channel’s', async () => {
    const { modem } = await setUp({ faults: { lateAnswers: [{ command: 'AT+CSCS', afterMs: 4500 }] } }, { healthIntervalMs: 0, commandTimeoutMs: 5000 });
    expect(modem.state).toBe('ready');
    expect(modem.setup?.unanswered).toEqual(['AT+CSCS="GSM"']);
    expect(modem.exportLog()).toMatch(/in step with the modem again/);
    expect((await modem.send({ to: '+4915112345678', text: 'after a slow answer' })).outcome).toBe('accepted');
  }, 20_000);

  it('asks for the registration again soon when the answer was missing at opening, instead of showing no network until the next poll', async () => {
    const { modem } = await setUp({ faults: { lateAnswers: [{ command: 'AT+CREG?', afterMs: 2500 }] } }, { healthIntervalMs: 60_000, commandTimeoutMs: 5000 });
    expect(modem.state).toBe('no-network');
    await waitUntil(() => modem.state === 'ready', 8000, 'registered without waiting for the next poll');
    expect(modem.health?.registration).toBe('home');
  }, 20_000);
});
