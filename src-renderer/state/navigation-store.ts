import { create } from 'zustand';

export const screenIds = ['modems', 'contacts', 'compose', 'campaigns', 'inbox', 'audit', 'settings'] as const;
export type ScreenId = (typeof screenIds)[number];

function screenFromHash(hash: string): ScreenId {
  const candidate = hash.replace(/^#\/?/, '');
  return (screenIds as readonly string[]).includes(candidate) ? (candidate as ScreenId) : 'modems';
}

interface NavigationState {
  screen: ScreenId;
  goTo(screen: ScreenId): void;
}

/** The screen is kept in the address (#/contacts) so a reload or a bookmark lands in the same place. */
export const useNavigationStore = create<NavigationState>((set) => ({
  screen: screenFromHash(window.location.hash),
  goTo: (screen) => {
    if (window.location.hash !== `#/${screen}`) history.pushState(null, '', `#/${screen}`);
    set({ screen });
  },
}));

window.addEventListener('popstate', () => {
  useNavigationStore.setState({ screen: screenFromHash(window.location.hash) });
});
