import { useEffect, useState } from 'react';
import { useApi } from '../../app/api-context';
import { useModemsStore } from '../../state/modems-store';
import type { SentSample } from './modem-throughput';

/** How much history the chart keeps. */
export const THROUGHPUT_HISTORY_MS = 5 * 60_000;

/**
 * Each modem's sent count over time, from the moment the monitor opened: the modem list as it
 * was then, and every modem.status since. `now` moves every two seconds so rates fall when a
 * modem stops sending.
 */
export function useModemThroughput(): { samples: ReadonlyMap<number, readonly SentSample[]>; now: number } {
  const api = useApi();
  const [samples, setSamples] = useState<ReadonlyMap<number, readonly SentSample[]>>(() => {
    const at = Date.now();
    return new Map(useModemsStore.getState().modems.map((modem) => [modem.simId, [{ at, partsSent: modem.partsSent }]]));
  });
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const unsubscribe = api.onEvent((event) => {
      if (event.name !== 'modem.status') return;
      const at = Date.now();
      const { simId, partsSent } = event.payload;
      setSamples((previous) => {
        const next = new Map(previous);
        const history = (previous.get(simId) ?? []).filter((sample) => sample.at >= at - THROUGHPUT_HISTORY_MS - 60_000);
        next.set(simId, [...history, { at, partsSent }]);
        return next;
      });
    });
    const timer = setInterval(() => setNow(Date.now()), 2_000);
    return () => {
      unsubscribe();
      clearInterval(timer);
    };
  }, [api]);

  return { samples, now };
}
