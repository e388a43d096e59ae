// Consent records by hand (a paper form, a call): recorded and withdrawn with who did it, and
// each change written to the audit log with ids only (GDPR Art. 7(1): the controller must be able
// to show that the person consented, and to whom and when they objected).
import type { ConsentRecordRow } from '../../src-shared/api/methods/contacts';
import type { ConsentRecord, Store } from '../store';
import { actorOf } from './call-context';
import type { DomainHandlers } from './handlers';
import { ServiceError } from './service-error';

type ConsentMethod = 'contacts.consents' | 'contacts.recordConsent' | 'contacts.withdrawConsent';

const iso = (epochMs: number | null) => (epochMs === null ? null : new Date(epochMs).toISOString());

export function toConsentRow(record: ConsentRecord): ConsentRecordRow {
  return {
    id: record.id,
    purpose: record.purpose,
    basis: record.basis,
    grantedAt: new Date(record.grantedAt).toISOString(),
    source: record.source,
    wording: record.wording,
    recordedBy: record.recordedBy,
    withdrawnAt: iso(record.withdrawnAt),
    withdrawnSource: record.withdrawnSource,
  };
}

export function createConsentHandlers(store: Store): DomainHandlers<ConsentMethod> {
  const requireContact = (contactId: number) => {
    if (!store.contacts.get(contactId)) throw new ServiceError('not-found', 'This contact no longer exists. It may have been deleted in another window.');
  };
  return {
    'contacts.consents': ({ contactId }) => {
      requireContact(contactId);
      return { records: store.consents.history(contactId).map(toConsentRow) };
    },
    'contacts.recordConsent': ({ contactId, purpose, basis, grantedAt, source, wording }, context) => {
      const now = Date.now();
      const granted = grantedAt === undefined ? now : Date.parse(grantedAt);
      if (granted > now + 60_000) throw new ServiceError('bad-request', 'Consent cannot be given in the future. Enter the date it was given.');
      const actor = actorOf(context);
      const record = store.inTransaction(() => {
        const recorded = store.consents.record({ contactId, purpose, basis, grantedAt: granted, source, wording, recordedBy: actor.name }, now);
        if (recorded) store.audit.append({ actor, action: 'consent.record', subject: `contact ${contactId}`, details: { consentId: recorded.id, purpose, basis, source } }, now);
        return recorded;
      });
      if (!record) throw new ServiceError('not-found', 'This contact no longer exists. It may have been deleted in another window.');
      return toConsentRow(record);
    },
    'contacts.withdrawConsent': ({ contactId, purpose, source }, context) => {
      requireContact(contactId);
      const now = Date.now();
      const actor = actorOf(context);
      const withdrawn = store.inTransaction(() => {
        const count = store.consents.withdraw({ contactId, purpose, source }, now);
        if (count > 0) store.audit.append({ actor, action: 'consent.withdraw', subject: `contact ${contactId}`, details: { purpose, records: count, source } }, now);
        return count;
      });
      return { withdrawn };
    },
  };
}
