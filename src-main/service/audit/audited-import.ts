// A contacts import commits in the background, after startImport has answered: its entry is
// written when the commit succeeds, named after whoever started it (audit-scope.ts).
import type { ImportCommitResult, Store } from '../../store';
import { currentActor } from './audit-scope';

/** The details of a committed import: counts only, never rows. */
export function importAuditDetails(result: ImportCommitResult, summary: Record<string, unknown>): Record<string, unknown> {
  const counts: Record<string, unknown> = { list: result.listId, added: result.addedToList, newContacts: result.newContacts };
  for (const [key, value] of Object.entries(summary)) {
    if (typeof value === 'number') counts[key] = value;
  }
  return counts;
}

/**
 * The store as the import sees it: the same, except that a committed import appends
 * 'contacts.import' with its counts right after the commit.
 */
export function withImportAudit(store: Store): Store {
  const contactImport: Store['contactImport'] = {
    ...store.contactImport,
    // The file's name here is the upload's storage name, not the user's: it is left out.
    begin(request) {
      const session = store.contactImport.begin(request);
      if (!session) return session;
      return {
        importId: session.importId,
        stageBatch: (rows) => session.stageBatch(rows),
        discard: () => session.discard(),
        checkpointed: () => session.checkpointed(),
        commit(summary, now) {
          const result = session.commit(summary, now);
          try {
            store.audit.append({ actor: currentActor(), action: 'contacts.import', subject: `list ${result.listId}`, details: importAuditDetails(result, summary) }, now);
          } catch (error) {
            console.error('Fanout: the audit entry for an import could not be written:', error);
          }
          return result;
        },
      };
    },
  };
  return { ...store, contactImport };
}
