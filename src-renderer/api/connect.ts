import { useConnectionStore } from '../state/connection-store';
import { createApiClient, type ApiClient } from './client';
import { findElectronBridge } from './electron-bridge';
import { createHttpBridge, takeAccessToken } from './http-bridge';

export type ConnectResult = { ok: true; client: ApiClient } | { ok: false; reason: 'missing-token' };

/** Picks the bridge this window was opened with: Electron's preload, or `fanout serve`. */
export function connectToFanout(): ConnectResult {
  const setLink = useConnectionStore.getState().setLinkState;
  const electronBridge = findElectronBridge();
  if (electronBridge) {
    setLink('connected');
    return { ok: true, client: createApiClient(electronBridge) };
  }
  const token = takeAccessToken();
  if (!token) {
    setLink('disconnected');
    return { ok: false, reason: 'missing-token' };
  }
  return { ok: true, client: createApiClient(createHttpBridge(token, setLink)) };
}
