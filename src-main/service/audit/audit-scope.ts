// Which actor the work in progress belongs to, carried along async calls. A handler may start work
// that finishes after it has answered (an import commits minutes later); that work is still the
// caller's, and it is audited as theirs without every handler passing its context down.
import { AsyncLocalStorage } from 'node:async_hooks';
import { SYSTEM_ACTOR, type AuditActor } from '../../store/repositories/audit';

const scope = new AsyncLocalStorage<AuditActor>();

export function runAsActor<T>(actor: AuditActor, work: () => T): T {
  return scope.run(actor, work);
}

/** Outside any call (an engine timer, a STOP reply) it is Fanout itself. */
export function currentActor(): AuditActor {
  return scope.getStore() ?? SYSTEM_ACTOR;
}
