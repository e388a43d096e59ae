/**
 * The service refused a call because nobody is signed in here or the session is locked. Any
 * screen's call can hit this; the sign-in gate listens and shows the login or lock screen.
 */
export type SignInNeed = 'not-signed-in' | 'locked';

const listeners = new Set<(need: SignInNeed) => void>();

export function onSignInNeeded(listener: (need: SignInNeed) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function reportSignInNeeded(need: SignInNeed): void {
  for (const listener of listeners) listener(need);
}
