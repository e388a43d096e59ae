import type { Store } from '../../store';
import type { DomainHandlers } from '../handlers';

export function createAuditHandlers(store: Store): DomainHandlers<'audit.list' | 'audit.verify'> {
  return {
    'audit.list': ({ action, actor, from, to, text, beforeSeq, limit }) => {
      const page = store.audit.list({
        ...(action ? { action } : {}),
        ...(actor ? { actor } : {}),
        ...(from ? { from: Date.parse(from) } : {}),
        ...(to ? { to: Date.parse(to) } : {}),
        ...(text ? { text } : {}),
        ...(beforeSeq !== undefined ? { beforeSeq } : {}),
        limit,
      });
      return {
        entries: page.entries.map((entry) => ({
          seq: entry.seq,
          at: new Date(entry.at).toISOString(),
          operatorId: entry.operatorId,
          actor: entry.actor,
          action: entry.action,
          subject: entry.subject,
          details: entry.details,
        })),
        nextBeforeSeq: page.nextBeforeSeq ?? null,
        actors: store.audit.actors(),
        actions: store.audit.actions(),
      };
    },
    'audit.verify': () => store.audit.verify(),
  };
}
