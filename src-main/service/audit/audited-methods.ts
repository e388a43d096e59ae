// Which API calls the audit log records, and how each is written. One line per method that changes
// data or lets data leave Fanout. Read-only views are not recorded.
//
// Never put a clear phone number or message text in a subject or details: an erasure must leave no
// trace of the person, and the log cannot be edited. Counts, ids, setting keys and states only.
// Campaign and list names are the office's own labels and are kept; contact names are not.
//
// Calls that record themselves (auth.* and operators.*, see ../auth/auth-audit.ts) are not listed.
import type { ApiMethodName, ApiParsedArgs, ApiResult } from '../../../src-shared/api';
import type { Store } from '../../store';

export interface AuditRule<M extends ApiMethodName> {
  readonly action: string;
  /** Leave a call out when it changed nothing (e.g. a campaign that was already paused). */
  readonly when?: (args: ApiParsedArgs<M>, result: ApiResult<M>) => boolean;
  readonly subject?: (args: ApiParsedArgs<M>, result: ApiResult<M>, store: Store) => string | null;
  readonly details?: (args: ApiParsedArgs<M>, result: ApiResult<M>, store: Store) => Record<string, unknown>;
}

export type AuditedMethods = { readonly [M in ApiMethodName]?: AuditRule<M> };

/** How many messages a campaign has in all, and in each state that has any: the counts its entries carry. */
export function campaignCounts(store: Store, campaignId: number): Record<string, number> {
  const counts = Object.entries(store.queue.countByState(campaignId));
  const recipients = counts.reduce((sum, [, count]) => sum + count, 0);
  return { recipients, ...Object.fromEntries(counts.filter(([, count]) => count > 0)) };
}

function campaignSubject(store: Store, campaignId: number): string {
  const name = store.campaigns.get(campaignId)?.name;
  return name === undefined ? `campaign ${campaignId}` : `campaign ${campaignId} "${name}"`;
}

const changedKeys = (args: object) => ({ keys: Object.keys(args).sort() });

export const auditedMethods: AuditedMethods = {
  'campaigns.create': {
    action: 'campaign.create',
    subject: (_args, result) => `campaign ${result.campaign.id} "${result.campaign.name}"`,
    details: (args, result) => ({
      purpose: args.purpose,
      recipients: result.enqueued,
      optedOut: result.estimate.optedOut,
      lists: args.listIds,
      startAt: args.startAt,
    }),
  },
  'campaigns.start': {
    action: 'campaign.start',
    subject: (args, _result, store) => campaignSubject(store, args.campaignId),
    details: (args, result, store) => ({ state: result.state, ...campaignCounts(store, args.campaignId) }),
  },
  'campaigns.pause': {
    action: 'campaign.pause',
    when: (_args, result) => result.paused,
    subject: (args, _result, store) => campaignSubject(store, args.campaignId),
    details: (args, _result, store) => campaignCounts(store, args.campaignId),
  },
  'campaigns.resume': {
    action: 'campaign.resume',
    subject: (args, _result, store) => campaignSubject(store, args.campaignId),
    details: (args, result, store) => ({ state: result.state, ...campaignCounts(store, args.campaignId) }),
  },
  'campaigns.cancel': {
    action: 'campaign.cancel',
    when: (_args, result) => result.cancelled,
    subject: (args, _result, store) => campaignSubject(store, args.campaignId),
    details: (args, _result, store) => campaignCounts(store, args.campaignId),
  },
  'campaigns.resendUnknown': {
    action: 'campaign.resend-unknown',
    subject: (args, _result, store) => campaignSubject(store, args.campaignId),
    details: (_args, result) => ({ requeued: result.requeued }),
  },
  'campaigns.export': {
    action: 'campaign.export',
    subject: (args, _result, store) => campaignSubject(store, args.campaignId),
    details: (_args, result) => ({ rows: result.rows }),
  },
  'compose.testSend': {
    action: 'compose.test-send',
    details: (args) => ({ characters: args.text.length }),
  },
  'contacts.create': {
    action: 'contact.create',
    subject: (_args, result) => `contact ${result.id}`,
  },
  'contacts.update': {
    action: 'contact.update',
    subject: (args) => `contact ${args.id}`,
    details: (args) => ({ fields: Object.keys(args.fields).length, name: args.name === null ? 'cleared' : 'set' }),
  },
  'contacts.delete': {
    action: 'contact.delete',
    details: (args, result) => ({ deleted: result.deleted, ids: args.ids.slice(0, 100), more: Math.max(0, args.ids.length - 100) }),
  },
  'contacts.restore': {
    action: 'contact.restore',
    details: (_args, result) => ({ restored: result.restored }),
  },
  'privacy.exportPerson': {
    action: 'person.export',
    details: (args, result) => ({ phoneHash: result.phoneHash, format: args.format, items: result.items }),
  },
  'privacy.erasePerson': {
    action: 'person.erase',
    details: (args, result) => ({ ...result, reason: args.reason }),
  },
  'contacts.optOut': {
    action: 'suppression.add',
    when: (_args, result) => result.added,
    details: (_args, result) => ({ skippedMessages: result.skippedMessages }),
  },
  'contacts.optIn': {
    action: 'suppression.remove',
    when: (_args, result) => result.removed,
  },
  'contacts.createList': {
    action: 'list.create',
    subject: (_args, result) => `list ${result.id} "${result.name}"`,
  },
  'contacts.renameList': {
    action: 'list.rename',
    subject: (_args, result) => `list ${result.id} "${result.name}"`,
  },
  'contacts.deleteList': {
    action: 'list.delete',
    when: (_args, result) => result.deleted,
    subject: (args) => `list ${args.id}`,
  },
  'contacts.cancelImport': {
    action: 'contacts.import-cancel',
    when: (_args, result) => result.cancelled,
  },
  'settings.update': {
    action: 'settings.update',
    details: (args) => changedKeys(args),
  },
  // Where the data goes is a settings change; the folder path is the office's own, no personal data.
  'dataLocation.change': {
    action: 'settings.data-location',
    details: (args) => ({ mode: args.mode, target: args.target }),
  },
  'dataLocation.cancel': {
    action: 'settings.data-location-cancel',
    when: (_args, result) => result.cancelled,
  },
  'keywords.update': {
    action: 'keywords.update',
    details: (args) => changedKeys(args),
  },
  // Key changes and backups of the encrypted database; never the passphrase itself.
  'encryption.protectWithPassphrase': {
    action: 'db.passphrase',
    details: (args) => ({ keyStorage: 'passphrase', changed: args.currentPassphrase !== undefined }),
  },
  'encryption.backup': {
    action: 'db.backup',
    details: (_args, result) => ({ file: result.name, bytes: result.bytes }),
  },
  // A near miss ("stop please") decided by an operator; the number only as its keyed hash.
  'inbox.review': {
    action: 'suppression.near-miss-review',
    subject: (args) => `reply ${args.inboundId}`,
    details: (args, result, store) => {
      const sender = store.inbound.get(args.inboundId)?.senderE164 ?? null;
      return { decision: args.decision, optedOut: result.optedOut, phoneHash: sender === null ? null : store.suppressions.phoneHashOf(sender) };
    },
  },
  'modems.enterPin': {
    action: 'sim.pin-entered',
    subject: (args) => `SIM ${args.simId}`,
    // The PIN itself never: only what the modem made of it.
    details: (_args, result) => ({ state: result.state }),
  },
  'modems.updateLimits': {
    action: 'sim.limits',
    subject: (args) => `SIM ${args.simId}`,
    details: (_args, result) => ({ ...result.limits }),
  },
  'modems.startDemo': {
    action: 'modems.demo-start',
    details: (args) => ({ count: args.count }),
  },
  'modems.trafficLog': {
    action: 'sim.traffic-log-read',
    subject: (args) => `SIM ${args.simId}`,
  },
};
