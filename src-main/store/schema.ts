// The whole Fanout database in one place. Migrations are generated from this file by drizzle-kit
// (`npx drizzle-kit generate --config .config/drizzle.config.ts`) and applied by openDatabase().
//
// Conventions: snake_case in SQL, camelCase in TypeScript; times are UTC milliseconds since the
// epoch in INTEGER columns (comparable in SQL, easy to fake in tests); every index has a name.
// Phone numbers are E.164 strings. Wherever a number may have to be forgotten (right to erasure),
// its keyed hash (HMAC-SHA-256 with a per-install secret, see phone-hash.ts) is stored beside it,
// so the clear number can be blanked while opt-out checks and statistics keep working.
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, epochMs, flag, id, json, phoneHash, updatedAt } from './columns';

export const CAMPAIGN_STATES = ['draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled'] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];

export const CAMPAIGN_PURPOSES = ['service', 'marketing'] as const;
export type CampaignPurpose = (typeof CAMPAIGN_PURPOSES)[number];

/**
 * queued: waiting (possibly for next_attempt_at); sending: handed to a modem, outcome not yet
 * committed; sent: the modem accepted every part; delivered/failed: final; unknown: the outcome
 * was lost (crash while sending, lost prompt) and is never retried on its own; skipped: never
 * sent on purpose (opted out, policy), with the reason stored.
 */
export const MESSAGE_STATES = ['queued', 'sending', 'sent', 'delivered', 'failed', 'unknown', 'skipped'] as const;
export type MessageState = (typeof MESSAGE_STATES)[number];

export const PART_STATES = ['sent', 'delivered', 'failed'] as const;
export type PartState = (typeof PART_STATES)[number];

export const IMPORT_STATES = ['staging', 'committed'] as const;
export type ImportState = (typeof IMPORT_STATES)[number];

function inList(column: string, values: readonly string[]) {
  return sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);
}

export interface QuietHours {
  /** Local time of the recipient, "HH:MM"; the window may wrap past midnight. */
  start: string;
  end: string;
}

export interface SendLimits {
  perMinute: number | null;
  perHour: number | null;
  perDay: number | null;
}

export const contactLists = sqliteTable(
  'contact_lists',
  {
    id: id(),
    name: text('name').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('contact_lists_name_uq').on(t.name)],
);

export const contacts = sqliteTable(
  'contacts',
  {
    id: id(),
    phoneE164: text('phone_e164').notNull(),
    name: text('name'),
    /**
     * Merge fields. Entered or edited by hand: a JSON object, column name → value. Imported: a
     * JSON array of the values alone, in the order of the names in field_names_id's row; a
     * million rows of one file share their column names, which would otherwise be a third of
     * each contact's bytes. Read through toContact (repositories/contacts.ts), which knows both.
     */
    fieldsJson: text('fields_json').notNull().default(sql`'{}'`),
    /** Set when fields_json is an array of values (see there); no foreign key, which would cost an imported row a lookup. */
    fieldNamesId: integer('field_names_id'),
    tags: json<string[]>('tags_json').notNull().default(sql`'[]'`),
    /** Mirrors the suppression list (kept in step by the suppression repository and the import). */
    optedOut: flag('opted_out').notNull().default(false),
    /** IANA zone set by hand; overrides the zone guessed from the number for quiet hours. */
    timeZone: text('time_zone'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /**
     * The import that created the contact. While that import is still 'staging' the contact is
     * hidden from every query (repositories/contact-import-visibility.ts): an import writes its rows once, straight into
     * this table, and one update of its contact_imports row makes them all visible. No foreign
     * key and no index: either would cost a lookup or an index entry per imported row; the
     * import deletes its own rows when it fails.
     */
    importId: integer('import_id'),
  },
  // No index on name: it would cost a third more per imported row; sorting a page by name sorts
  // the filtered rows instead, which is instant for lists of thousands.
  (t) => [uniqueIndex('contacts_phone_uq').on(t.phoneE164)],
);

/** The column names of imported files, shared by their contacts (contacts.field_names_id). Never deleted. */
export const fieldNames = sqliteTable(
  'field_names',
  {
    id: id(),
    /** A JSON array of the names, in the order of the values. */
    namesJson: text('names_json').notNull(),
  },
  (t) => [uniqueIndex('field_names_names_uq').on(t.namesJson)],
);

/**
 * WITHOUT ROWID (migration 0003, by hand: drizzle-kit cannot express it), so the primary key is
 * the table. A migration drizzle-kit generates to rebuild this table must keep that clause.
 */
export const listMembers = sqliteTable(
  'list_members',
  {
    listId: integer('list_id')
      .notNull()
      .references(() => contactLists.id, { onDelete: 'cascade' }),
    contactId: integer('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    addedAt: createdAt('added_at'),
  },
  (t) => [primaryKey({ name: 'list_members_pk', columns: [t.listId, t.contactId] }), index('list_members_contact_idx').on(t.contactId)],
);

/** The opt-out list. phone_e164 is blanked when the person is erased; phone_hash stays forever. */
export const suppressions = sqliteTable(
  'suppressions',
  {
    id: id(),
    phoneHash: phoneHash('phone_hash').notNull(),
    phoneE164: text('phone_e164'),
    reason: text('reason').notNull(),
    /** Where the opt-out came from: 'stop-reply', 'manual', 'import', 'erasure', … */
    source: text('source').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('suppressions_hash_uq').on(t.phoneHash), index('suppressions_phone_idx').on(t.phoneE164)],
);

export const sims = sqliteTable(
  'sims',
  {
    id: id(),
    /** The SIM card's serial number; a SIM keeps its identity when moved to another modem. */
    iccid: text('iccid').notNull(),
    imsi: text('imsi'),
    /** The modem the SIM was last seen in. */
    imei: text('imei'),
    label: text('label').notNull(),
    enabled: flag('enabled').notNull().default(true),
    limitPerMinute: integer('limit_per_minute'),
    limitPerHour: integer('limit_per_hour'),
    limitPerDay: integer('limit_per_day'),
    /** Parts handed over in this SIM's lifetime; per-window counts come from message_parts. */
    partsSentTotal: integer('parts_sent_total').notNull().default(0),
    lastSeenAt: epochMs('last_seen_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('sims_iccid_uq').on(t.iccid)],
);

export const campaigns = sqliteTable(
  'campaigns',
  {
    id: id(),
    name: text('name').notNull(),
    template: text('template').notNull(),
    listIds: json<number[]>('list_ids_json').notNull(),
    /** SIMs allowed to send; empty means every enabled SIM. */
    simIds: json<number[]>('sim_ids_json').notNull().default(sql`'[]'`),
    purpose: text('purpose', { enum: CAMPAIGN_PURPOSES }).notNull().default('service'),
    state: text('state', { enum: CAMPAIGN_STATES }).notNull().default('draft'),
    startAt: epochMs('start_at'),
    quietHours: json<QuietHours>('quiet_hours_json'),
    limits: json<SendLimits>('limits_json'),
    requestStatusReport: flag('request_status_report').notNull().default(false),
    startedAt: epochMs('started_at'),
    finishedAt: epochMs('finished_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('campaigns_state_idx').on(t.state), check('campaigns_state_ck', inList('state', CAMPAIGN_STATES)), check('campaigns_purpose_ck', inList('purpose', CAMPAIGN_PURPOSES))],
);

/** One row per campaign recipient: the unit the engine claims, hands over and records. */
export const messages = sqliteTable(
  'messages',
  {
    id: id(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    contactId: integer('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    /** Blanked on erasure (with body); recipient_hash stays for counts and opt-out checks. */
    recipientE164: text('recipient_e164'),
    recipientHash: phoneHash('recipient_hash').notNull(),
    body: text('body'),
    partCount: integer('part_count').notNull().default(1),
    state: text('state', { enum: MESSAGE_STATES }).notNull().default('queued'),
    reason: text('reason'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: epochMs('next_attempt_at').notNull(),
    /** After a transient error on a SIM, the next attempt prefers another SIM. */
    avoidSimId: integer('avoid_sim_id').references(() => sims.id, { onDelete: 'set null' }),
    simId: integer('sim_id').references(() => sims.id, { onDelete: 'set null' }),
    claimedAt: epochMs('claimed_at'),
    /** The engine lease (engine_leases.owner) that claimed it: only a dead owner's claims become 'unknown'. */
    claimedBy: text('claimed_by'),
    sentAt: epochMs('sent_at'),
    finishedAt: epochMs('finished_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('messages_campaign_recipient_uq').on(t.campaignId, t.recipientHash),
    index('messages_claim_idx').on(t.campaignId, t.state, t.nextAttemptAt, t.id),
    index('messages_state_idx').on(t.state),
    index('messages_recipient_hash_idx').on(t.recipientHash),
    index('messages_contact_idx').on(t.contactId),
    check('messages_state_ck', inList('state', MESSAGE_STATES)),
  ],
);

export const messageParts = sqliteTable(
  'message_parts',
  {
    id: id(),
    messageId: integer('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    partNumber: integer('part_number').notNull(),
    simId: integer('sim_id').references(() => sims.id, { onDelete: 'set null' }),
    /** TP-MR (3GPP TS 23.040 9.2.3.6): 0–255, wraps, so it only identifies a part together with recipient and time. */
    reference: integer('reference').notNull(),
    state: text('state', { enum: PART_STATES }).notNull().default('sent'),
    sentAt: epochMs('sent_at').notNull(),
    /** Last TP-Status from a status report (TS 23.040 9.2.3.15), null until one arrives. */
    reportStatus: integer('report_status'),
    reportAt: epochMs('report_at'),
  },
  (t) => [
    uniqueIndex('message_parts_message_part_uq').on(t.messageId, t.partNumber),
    index('message_parts_reference_idx').on(t.reference, t.sentAt),
    index('message_parts_sim_sent_idx').on(t.simId, t.sentAt),
    check('message_parts_state_ck', inList('state', PART_STATES)),
  ],
);

export const inboundMessages = sqliteTable(
  'inbound_messages',
  {
    id: id(),
    simId: integer('sim_id').references(() => sims.id, { onDelete: 'set null' }),
    senderE164: text('sender_e164'),
    /** Null when the sender is not a phone number (alphanumeric senders). */
    senderHash: phoneHash('sender_hash'),
    /** The sender as received when it is not a number we can normalise (e.g. "Vodafone"). */
    senderRaw: text('sender_raw'),
    contactId: integer('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    body: text('body'),
    /** Service-centre time stamp of the SMS (TP-SCTS). */
    sentAt: epochMs('sent_at'),
    receivedAt: epochMs('received_at').notNull(),
    /** What the reply was recognised as: 'stop', 'start', 'help', 'near-miss', or null. */
    keyword: text('keyword'),
    /** A near miss ("stop please") waits for an operator; set when one has dealt with it. */
    reviewedAt: epochMs('reviewed_at'),
    reviewedBy: text('reviewed_by'),
  },
  (t) => [index('inbound_sender_hash_idx').on(t.senderHash), index('inbound_contact_idx').on(t.contactId), index('inbound_received_idx').on(t.receivedAt)],
);

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: json<unknown>('value_json').notNull(),
  updatedAt: updatedAt(),
});

/**
 * One row per contacts import. New contacts are written straight into contacts (with import_id)
 * and list_members while it is 'staging', hidden until it is 'committed'; rows for numbers that
 * were contacts already wait in import_staging_batches. A failed import deletes all of them and its row.
 */
export const contactImports = sqliteTable(
  'contact_imports',
  {
    id: id(),
    /**
     * Set at begin (the list is created then if it is new). Null once the list is deleted: the
     * import's row stays, so its contacts stay hidden while it is 'staging' and keep their history after.
     */
    listId: integer('list_id').references(() => contactLists.id, { onDelete: 'set null' }),
    listName: text('list_name').notNull(),
    fileName: text('file_name').notNull(),
    state: text('state', { enum: IMPORT_STATES }).notNull().default('staging'),
    summary: json<Record<string, unknown>>('summary_json'),
    startedAt: epochMs('started_at').notNull(),
    finishedAt: epochMs('finished_at'),
    /** The import created the list: a failed import removes it again. */
    createdList: flag('created_list').notNull().default(false),
    /** The importing process: its staging is abandoned once this pid is gone (WAL databases are shared on one host only). */
    ownerPid: integer('owner_pid'),
  },
  (t) => [index('contact_imports_state_idx').on(t.state, t.startedAt), check('contact_imports_state_ck', inList('state', IMPORT_STATES))],
);

/**
 * Rows of an import in progress whose numbers were contacts already (their merge fields, list
 * membership and consent change only at commit), a batch per row as a JSON array of
 * [rowNumber, phoneE164, name, fields, optedOut, consentAt]. Unpacked with jsonb_each() in the
 * commit's transaction; deleted on failure. New numbers never pass through here.
 */
export const importStagingBatches = sqliteTable(
  'import_staging_batches',
  {
    importId: integer('import_id')
      .notNull()
      .references(() => contactImports.id, { onDelete: 'cascade' }),
    batchNumber: integer('batch_number').notNull(),
    rows: text('rows_json').notNull(),
  },
  (t) => [primaryKey({ name: 'import_staging_batches_pk', columns: [t.importId, t.batchNumber] })],
);

// ---- Privacy, consent and accountability (issue 8) ----

export const OPERATOR_ROLES = ['admin', 'sender', 'viewer'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

/** People who use Fanout. No default account exists: the first start creates the admin. */
export const operators = sqliteTable(
  'operators',
  {
    id: id(),
    /** Lower-cased login name; unique. */
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: OPERATOR_ROLES }).notNull(),
    /** scrypt, self-describing: "scrypt$N$r$p$salt$hash" (base64url). */
    passwordHash: text('password_hash').notNull(),
    failedLogins: integer('failed_logins').notNull().default(0),
    /** Set after too many wrong passwords; an admin unlocks (or it expires, see the service). */
    lockedOutAt: epochMs('locked_out_at'),
    disabledAt: epochMs('disabled_at'),
    lastLoginAt: epochMs('last_login_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('operators_username_uq').on(t.username), check('operators_role_ck', inList('role', OPERATOR_ROLES))],
);

/**
 * Append-only and hash-chained: hash = SHA-256(prev_hash + canonical row). Never updated or
 * deleted by Fanout (triggers refuse it); `fanout audit verify` recomputes the chain. Holds no clear
 * phone numbers (only their keyed hashes), so an erasure leaves nothing here to erase.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    /** Gap-free sequence: a deleted row shows as a missing number. */
    seq: integer('seq').primaryKey(),
    at: epochMs('at').notNull(),
    /** Operator id, null for the CLI's local administrator and for Fanout itself. */
    operatorId: integer('operator_id'),
    /** Who, as shown: an operator's name, "CLI (local administrator)", "Fanout". */
    actor: text('actor').notNull(),
    /** Dotted action name: "campaign.start", "operator.login", "person.erase", … */
    action: text('action').notNull(),
    /** What it was done to, e.g. "campaign 12", "list Kunden". */
    subject: text('subject'),
    details: json<Record<string, unknown>>('details_json').notNull().default(sql`'{}'`),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_action_idx').on(t.action, t.at)],
);

export const CONSENT_BASES = ['consent', 'existing-customer'] as const;
export type ConsentBasis = (typeof CONSENT_BASES)[number];

/** Per contact and purpose: why we may message them. Withdrawn records stay (history), with withdrawn_at set. */
export const consents = sqliteTable(
  'consents',
  {
    id: id(),
    contactId: integer('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: CAMPAIGN_PURPOSES }).notNull(),
    basis: text('basis', { enum: CONSENT_BASES }).notNull(),
    grantedAt: epochMs('granted_at').notNull(),
    /** "web form", "paper", "import kunden.csv row 12", … */
    source: text('source').notNull(),
    /** The wording the person was shown, or its version. */
    wording: text('wording'),
    /** Who recorded it. */
    recordedBy: text('recorded_by').notNull(),
    withdrawnAt: epochMs('withdrawn_at'),
    withdrawnSource: text('withdrawn_source'),
    createdAt: createdAt(),
  },
  (t) => [
    index('consents_contact_purpose_idx').on(t.contactId, t.purpose, t.withdrawnAt),
    check('consents_purpose_ck', inList('purpose', CAMPAIGN_PURPOSES)),
    check('consents_basis_ck', inList('basis', CONSENT_BASES)),
  ],
);

/** Every opt-out and opt-in, by hash only: survives an erasure without identifying anyone. */
export const suppressionEvents = sqliteTable(
  'suppression_events',
  {
    id: id(),
    phoneHash: phoneHash('phone_hash').notNull(),
    /** 'opt-out' | 'opt-in' */
    event: text('event').notNull(),
    source: text('source').notNull(),
    reason: text('reason'),
    at: epochMs('at').notNull(),
    actor: text('actor').notNull(),
  },
  (t) => [index('suppression_events_hash_idx').on(t.phoneHash, t.at)],
);

/** Automatic answers to keywords (STOP confirmation, HELP text): sent outside any campaign. */
export const autoReplies = sqliteTable(
  'auto_replies',
  {
    id: id(),
    inboundId: integer('inbound_id').references(() => inboundMessages.id, { onDelete: 'set null' }),
    recipientE164: text('recipient_e164'),
    recipientHash: phoneHash('recipient_hash').notNull(),
    /** 'stop-confirmation' | 'start-confirmation' | 'help' */
    kind: text('kind').notNull(),
    body: text('body'),
    /** 'queued' | 'sent' | 'failed' */
    state: text('state').notNull().default('queued'),
    reason: text('reason'),
    simId: integer('sim_id').references(() => sims.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    sentAt: epochMs('sent_at'),
  },
  (t) => [index('auto_replies_state_idx').on(t.state, t.createdAt), index('auto_replies_recipient_idx').on(t.recipientHash)],
);

/** One row per running engine (process): a claim by an owner whose heartbeat stopped was interrupted. */
export const engineLeases = sqliteTable('engine_leases', {
  owner: text('owner').primaryKey(),
  pid: integer('pid').notNull(),
  hostname: text('hostname').notNull(),
  startedAt: epochMs('started_at').notNull(),
  heartbeatAt: epochMs('heartbeat_at').notNull(),
});
