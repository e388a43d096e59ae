import { create } from 'zustand';
import type { ApiArgs, ApiResult } from '../../src-shared/api';
import type { ApiClient } from '../api/client';

type SettingsAnswer = ApiResult<'settings.get'>;

interface SettingsState {
  loaded: SettingsAnswer | null;
  error: Error | null;
  load(api: ApiClient): Promise<void>;
  /** Saves a change; throws the service's error (with what to fix) for the form to show. */
  save(api: ApiClient, changes: ApiArgs<'settings.update'>): Promise<void>;
}

/** Settings kept by the service (shared by every window), loaded once and updated on save. */
export const useSettingsStore = create<SettingsState>((set, get) => ({
  loaded: null,
  error: null,
  load: async (api) => {
    try {
      set({ loaded: await api.call('settings.get', {}), error: null });
    } catch (error) {
      set({ error: error instanceof Error ? error : new Error(String(error)) });
    }
  },
  save: async (api, changes) => {
    const { settings } = await api.call('settings.update', changes);
    const loaded = get().loaded;
    if (loaded) set({ loaded: { ...loaded, settings } });
  },
}));
