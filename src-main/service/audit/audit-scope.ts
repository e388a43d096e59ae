// Which actor the work in progress belongs to, carried along async calls. A handler may start work
// that finishes after it has answered (an import commits minutes later, a file is downloaded
// later); that work is still the caller's, and it is audited as theirs without every handler
// passing its context down.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ApiMethodName } from '../../../src-shared/api';
import { SYSTEM_ACTOR, type AuditActor } from '../../store/repositories/audit';

interface AuditScope {
  actor: AuditActor;
  method?: ApiMethodName;
}

const scope = new AsyncLocalStorage<AuditScope>();

export function runAsActor<T>(actor: AuditActor, work: () => T, method?: ApiMethodName): T {
  return scope.run(method ? { actor, method } : { actor }, work);
}

/** Outside any call (an engine timer, a STOP reply) it is Fanout itself. */
export function currentActor(): AuditActor {
  return scope.getStore()?.actor ?? SYSTEM_ACTOR;
}

/** The API method whose handler is running, if any. */
export function currentMethod(): ApiMethodName | undefined {
  return scope.getStore()?.method;
}
