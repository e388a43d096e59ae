// Consent records: why a contact may be sent a marketing message (GDPR Art. 7: the sender must be
// able to prove consent; UWG §7(3): an existing customer may be messaged about similar products
// when told how to object). Records are never deleted by Fanout: a withdrawal sets withdrawn_at,
// so the history stays provable. Only an erasure (the contact's cascade) removes them.
import type { FanoutDatabase } from '../open-database';
import type { CampaignPurpose, ConsentBasis } from '../schema';
import { visibleContactSql } from './contact-import-visibility';

export interface ConsentRecord {
  id: number;
  contactId: number;
  purpose: CampaignPurpose;
  basis: ConsentBasis;
  /** UTC ms. */
  grantedAt: number;
  /** "web form", "paper", "import kunden.csv row 12", … */
  source: string;
  /** The wording the person was shown, or its version. */
  wording: string | null;
  recordedBy: string;
  withdrawnAt: number | null;
  withdrawnSource: string | null;
  createdAt: number;
}

export interface NewConsent {
  contactId: number;
  purpose: CampaignPurpose;
  basis: ConsentBasis;
  grantedAt: number;
  source: string;
  wording?: string | null;
  recordedBy: string;
}

export interface ConsentWithdrawal {
  contactId: number;
  purpose: CampaignPurpose;
  /** Where the objection came from: "STOP reply", "phone call", … */
  source: string;
}

export interface ConsentsRepository {
  /** Undefined when the contact does not exist (any more). */
  record(consent: NewConsent, now: number): ConsentRecord | undefined;
  /** Withdraws every standing record of the contact for the purpose; returns how many. */
  withdraw(withdrawal: ConsentWithdrawal, now: number): number;
  /** Every record of the contact, newest first, withdrawn ones included. */
  history(contactId: number): ConsentRecord[];
  /**
   * The standing basis for the purpose, or undefined. Consent wins over an existing-customer
   * basis (it needs no opt-out hint). One probe of consents_contact_purpose_idx: cheap enough
   * to ask for every message just before it is handed to a modem.
   */
  basisFor(contactId: number, purpose: CampaignPurpose): ConsentBasis | undefined;
  /** Of these contacts' list memberships: how many have a standing basis for the purpose, per basis. */
  countInLists(listIds: readonly number[], purpose: CampaignPurpose): { consent: number; existingCustomer: number; none: number };
}

const COLUMNS = `id, contact_id AS contactId, purpose, basis, granted_at AS grantedAt, source, wording, recorded_by AS recordedBy,
  withdrawn_at AS withdrawnAt, withdrawn_source AS withdrawnSource, created_at AS createdAt`;

export function createConsentsRepository(db: FanoutDatabase): ConsentsRepository {
  const { sqlite } = db;
  const contactExists = sqlite.prepare<[number], { one: number }>('SELECT 1 AS one FROM contacts WHERE id = ?');
  const insert = sqlite.prepare<[number, string, string, number, string, string | null, string, number], ConsentRecord>(
    `INSERT INTO consents (contact_id, purpose, basis, granted_at, source, wording, recorded_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${COLUMNS}`,
  );
  const withdraw = sqlite.prepare<[number, string, number, string]>(
    'UPDATE consents SET withdrawn_at = ?, withdrawn_source = ? WHERE contact_id = ? AND purpose = ? AND withdrawn_at IS NULL',
  );
  const history = sqlite.prepare<[number], ConsentRecord>(`SELECT ${COLUMNS} FROM consents WHERE contact_id = ? ORDER BY granted_at DESC, id DESC`);
  // "basis = 'consent' DESC" puts a consent first when both kinds stand.
  const standing = sqlite.prepare<[number, string], { basis: ConsentBasis }>(
    `SELECT basis FROM consents WHERE contact_id = ? AND purpose = ? AND withdrawn_at IS NULL
      ORDER BY basis = 'consent' DESC LIMIT 1`,
  );

  const record = sqlite.transaction((consent: NewConsent, now: number): ConsentRecord | undefined => {
    if (!contactExists.get(consent.contactId)) return undefined;
    return insert.get(consent.contactId, consent.purpose, consent.basis, consent.grantedAt, consent.source, consent.wording ?? null, consent.recordedBy, now);
  });

  return {
    record: (consent, now) => record.immediate(consent, now),
    withdraw: ({ contactId, purpose, source }, now) => withdraw.run(now, source, contactId, purpose).changes,
    history: (contactId) => history.all(contactId),
    basisFor: (contactId, purpose) => standing.get(contactId, purpose)?.basis,
    countInLists(listIds, purpose) {
      if (listIds.length === 0) return { consent: 0, existingCustomer: 0, none: 0 };
      const placeholders = listIds.map(() => '?').join(', ');
      const row = sqlite
        .prepare<unknown[], { consent: number | null; existingCustomer: number | null; total: number }>(
          `SELECT sum(b = 'consent') AS consent, sum(b = 'existing-customer') AS existingCustomer, count(*) AS total
             FROM (SELECT (SELECT basis FROM consents s WHERE s.contact_id = c.contact_id AND s.purpose = ? AND s.withdrawn_at IS NULL
                            ORDER BY basis = 'consent' DESC LIMIT 1) AS b
                     FROM (SELECT DISTINCT m.contact_id FROM list_members m JOIN contacts v ON v.id = m.contact_id
                            WHERE m.list_id IN (${placeholders}) AND ${visibleContactSql('v')}) c)`,
        )
        .get(purpose, ...listIds);
      const consent = row?.consent ?? 0;
      const existingCustomer = row?.existingCustomer ?? 0;
      return { consent, existingCustomer, none: (row?.total ?? 0) - consent - existingCustomer };
    },
  };
}
