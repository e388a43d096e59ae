// Everything Fanout holds about one phone number, for the right of access (GDPR Art. 15): the
// contact, its lists and consents, the opt-out list and its history, every message sent to the
// number with its parts, every reply and every automatic answer. Found by the number's keyed hash,
// so messages whose contact was deleted are included too.
import type { FanoutDatabase } from '../open-database';
import type { PhoneHasher } from '../phone-hash';
import { CONTACT_COLUMNS, toContact, type Contact, type ContactRow } from './contacts';

function withoutNumber({ phoneE164: _number, ...contact }: Contact): PersonContact {
  return contact;
}

/** The contact as stored, less the number the whole export is about. */
export type PersonContact = Omit<Contact, 'phoneE164'>;

export interface PersonListMembership {
  listId: number;
  listName: string;
  addedAt: number;
}

export interface PersonConsent {
  id: number;
  purpose: string;
  basis: string;
  grantedAt: number;
  source: string;
  wording: string | null;
  recordedBy: string;
  withdrawnAt: number | null;
  withdrawnSource: string | null;
}

export interface PersonSuppression {
  reason: string;
  source: string;
  createdAt: number;
}

export interface PersonSuppressionEvent {
  event: string;
  source: string;
  reason: string | null;
  at: number;
  actor: string;
}

export interface PersonMessagePart {
  partNumber: number;
  state: string;
  sentAt: number;
  reportStatus: number | null;
  reportAt: number | null;
  sim: string | null;
}

export interface PersonMessage {
  id: number;
  campaignId: number;
  campaignName: string;
  purpose: string;
  state: string;
  reason: string | null;
  /** Null once purged by retention. */
  body: string | null;
  partCount: number;
  attempts: number;
  sim: string | null;
  createdAt: number;
  sentAt: number | null;
  finishedAt: number | null;
  parts: PersonMessagePart[];
}

export interface PersonReply {
  id: number;
  body: string | null;
  keyword: string | null;
  sentAt: number | null;
  receivedAt: number;
  reviewedAt: number | null;
  reviewedBy: string | null;
  sim: string | null;
}

export interface PersonAutoReply {
  id: number;
  kind: string;
  body: string | null;
  state: string;
  reason: string | null;
  createdAt: number;
  sentAt: number | null;
}

export interface PersonData {
  phoneE164: string;
  phoneHash: string;
  contact: PersonContact | null;
  lists: PersonListMembership[];
  consents: PersonConsent[];
  suppression: PersonSuppression | null;
  suppressionEvents: PersonSuppressionEvent[];
  messages: PersonMessage[];
  replies: PersonReply[];
  autoReplies: PersonAutoReply[];
}

/** How much there is, for the privacy panel. */
export interface PersonCounts {
  messages: number;
  replies: number;
  autoReplies: number;
  suppressionEvents: number;
  onOptOutList: boolean;
}

export interface PersonDataRepository {
  collect(phoneE164: string): PersonData;
  counts(phoneE164: string): PersonCounts;
}

type PartRow = PersonMessagePart & { messageId: number };

export function createPersonDataRepository(db: FanoutDatabase, hasher: PhoneHasher): PersonDataRepository {
  const { sqlite } = db;
  const contact = sqlite.prepare<[string], ContactRow>(
    `SELECT ${CONTACT_COLUMNS} FROM contacts c WHERE c.phone_e164 = ?`,
  );
  const lists = sqlite.prepare<[number], PersonListMembership>(
    `SELECT l.id AS listId, l.name AS listName, m.added_at AS addedAt
       FROM list_members m JOIN contact_lists l ON l.id = m.list_id WHERE m.contact_id = ? ORDER BY m.added_at, l.id`,
  );
  const consents = sqlite.prepare<[number], PersonConsent>(
    `SELECT id, purpose, basis, granted_at AS grantedAt, source, wording, recorded_by AS recordedBy,
            withdrawn_at AS withdrawnAt, withdrawn_source AS withdrawnSource
       FROM consents WHERE contact_id = ? ORDER BY granted_at, id`,
  );
  const suppression = sqlite.prepare<[string], PersonSuppression>(
    'SELECT reason, source, created_at AS createdAt FROM suppressions WHERE phone_hash = ?',
  );
  const suppressionEvents = sqlite.prepare<[string], PersonSuppressionEvent>(
    'SELECT event, source, reason, at, actor FROM suppression_events WHERE phone_hash = ? ORDER BY at, id',
  );
  const messages = sqlite.prepare<[string], Omit<PersonMessage, 'parts'>>(
    `SELECT m.id, m.campaign_id AS campaignId, c.name AS campaignName, c.purpose, m.state, m.reason, m.body,
            m.part_count AS partCount, m.attempts, s.label AS sim, m.created_at AS createdAt, m.sent_at AS sentAt,
            m.finished_at AS finishedAt
       FROM messages m JOIN campaigns c ON c.id = m.campaign_id LEFT JOIN sims s ON s.id = m.sim_id
      WHERE m.recipient_hash = ? ORDER BY m.created_at, m.id`,
  );
  const parts = sqlite.prepare<[string], PartRow>(
    `SELECT p.message_id AS messageId, p.part_number AS partNumber, p.state, p.sent_at AS sentAt,
            p.report_status AS reportStatus, p.report_at AS reportAt, s.label AS sim
       FROM message_parts p JOIN messages m ON m.id = p.message_id LEFT JOIN sims s ON s.id = p.sim_id
      WHERE m.recipient_hash = ? ORDER BY p.message_id, p.part_number`,
  );
  const replies = sqlite.prepare<[string], PersonReply>(
    `SELECT i.id, i.body, i.keyword, i.sent_at AS sentAt, i.received_at AS receivedAt, i.reviewed_at AS reviewedAt,
            i.reviewed_by AS reviewedBy, s.label AS sim
       FROM inbound_messages i LEFT JOIN sims s ON s.id = i.sim_id WHERE i.sender_hash = ? ORDER BY i.received_at, i.id`,
  );
  const autoReplies = sqlite.prepare<[string], PersonAutoReply>(
    `SELECT id, kind, body, state, reason, created_at AS createdAt, sent_at AS sentAt
       FROM auto_replies WHERE recipient_hash = ? ORDER BY created_at, id`,
  );
  const counts = sqlite.prepare<{ hash: string }, Omit<PersonCounts, 'onOptOutList'> & { onOptOutList: number }>(
    `SELECT (SELECT count(*) FROM messages WHERE recipient_hash = @hash) AS messages,
            (SELECT count(*) FROM inbound_messages WHERE sender_hash = @hash) AS replies,
            (SELECT count(*) FROM auto_replies WHERE recipient_hash = @hash) AS autoReplies,
            (SELECT count(*) FROM suppression_events WHERE phone_hash = @hash) AS suppressionEvents,
            EXISTS (SELECT 1 FROM suppressions WHERE phone_hash = @hash) AS onOptOutList`,
  );

  // One read transaction: the parts belong to exactly the messages listed.
  const collect = sqlite.transaction((phoneE164: string): PersonData => {
    const hash = hasher.hash(phoneE164);
    const row = contact.get(phoneE164);
    const partsByMessage = new Map<number, PersonMessagePart[]>();
    for (const { messageId, ...part } of parts.all(hash)) partsByMessage.set(messageId, [...(partsByMessage.get(messageId) ?? []), part]);
    return {
      phoneE164,
      phoneHash: hash,
      contact: row ? withoutNumber(toContact(row)) : null,
      lists: row ? lists.all(row.id) : [],
      consents: row ? consents.all(row.id) : [],
      suppression: suppression.get(hash) ?? null,
      suppressionEvents: suppressionEvents.all(hash),
      messages: messages.all(hash).map((message) => ({ ...message, parts: partsByMessage.get(message.id) ?? [] })),
      replies: replies.all(hash),
      autoReplies: autoReplies.all(hash),
    };
  });

  return {
    collect: (phoneE164) => collect.deferred(phoneE164),
    counts(phoneE164) {
      const row = counts.get({ hash: hasher.hash(phoneE164) });
      return {
        messages: row?.messages ?? 0,
        replies: row?.replies ?? 0,
        autoReplies: row?.autoReplies ?? 0,
        suppressionEvents: row?.suppressionEvents ?? 0,
        onOptOutList: row?.onOptOutList === 1,
      };
    },
  };
}
