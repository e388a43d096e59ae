import { create } from 'zustand';
import type { ApiResult } from '../../src-shared/api';
import type { ApiClient } from '../api/client';

type ListsSummary = ApiResult<'contacts.lists'>;

interface ContactListsState {
  summary: ListsSummary | null;
  error: Error | null;
  loading: boolean;
  /** Fetches the lists again; screens call it after anything that changes counts. */
  reload(api: ApiClient): Promise<void>;
}

/** The contact lists with their counts, shared by the Contacts and Compose screens. */
export const useContactListsStore = create<ContactListsState>((set) => ({
  summary: null,
  error: null,
  loading: false,
  reload: async (api) => {
    set({ loading: true });
    try {
      set({ summary: await api.call('contacts.lists', {}), error: null, loading: false });
    } catch (error) {
      set({ error: error instanceof Error ? error : new Error(String(error)), loading: false });
    }
  },
}));
