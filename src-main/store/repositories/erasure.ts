// Right to erasure (GDPR Art. 17): everything about a number goes, except a keyed hash on the
// suppression list, so a later import or campaign still cannot reach the person.
import type { FanoutDatabase } from '../open-database';
import type { PhoneHasher } from '../phone-hash';

export interface ErasureResult {
  /** The keyed hash that stays on the opt-out list (for the audit log: it names no one). */
  phoneHash: string;
  contactsDeleted: number;
  /** Consent records and list memberships go with the contact. */
  consentsDeleted: number;
  listMemberships: number;
  messagesScrubbed: number;
  inboundScrubbed: number;
  autoRepliesDeleted: number;
  /** False if another connection kept the write-ahead log from being emptied (old pages may linger there until its next checkpoint). */
  walTruncated: boolean;
}

export interface ErasureRepository {
  erasePerson(phoneE164: string, request: ErasureRequest): ErasureResult;
  /** Empties the write-ahead log (old pages may still hold the erased data); false when a reader kept it busy. */
  truncateWal(): boolean;
}

export interface ErasureRequest {
  reason: string;
  now: number;
  /** Who erased, as the audit log names them; kept in the opt-out history. */
  actor?: string;
}

export function createErasureRepository(db: FanoutDatabase, hasher: PhoneHasher): ErasureRepository {
  const { sqlite } = db;
  const contactOf = sqlite.prepare<[string], { id: number }>('SELECT id FROM contacts WHERE phone_e164 = ?');
  const countConsents = sqlite.prepare<[number], { n: number }>('SELECT count(*) AS n FROM consents WHERE contact_id = ?');
  const countMemberships = sqlite.prepare<[number], { n: number }>('SELECT count(*) AS n FROM list_members WHERE contact_id = ?');
  // Memberships and consents go with it (ON DELETE CASCADE).
  const deleteContact = sqlite.prepare('DELETE FROM contacts WHERE phone_e164 = ?');
  // A staged import holding the number loses that batch; its commit notices and fails (see contact-import.ts).
  const deleteStaged = sqlite.prepare(`DELETE FROM import_staging_batches WHERE instr(rows_json, '"' || ? || '"') > 0`);
  const scrubMessages = sqlite.prepare(
    `UPDATE messages SET recipient_e164 = NULL, body = NULL, contact_id = NULL, updated_at = @now,
            state = CASE WHEN state = 'queued' THEN 'skipped' ELSE state END,
            reason = CASE WHEN state = 'queued' THEN 'erased' ELSE reason END,
            finished_at = CASE WHEN state = 'queued' THEN @now ELSE finished_at END
      WHERE recipient_hash = @hash`,
  );
  const scrubInbound = sqlite.prepare('UPDATE inbound_messages SET sender_e164 = NULL, sender_raw = NULL, body = NULL, contact_id = NULL WHERE sender_hash = ?');
  // Automatic answers (STOP confirmations, HELP texts) exist only for the person: they go entirely.
  const deleteAutoReplies = sqlite.prepare('DELETE FROM auto_replies WHERE recipient_hash = ?');
  // The list keeps the hash with the erasure's date and reason; an earlier entry's number goes.
  const keepHash = sqlite.prepare(
    `INSERT INTO suppressions (phone_hash, phone_e164, reason, source, created_at) VALUES (@hash, NULL, @reason, 'erasure', @now)
     ON CONFLICT (phone_hash) DO UPDATE SET phone_e164 = NULL, reason = excluded.reason, source = 'erasure', created_at = excluded.created_at`,
  );
  // The opt-out history is kept by hash (it names no one and shows objections were honoured); the erasure joins it.
  const recordEvent = sqlite.prepare(
    `INSERT INTO suppression_events (phone_hash, event, source, reason, at, actor) VALUES (@hash, 'opt-out', 'erasure', @reason, @now, @actor)`,
  );

  const erase = sqlite.transaction((phoneE164: string, request: ErasureRequest) => {
    const { reason, now } = request;
    const hash = hasher.hash(phoneE164);
    const contact = contactOf.get(phoneE164);
    const consentsDeleted = contact ? (countConsents.get(contact.id)?.n ?? 0) : 0;
    const listMemberships = contact ? (countMemberships.get(contact.id)?.n ?? 0) : 0;
    const contactsDeleted = deleteContact.run(phoneE164).changes;
    deleteStaged.run(phoneE164);
    const messagesScrubbed = scrubMessages.run({ hash, now }).changes;
    const inboundScrubbed = scrubInbound.run(hash).changes;
    const autoRepliesDeleted = deleteAutoReplies.run(hash).changes;
    keepHash.run({ hash, reason, now });
    recordEvent.run({ hash, reason, now, actor: request.actor ?? 'Fanout' });
    return { phoneHash: hash, contactsDeleted, consentsDeleted, listMemberships, messagesScrubbed, inboundScrubbed, autoRepliesDeleted };
  });

  // secure_delete zeroes the freed cells in the database; the WAL still holds the old pages
  // until a checkpoint copies them back and the log is truncated. The busy timeout lets a
  // reader in another connection finish first.
  const truncateWal = () => {
    const [checkpoint] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    return checkpoint?.busy === 0;
  };

  return {
    erasePerson(phoneE164, request) {
      const counts = erase.immediate(phoneE164, request);
      return { ...counts, walTruncated: truncateWal() };
    },
    truncateWal,
  };
}
