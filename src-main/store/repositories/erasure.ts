// Right to erasure (GDPR Art. 17): everything about a number goes, except a keyed hash on the
// suppression list, so a later import or campaign still cannot reach the person.
import type { FanoutDatabase } from '../open-database';
import type { PhoneHasher } from '../phone-hash';

export interface ErasureResult {
  contactsDeleted: number;
  messagesScrubbed: number;
  inboundScrubbed: number;
  /** False if another connection kept the write-ahead log from being emptied (old pages may linger there until its next checkpoint). */
  walTruncated: boolean;
}

export interface ErasureRepository {
  erasePerson(phoneE164: string, request: { reason: string; now: number }): ErasureResult;
}

export function createErasureRepository(db: FanoutDatabase, hasher: PhoneHasher): ErasureRepository {
  const { sqlite } = db;
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
  const keepHash = sqlite.prepare(
    `INSERT INTO suppressions (phone_hash, phone_e164, reason, source, created_at) VALUES (@hash, NULL, @reason, 'erasure', @now)
     ON CONFLICT (phone_hash) DO UPDATE SET phone_e164 = NULL`,
  );

  const erase = sqlite.transaction((phoneE164: string, reason: string, now: number) => {
    const hash = hasher.hash(phoneE164);
    const contactsDeleted = deleteContact.run(phoneE164).changes;
    deleteStaged.run(phoneE164);
    const messagesScrubbed = scrubMessages.run({ hash, now }).changes;
    const inboundScrubbed = scrubInbound.run(hash).changes;
    keepHash.run({ hash, reason, now });
    return { contactsDeleted, messagesScrubbed, inboundScrubbed };
  });

  return {
    erasePerson(phoneE164, { reason, now }) {
      const counts = erase.immediate(phoneE164, reason, now);
      // secure_delete zeroes the freed cells in the database; the WAL still holds the old pages
      // until a checkpoint copies them back and the log is truncated.
      const [checkpoint] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      return { ...counts, walTruncated: checkpoint?.busy === 0 };
    },
  };
}
