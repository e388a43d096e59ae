import type { ApiEventName } from '../../src-shared/api';

/**
 * Events that carry no data about contacts, messages or modems, and so also go to windows where
 * nobody is signed in or the session is locked: the connection's pulse and "sign-in state changed".
 */
const publicEvents: ReadonlySet<ApiEventName> = new Set<ApiEventName>(['app.heartbeat', 'app.pinged', 'auth.changed']);

export function carriesNoData(name: ApiEventName): boolean {
  return publicEvents.has(name);
}
