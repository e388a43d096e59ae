import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { Language } from '../i18n/languages';

export type ThemeChoice = 'system' | 'light' | 'dark';

interface PreferencesState {
  theme: ThemeChoice;
  language: Language;
  setTheme(theme: ThemeChoice): void;
  setLanguage(language: Language): void;
}

function browserLanguage(): Language {
  const preferred = navigator.language.toLowerCase();
  if (preferred.startsWith('de')) return 'de';
  if (preferred.startsWith('zh')) return 'zh';
  return 'en';
}

/** Look and language belong to this window's user, so they live in the browser's storage. */
export const usePreferencesStore = create<PreferencesState>()(
  persist(
    (set) => ({
      theme: 'system',
      language: browserLanguage(),
      setTheme: (theme) => set({ theme }),
      setLanguage: (language) => set({ language }),
    }),
    { name: 'fanout.preferences' },
  ),
);
