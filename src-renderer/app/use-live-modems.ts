import { useEffect } from 'react';
import { useModemsStore } from '../state/modems-store';
import { useApi } from './api-context';

/** Keeps the modems store current for every screen: loaded once, then updated by modem.status events. */
export function useLiveModems(): void {
  const api = useApi();
  useEffect(() => {
    const unsubscribe = api.onEvent((event) => {
      if (event.name === 'modem.status') useModemsStore.getState().upsert(event.payload);
    });
    api.call('modems.list', {}).then(
      ({ modems }) => useModemsStore.getState().setAll(modems),
      (error: unknown) => console.warn('Fanout: could not load the modems', error),
    );
    return unsubscribe;
  }, [api]);
}
