import { create } from 'zustand';
import type { ApiResult } from '../../../src-shared/api';
import type { ApiClient } from '../../api/client';

export type AuthStatus = ApiResult<'auth.status'>;
export type SignedInOperator = NonNullable<AuthStatus['operator']>;

interface AuthState {
  status: AuthStatus | null;
  error: Error | null;
  /** Asks the service who is signed in here; called on start, on auth.changed and after refusals. */
  refresh(api: ApiClient): Promise<void>;
  /** What a sign-in, unlock or sign-out answered, so the screen changes without waiting for the event. */
  apply(change: Partial<AuthStatus>): void;
}

// auth.changed can arrive while a sign-in is still answering; a status asked before the sign-in
// finished must not overwrite it, so every answer and change counts up and stale answers are dropped.
let generation = 0;

export const useAuthStore = create<AuthState>((set, get) => ({
  status: null,
  error: null,
  refresh: async (api) => {
    const asked = ++generation;
    try {
      const status = await api.call('auth.status', {});
      if (asked === generation) set({ status, error: null });
    } catch (error) {
      if (asked === generation) set({ error: error instanceof Error ? error : new Error(String(error)) });
    }
  },
  apply: (change) => {
    generation++;
    const status = get().status;
    if (status) set({ status: { ...status, ...change } });
  },
}));

/** The operator signed in on this window, or null before sign-in. */
export function useSignedInOperator(): SignedInOperator | null {
  return useAuthStore((state) => state.status?.operator ?? null);
}

const rank = { viewer: 1, sender: 2, admin: 3 } as const;

/** Whether the signed-in operator has at least this role; screens hide or disable actions with it (the service refuses anyway). */
export function useHasRole(role: 'viewer' | 'sender' | 'admin'): boolean {
  const operator = useSignedInOperator();
  return operator !== null && rank[operator.role] >= rank[role];
}
