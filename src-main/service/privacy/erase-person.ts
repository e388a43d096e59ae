// The right to erasure (GDPR Art. 17) as the service carries it out: the store forgets the person
// (see store/repositories/erasure.ts), exports still waiting for download go too (they may list
// the person), and the audit log records it by the number's keyed hash only.
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { ErasureResult, Store } from '../../store';
import type { AuditActor } from '../../store/repositories/audit';

export interface PersonErasure extends ErasureResult {
  /** Exported files (campaign results, person exports) deleted from the data folder. */
  exportFilesDeleted: number;
}

export interface ErasureOptions {
  reason: string;
  actor: AuditActor;
  now: number;
  /** The data folder's exports/; every file in it may hold the person. */
  exportsDir?: string;
  /** Append the audit entry here (CLI and system); API calls are audited by the dispatcher. */
  audit: boolean;
}

/** Deletes every export waiting for download: they are copies of personal data and can be made again. */
export function deleteExportFiles(dir: string): number {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) rmSync(path.join(dir, name), { force: true, recursive: true });
  return names.length;
}

export function erasePerson(store: Store, phoneE164: string, options: ErasureOptions): PersonErasure {
  const result = store.erasure.erasePerson(phoneE164, { reason: options.reason, now: options.now, actor: options.actor.name });
  const exportFilesDeleted = options.exportsDir ? deleteExportFiles(options.exportsDir) : 0;
  if (options.audit) {
    store.audit.append({ actor: options.actor, action: 'person.erase', details: erasureAuditDetails(result, options.reason) }, options.now);
  }
  return { ...result, exportFilesDeleted };
}

/** What an erasure is reported as, to the page and by `fanout person erase --json`: counts and the hash, never the number. */
export function erasureCounts(result: PersonErasure) {
  return {
    phoneHash: result.phoneHash,
    contactsDeleted: result.contactsDeleted,
    consentsDeleted: result.consentsDeleted,
    listMemberships: result.listMemberships,
    messagesScrubbed: result.messagesScrubbed,
    repliesScrubbed: result.inboundScrubbed,
    autoRepliesDeleted: result.autoRepliesDeleted,
    exportFilesDeleted: result.exportFilesDeleted,
  };
}

/** What the audit log keeps of an erasure: the hash, the reason and counts, never the number. */
export function erasureAuditDetails(result: ErasureResult, reason: string): Record<string, unknown> {
  return {
    phoneHash: result.phoneHash,
    reason,
    contactsDeleted: result.contactsDeleted,
    consentsDeleted: result.consentsDeleted,
    messagesScrubbed: result.messagesScrubbed,
    repliesScrubbed: result.inboundScrubbed,
    autoRepliesDeleted: result.autoRepliesDeleted,
  };
}
