import { useEffect } from 'react';
import { useConnectionStore } from '../state/connection-store';
import { useApi } from './api-context';

export function useHeartbeat(): void {
  const api = useApi();
  useEffect(
    () =>
      api.onEvent((event) => {
        if (event.name === 'app.heartbeat') useConnectionStore.getState().recordHeartbeat(event.payload.at);
      }),
    [api],
  );
}
