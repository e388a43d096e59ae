// How close does the modem driver get to the physical limit of its modems? Each virtual modem
// takes 500 ms to get a part accepted by the network, so N modems can never do better than
// N / 0.5 s parts per second. A burst of messages is spread over 1, 4 and 16 modems (virtual
// modems in process, through the real driver and the serialport stream) by workers that each
// pull the next message as soon as their modem is free; the achieved rate is printed against
// that limit. A last row runs 4 modems on pseudo-terminals with the OS serial binding (socat),
// the path a USB stick takes.
//
//   npx tsx bench/modem-utilisation.ts

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Modem } from '../src-main/modem/modem';
import type { SerialBinding } from '../src-main/modem/serial-binding';
import { startInProcessSimulator } from '../src-main/simulator/in-process-simulator';
import { startPtySimulator } from '../src-main/simulator/pty-simulator';
import type { VirtualNetwork } from '../src-main/simulator/virtual-network';

const latencyMs = 500;
const messagesPerModem = 12;

interface Figures {
  modems: number;
  messages: number;
  seconds: number;
  achieved: number;
  limit: number;
}

interface Rig {
  readonly paths: readonly string[];
  readonly binding?: SerialBinding;
  readonly network: VirtualNetwork;
  stop(): Promise<void> | void;
}

function inProcess(count: number): Rig {
  const sim = startInProcessSimulator({ count, submitLatencyMs: latencyMs });
  return { paths: sim.paths, binding: sim.binding, network: sim.network, stop: () => sim.stop() };
}

async function onPseudoTerminals(count: number): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'fanout-bench-'));
  const sim = await startPtySimulator({ count, dir, submitLatencyMs: latencyMs });
  return {
    paths: sim.modems.map((handle) => handle.path),
    network: sim.network,
    stop: async () => {
      await sim.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function measure(modemCount: number, rig: Rig): Promise<Figures> {
  const { binding, network } = rig;
  const modems = await Promise.all(
    rig.paths.map((path) => Modem.open({ path, binding, healthIntervalMs: 0 })),
  );
  const total = modemCount * messagesPerModem;
  const queue = Array.from({ length: total }, (_, index) => ({
    to: `+49151${String(1_000_000 + index)}`,
    text: `Reminder ${index}: your appointment is tomorrow at 10:00.`,
  }));
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    modems.map(async (modem) => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const result = await modem.send(next);
        if (result.outcome !== 'accepted') failures += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(modems.map((modem) => modem.close()));
  await rig.stop();
  if (failures > 0 || network.submittedParts().length !== total)
    throw new Error(
      `${failures} sends failed; ${network.submittedParts().length} of ${total} parts reached the network`,
    );
  return {
    modems: modemCount,
    messages: total,
    seconds,
    achieved: total / seconds,
    limit: modemCount / (latencyMs / 1000),
  };
}

console.log(
  `Modem utilisation: ${messagesPerModem} single-part messages per modem, ${latencyMs} ms network latency per part`,
);
console.log('modems  messages  seconds  achieved/s  limit/s  ratio');
const print = (label: string, figures: Figures): void =>
  console.log(
    `${label.padStart(6)}  ${String(figures.messages).padStart(8)}  ${figures.seconds.toFixed(2).padStart(7)}  ${figures.achieved.toFixed(2).padStart(10)}  ${figures.limit.toFixed(2).padStart(7)}  ${(figures.achieved / figures.limit).toFixed(3)}`,
  );
for (const count of [1, 4, 16]) print(String(count), await measure(count, inProcess(count)));
print('4 pty', await measure(4, await onPseudoTerminals(4)));
