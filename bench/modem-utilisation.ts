// How close does the modem driver get to the physical limit of its modems? Each virtual modem
// takes 500 ms to get a part accepted by the network, so N modems can never do better than
// N / 0.5 s parts per second. A burst of messages is spread over 1, 4 and 16 modems (virtual
// modems in process, through the real driver and the serialport stream) by workers that each
// pull the next message as soon as their modem is free; the achieved rate is printed against
// that limit.
//
//   npx tsx bench/modem-utilisation.ts

import { Modem } from '../src-main/modem/modem';
import { startInProcessSimulator } from '../src-main/simulator/in-process-simulator';

const latencyMs = 500;
const messagesPerModem = 12;

interface Figures {
  modems: number;
  messages: number;
  seconds: number;
  achieved: number;
  limit: number;
}

async function measure(modemCount: number): Promise<Figures> {
  const sim = startInProcessSimulator({ count: modemCount, submitLatencyMs: latencyMs });
  const { binding, network } = sim;
  const modems = await Promise.all(
    sim.paths.map((path) => Modem.open({ path, binding, healthIntervalMs: 0 })),
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
  sim.stop();
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
for (const count of [1, 4, 16]) {
  const figures = await measure(count);
  console.log(
    `${String(figures.modems).padStart(6)}  ${String(figures.messages).padStart(8)}  ${figures.seconds.toFixed(2).padStart(7)}  ${figures.achieved.toFixed(2).padStart(10)}  ${figures.limit.toFixed(2).padStart(7)}  ${(figures.achieved / figures.limit).toFixed(3)}`,
  );
}
