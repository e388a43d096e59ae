// The privacy panel's methods: what Fanout holds about a person, the export (right of access)
// and the erasure (right to erasure). Audited by the dispatcher (see audit/audited-methods.ts).
import path from 'node:path';
import type { Store } from '../../store';
import { actorOf } from '../call-context';
import type { DownloadRegistry } from '../files/download-registry';
import type { DomainHandlers } from '../handlers';
import { EXPORT_MAX_AGE_MS, spreadsheetTime, sweepOldExports } from '../sending/campaign-export';
import { erasePerson, erasureCounts } from './erase-person';
import { personCsv, personCsvRows, personExportDocument, writePrivateFile } from './person-export';
import { personNumberOf } from './person-number';
import { readLastRetentionRun } from './retention-run';

export type PrivacyMethod = 'privacy.person' | 'privacy.exportPerson' | 'privacy.erasePerson' | 'privacy.retentionStatus';

export interface PrivacyFiles {
  downloads: DownloadRegistry;
  /** The data folder's exports/: files waiting for download, deleted after a day and on every erasure. */
  exportsDir: string;
}

const WAL_RETRY_MS = 30_000;
const WAL_RETRIES = 20;

/**
 * A reader in another connection (a CLI command, a second window's long query) can keep the WAL,
 * and with it old copies of the erased pages, from being emptied; try again until it is.
 */
function retryWalTruncation(store: Store, attemptsLeft: number): void {
  if (attemptsLeft <= 0) return;
  setTimeout(() => {
    try {
      if (!store.erasure.truncateWal()) retryWalTruncation(store, attemptsLeft - 1);
    } catch {
      // The database was closed (the service stopped): the next open checkpoints it.
    }
  }, WAL_RETRY_MS).unref();
}
const iso = (epochMs: number | null) => (epochMs === null ? null : new Date(epochMs).toISOString());

export function createPrivacyHandlers(store: Store, files: PrivacyFiles, options: { now?: () => number } = {}): DomainHandlers<PrivacyMethod> {
  const now = options.now ?? Date.now;
  return {
    'privacy.person': (who) => {
      const phoneE164 = personNumberOf(store, who);
      const contact = store.contacts.getByPhone(phoneE164);
      const counts = store.personData.counts(phoneE164);
      const consents = contact ? store.personData.collect(phoneE164).consents : [];
      return {
        phoneE164,
        consents: consents.map((consent) => ({ ...consent, grantedAt: new Date(consent.grantedAt).toISOString(), withdrawnAt: iso(consent.withdrawnAt) })),
        messages: counts.messages,
        replies: counts.replies,
        autoReplies: counts.autoReplies,
        optOutEvents: counts.suppressionEvents,
        onOptOutList: counts.onOptOutList,
      };
    },
    'privacy.exportPerson': async ({ format, delimiter, ...who }) => {
      const phoneE164 = personNumberOf(store, who);
      const at = now();
      sweepOldExports(files.exportsDir, EXPORT_MAX_AGE_MS, at);
      const data = store.personData.collect(phoneE164);
      const file = path.join(files.exportsDir, `person-${at}.${format}`);
      const content = format === 'json' ? `${JSON.stringify(personExportDocument(data, at), null, 2)}\n` : personCsv(data, delimiter ?? ',');
      await writePrivateFile(file, content);
      const name = `Fanout data ${phoneE164} ${spreadsheetTime(at).slice(0, 10)}.${format}`;
      const contentType = format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8';
      return { downloadId: files.downloads.register(file, name, contentType), name, phoneHash: data.phoneHash, items: personCsvRows(data).length };
    },
    'privacy.erasePerson': ({ reason, ...who }, context) => {
      const phoneE164 = personNumberOf(store, who);
      const result = erasePerson(store, phoneE164, { reason, actor: actorOf(context), now: now(), exportsDir: files.exportsDir, audit: false });
      if (!result.walTruncated) retryWalTruncation(store, WAL_RETRIES);
      return erasureCounts(result);
    },
    'privacy.retentionStatus': () => {
      const last = readLastRetentionRun(store);
      return { lastRun: last ? { ranAt: new Date(last.ranAt).toISOString(), days: last.days, ...last.purged } : null };
    },
  };
}
