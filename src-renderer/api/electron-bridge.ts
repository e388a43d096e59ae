import type { FanoutBridge } from '../../src-shared/api';

declare global {
  interface Window {
    /** Present only inside the Electron window, put there by the preload script. */
    fanout?: FanoutBridge;
  }
}

export function findElectronBridge(): FanoutBridge | null {
  return window.fanout ?? null;
}
