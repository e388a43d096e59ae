import { create } from 'zustand';
import type { ModemSummary } from '../../src-shared/api';

interface ModemsState {
  modems: ModemSummary[];
  loaded: boolean;
  setAll(modems: ModemSummary[]): void;
  /** A modem.status event: the modem's latest summary, new or known. */
  upsert(modem: ModemSummary): void;
}

export const useModemsStore = create<ModemsState>((set) => ({
  modems: [],
  loaded: false,
  setAll: (modems) => set({ modems, loaded: true }),
  upsert: (modem) =>
    set((state) => {
      const index = state.modems.findIndex((known) => known.simId === modem.simId);
      if (index === -1) return { modems: [...state.modems, modem] };
      const modems = state.modems.slice();
      modems[index] = modem;
      return { modems };
    }),
}));
