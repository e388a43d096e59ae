import type { FanoutDatabase } from '../open-database';
import type { PhoneHasher } from '../phone-hash';
import type { SuppressionsRepository } from './suppressions';

export interface NewInboundMessage {
  simId: number | null;
  /** Null when the sender is not a phone number (then senderRaw holds what was received). */
  senderE164: string | null;
  senderRaw: string | null;
  body: string;
  sentAt: number | null;
  receivedAt: number;
  keyword: 'stop' | 'start' | 'help' | 'near-miss' | null;
}

export interface InboundMessage extends NewInboundMessage {
  id: number;
  contactId: number | null;
  /** When an operator dealt with a near miss, and who (as the audit log names them). */
  reviewedAt: number | null;
  reviewedBy: string | null;
}

export interface InboundRepository {
  /**
   * Stores a reply; with `optOut`, puts the sender on the suppression list in the same
   * transaction, so no message is claimed for them once the reply is recorded.
   */
  record(message: NewInboundMessage, options?: { optOut?: { reason: string; source: string } }): { id: number; contactId: number | null };
  listForContact(contactId: number, page: { limit: number; offset?: number }): InboundMessage[];
  listRecent(page: { limit: number; offset?: number }): InboundMessage[];
  get(id: number): InboundMessage | undefined;
  /** Records that an operator dealt with a near miss; false when it is not one or was dealt with already. */
  markReviewed(id: number, reviewedBy: string, at: number): boolean;
  /** Near misses no operator has looked at yet. */
  countAwaitingReview(): number;
}

const COLUMNS = `id, sim_id AS simId, sender_e164 AS senderE164, sender_raw AS senderRaw, contact_id AS contactId, body,
  sent_at AS sentAt, received_at AS receivedAt, keyword, reviewed_at AS reviewedAt, reviewed_by AS reviewedBy`;

export function createInboundRepository(db: FanoutDatabase, hasher: PhoneHasher, suppressions: SuppressionsRepository): InboundRepository {
  const { sqlite } = db;
  const contactByPhone = sqlite.prepare<[string], { id: number }>('SELECT id FROM contacts WHERE phone_e164 = ?');
  const insert = sqlite.prepare(
    `INSERT INTO inbound_messages (sim_id, sender_e164, sender_hash, sender_raw, contact_id, body, sent_at, received_at, keyword)
     VALUES (@simId, @senderE164, @senderHash, @senderRaw, @contactId, @body, @sentAt, @receivedAt, @keyword)`,
  );
  const forContact = sqlite.prepare<[number, number, number], InboundMessage>(
    `SELECT ${COLUMNS} FROM inbound_messages WHERE contact_id = ? ORDER BY received_at DESC, id DESC LIMIT ? OFFSET ?`,
  );
  const recent = sqlite.prepare<[number, number], InboundMessage>(`SELECT ${COLUMNS} FROM inbound_messages ORDER BY received_at DESC, id DESC LIMIT ? OFFSET ?`);
  const one = sqlite.prepare<[number], InboundMessage>(`SELECT ${COLUMNS} FROM inbound_messages WHERE id = ?`);
  const review = sqlite.prepare(
    `UPDATE inbound_messages SET reviewed_at = ?, reviewed_by = ? WHERE id = ? AND keyword = 'near-miss' AND reviewed_at IS NULL`,
  );
  const awaiting = sqlite.prepare<[], { n: number }>(`SELECT count(*) AS n FROM inbound_messages WHERE keyword = 'near-miss' AND reviewed_at IS NULL`);

  const record = sqlite.transaction((message: NewInboundMessage, optOut: { reason: string; source: string } | undefined) => {
    const contactId = message.senderE164 === null ? null : (contactByPhone.get(message.senderE164)?.id ?? null);
    const senderHash = message.senderE164 === null ? null : hasher.hash(message.senderE164);
    const id = Number(insert.run({ ...message, senderHash, contactId }).lastInsertRowid);
    // better-sqlite3 nests this as a savepoint inside the surrounding transaction.
    if (optOut && message.senderE164 !== null) suppressions.add({ phoneE164: message.senderE164, ...optOut }, message.receivedAt);
    return { id, contactId };
  });

  return {
    record: (message, options) => record.immediate(message, options?.optOut),
    listForContact: (contactId, { limit, offset }) => forContact.all(contactId, limit, offset ?? 0),
    listRecent: ({ limit, offset }) => recent.all(limit, offset ?? 0),
    get: (id) => one.get(id),
    markReviewed: (id, reviewedBy, at) => review.run(at, reviewedBy, id).changes > 0,
    countAwaitingReview: () => awaiting.get()?.n ?? 0,
  };
}
