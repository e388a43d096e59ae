// What CLI commands that change data without going through the service write to the audit log,
// always as the local administrator (CLI_ACTOR): whoever holds the file and its key has the data.
import path from 'node:path';
import type { ImportContactsResult } from '../../contacts';
import { campaignCounts } from '../../service/audit/audited-methods';
import { CLI_ACTOR, type Store } from '../../store';

export function auditCliImport(store: Store, file: string, listName: string, result: ImportContactsResult): void {
  store.audit.append({
    actor: CLI_ACTOR,
    action: 'contacts.import',
    subject: `list ${result.listId} "${listName}"`,
    details: { file: path.basename(file), added: result.imported, newContacts: result.newContacts, rows: result.rows, duplicates: result.duplicates, invalid: result.invalid, optedOut: result.optedOut },
  });
}

export function auditCliCampaign(store: Store, action: 'campaign.create' | 'campaign.start' | 'campaign.resume', campaignId: number, extra: Record<string, unknown> = {}): void {
  const name = store.campaigns.get(campaignId)?.name;
  store.audit.append({
    actor: CLI_ACTOR,
    action,
    subject: name === undefined ? `campaign ${campaignId}` : `campaign ${campaignId} "${name}"`,
    details: { ...extra, ...campaignCounts(store, campaignId) },
  });
}
