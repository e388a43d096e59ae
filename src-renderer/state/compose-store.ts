import { create } from 'zustand';
import { persist } from 'zustand/middleware';

interface ComposeState {
  template: string;
  listId: number | null;
  setTemplate(template: string): void;
  setListId(listId: number | null): void;
}

/** The message being written survives leaving the screen and reloading the window: nothing typed is lost. */
export const useComposeStore = create<ComposeState>()(
  persist(
    (set) => ({
      template: '',
      listId: null,
      setTemplate: (template) => set({ template }),
      setListId: (listId) => set({ listId }),
    }),
    { name: 'fanout.compose-draft' },
  ),
);
