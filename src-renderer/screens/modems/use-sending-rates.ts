import { useEffect, useState } from 'react';
import { useApi } from '../../app/api-context';
import { useModemsStore } from '../../state/modems-store';
import { addSample, partsPerMinute, type PartsSample } from './sending-rate';

const TICK_MS = 2_000;

/**
 * Each modem's parts per minute, from its count when the screen opened and every modem.status
 * since. It is recomputed every two seconds, so a modem that stops sending falls to zero.
 */
export function useSendingRates(): (simId: number) => number | null {
  const api = useApi();
  const [samples, setSamples] = useState<ReadonlyMap<number, readonly PartsSample[]>>(() => {
    const at = Date.now();
    return new Map(useModemsStore.getState().modems.map((modem) => [modem.simId, [{ at, partsSent: modem.partsSent }]]));
  });
  const [openedAt] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());
  const modems = useModemsStore((state) => state.modems);

  useEffect(() => {
    const unsubscribe = api.onEvent((event) => {
      if (event.name !== 'modem.status') return;
      const sample = { at: Date.now(), partsSent: event.payload.partsSent };
      const { simId } = event.payload;
      setSamples((previous) => new Map(previous).set(simId, addSample(previous.get(simId) ?? [], sample)));
    });
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => {
      unsubscribe();
      clearInterval(timer);
    };
  }, [api]);

  return (simId) => {
    const known = samples.get(simId);
    // Listed after the screen opened and silent since: its count has stood still from then.
    const partsSent = modems.find((modem) => modem.simId === simId)?.partsSent ?? 0;
    return partsPerMinute(known ?? [{ at: openedAt, partsSent }], now);
  };
}
