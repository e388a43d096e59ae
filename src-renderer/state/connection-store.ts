import { create } from 'zustand';
import type { LinkState } from '../api/http-bridge';

interface ConnectionState {
  link: LinkState;
  lastHeartbeatAt: string | null;
  setLinkState(link: LinkState): void;
  recordHeartbeat(at: string): void;
}

export const useConnectionStore = create<ConnectionState>((set) => ({
  link: 'connecting',
  lastHeartbeatAt: null,
  setLinkState: (link) => set({ link }),
  recordHeartbeat: (at) => set({ lastHeartbeatAt: at }),
}));
