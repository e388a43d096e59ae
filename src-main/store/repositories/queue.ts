// The send queue. Crash safety rests on commits around every hand-over to a modem:
//   claimNext()          queued  → sending   (committed before the first AT+CMGS)
//   recordPartHandover() a part of a long message accepted (recorded before the next is written)
//   recordHandover()     sending → sent      (committed after the modem accepted every part)
//   recordOutcome()      sending → queued (retry) | failed | unknown | skipped
// A message found 'sending' after a restart may or may not have left the modem: it becomes
// 'unknown' (markInterruptedAsUnknown) and is re-sent only when the user asks (requeueUnknown).
// Nothing here is specific to SQLite in its contract: a shared PostgreSQL store would implement
// QueueRepository with SELECT … FOR UPDATE SKIP LOCKED.
import type { FanoutDatabase } from '../open-database';
import type { PhoneHasher } from '../phone-hash';
import { relaxedDurability } from '../relaxed-durability';
import { MESSAGE_STATES, type MessageState } from '../schema';
import { createMessageListing } from './message-listing';
import { OPTED_OUT_REASON } from './suppressions';

export interface RecipientToEnqueue {
  contactId: number | null;
  recipientE164: string;
  /** The rendered text. */
  body: string;
  partCount: number;
  /** Earliest send time (campaign start, or later for quiet hours). */
  dueAt: number;
}

export interface ClaimRequest {
  simId: number;
  now: number;
  /** Only these campaigns (those allowed to use this SIM); all running campaigns when omitted. */
  campaignIds?: readonly number[];
  /** The claiming engine's lease (engine-leases.ts); its claims survive other engines' restarts. */
  owner?: string;
}

export interface ClaimedMessage {
  id: number;
  campaignId: number;
  contactId: number | null;
  recipientE164: string;
  body: string;
  partCount: number;
  /** Including this one. */
  attempts: number;
  simId: number;
}

export interface PartHandover {
  partNumber: number;
  /** TP-MR the modem returned in +CMGS. */
  reference: number;
}

export type MessageOutcome =
  /** Transient error: back to the queue, preferably for another SIM. */
  | { kind: 'retry'; reason: string; nextAttemptAt: number; avoidSimId?: number }
  | { kind: 'failed'; reason: string }
  /** The modem may or may not have sent it (lost prompt, timeout after the text was written). */
  | { kind: 'unknown'; reason: string }
  | { kind: 'skipped'; reason: string };

export type ReportOutcome = 'delivered' | 'failed' | 'pending';

export interface PartStatusReport {
  reference: number;
  recipientE164: string;
  /** The SIM whose modem received the report; references are counted per modem. */
  simId?: number;
  outcome: ReportOutcome;
  /** Raw TP-Status (3GPP TS 23.040 9.2.3.15). */
  statusCode: number;
  /** When the report arrived. */
  at: number;
  /** How far back a matching part may have been sent; default 72 hours. */
  windowMs?: number;
}

export interface PartStatusMatch {
  messageId: number;
  campaignId: number;
  partNumber: number;
  messageState: MessageState;
}

export type StateCounts = Record<MessageState, number>;

export interface MessageQuery {
  campaignId: number;
  /** Only messages in these states; all states when omitted or empty. */
  states?: readonly MessageState[];
  /**
   * A number (typed with spaces, dashes, a leading 0 or 00) is matched as part of the recipient's
   * number; anything else as part of the contact's name.
   */
  search?: string;
}

export interface MessagePageRequest {
  limit: number;
  offset?: number;
  /** Keyset paging (the rows after this message id): walks a million rows reading each once. */
  afterId?: number;
}

/** One recipient of a campaign as the monitor and the export show it. */
export interface CampaignMessage {
  id: number;
  /** Null once the person was erased. */
  recipientE164: string | null;
  contactName: string | null;
  body: string | null;
  state: MessageState;
  reason: string | null;
  attempts: number;
  partCount: number;
  sentAt: number | null;
  finishedAt: number | null;
  simLabel: string | null;
}

/** A queued message as the send policy's recipient rules see it, before anyone claims it. */
export interface WaitingMessage {
  id: number;
  contactId: number | null;
  recipientE164: string;
  nextAttemptAt: number;
}

/** Where a walk over waiting messages stopped: the last one seen, in claim order. */
export type WaitingCursor = Pick<WaitingMessage, 'id' | 'nextAttemptAt'>;

/** Messages held back, by why: the monitor's "blocked" panel. */
export interface BlockedCount {
  /** 'skipped': never sent; 'queued': waiting (deferred by the policy, or a retry after an error). */
  state: 'skipped' | 'queued';
  reason: string;
  count: number;
}

export interface QueueRepository {
  /** Idempotent: a recipient already in the campaign (same number) is not queued twice. */
  enqueueRecipients(campaignId: number, rows: readonly RecipientToEnqueue[], now: number): { enqueued: number; alreadyQueued: number };
  /**
   * Atomically takes the next due message of a running campaign and marks it 'sending' on `simId`.
   * Due messages whose number is on the suppression list are marked 'skipped' on the way.
   */
  claimNext(request: ClaimRequest): ClaimedMessage | undefined;
  /** One part accepted by the modem; the message becomes 'sent' with its last part. */
  recordPartHandover(messageId: number, part: PartHandover, at: number): MessageState | undefined;
  /** Every part accepted: sending → sent. False if the message was not 'sending'. */
  recordHandover(messageId: number, parts: readonly PartHandover[], at: number): boolean;
  /**
   * Ends a 'sending' message without a full hand-over. A retry is turned into 'failed' when some
   * parts already went out, because re-sending would duplicate them. Returns the state reached.
   */
  recordOutcome(messageId: number, outcome: MessageOutcome, at: number): MessageState | undefined;
  /**
   * The send policy held a claimed message back (quiet hours, SIM budget): sending → queued until
   * `until`, with the reason left on the row for the monitor. Not an attempt: the claim's count is
   * taken back. False if the message was not 'sending' or a part of it already went out.
   */
  defer(messageId: number, until: number, reason: string, at: number): boolean;
  /**
   * Up to `limit` of a campaign's due queued messages in claim order, after `after`: for holding
   * back many at once (quiet hours) instead of claiming each only to put it back.
   */
  dueMessages(campaignId: number, now: number, after: WaitingCursor | undefined, limit: number): WaitingMessage[];
  /**
   * Queued messages held back together (quiet hours): not due before `until`, the reason left
   * on the row. Not attempts. A message already waiting longer is left alone. Returns how many.
   */
  deferQueued(messageIds: readonly number[], until: number, reason: string, at: number): number;
  /** Queued messages that must never be sent (opted out, no basis for marketing) become 'skipped'. */
  skipQueuedMessages(messageIds: readonly number[], reason: string, at: number): number;
  /** Matches a status report to a part by reference, recipient, SIM and time (references wrap at 255). */
  recordPartStatus(report: PartStatusReport): PartStatusMatch | undefined;
  /**
   * sending → unknown for messages whose claiming engine is gone: every message not claimed by one
   * of `liveOwners` (all of them when it is omitted: no engine runs on this database).
   */
  markInterruptedAsUnknown(now: number, liveOwners?: readonly string[]): number;
  /** While running: sending → unknown for the claims of engines found dead (their process is gone). */
  markClaimsOfDeadOwnersUnknown(deadOwners: readonly string[], now: number): number;
  /** Cancelling a campaign: its queued messages become 'skipped' with the reason. */
  skipQueued(campaignId: number, reason: string, now: number): number;
  /** The user chose to re-send the campaign's 'unknown' messages (those of people erased since stay as they are). */
  requeueUnknown(campaignId: number, now: number): number;
  /** A scheduled campaign started early: its waiting messages become due at `now`. */
  bringForward(campaignId: number, now: number): number;
  countByState(campaignId?: number): StateCounts;
  /** Skipped messages and queued ones that carry a reason (deferred or retrying), counted per reason. */
  blockedCounts(campaignId: number): BlockedCount[];
  /** Earliest next_attempt_at of a queued message of a running campaign, for the scheduler's sleep. */
  nextDueAt(campaignIds?: readonly number[]): number | undefined;
  /** Parts this SIM handed over since `since`: per-minute/hour/day limits. */
  partsSentSince(simId: number, since: number): number;
  /** A page of a campaign's messages in recipient order (message id), and how many match in all. */
  listMessages(query: MessageQuery, page: MessagePageRequest): { messages: CampaignMessage[]; total: number };
  /**
   * Every matching message in recipient order, a page at a time (keyset paging, no count), for
   * exports. Each page is read when asked for, so a million messages never sit in memory.
   */
  messagePages(query: MessageQuery, pageSize: number): Iterable<CampaignMessage[]>;
}

const DEFAULT_REPORT_WINDOW_MS = 72 * 3600_000;
/** A report may be stamped slightly before our own record of the hand-over (clock skew). */
const REPORT_CLOCK_SKEW_MS = 5 * 60_000;
const INTERRUPTED_REASON = 'Fanout stopped while the modem had this message; it may or may not have been sent';
/**
 * The reason an interrupted message is given, in SQL over the row being updated: a long message
 * whose first parts were recorded as accepted says so (they went out once; their status reports
 * still match), and which part was in the modem's hands.
 */
const INTERRUPTED_REASON_SQL = `(SELECT CASE
     WHEN count(*) = 0 OR count(*) >= messages.part_count THEN @reason
     WHEN count(*) = 1 THEN printf('Fanout stopped while the modem had part 2 of %d; part 1 was accepted by the network, part 2 may or may not have been sent', messages.part_count)
     ELSE printf('Fanout stopped while the modem had part %d of %d; parts 1–%d were accepted by the network, part %d may or may not have been sent',
                 count(*) + 1, messages.part_count, count(*), count(*) + 1)
   END FROM message_parts p WHERE p.message_id = messages.id)`;

interface HeadRow {
  id: number;
  nextAttemptAt: number;
  recipientHash: string;
}

export function createQueueRepository(db: FanoutDatabase, hasher: PhoneHasher): QueueRepository {
  const { sqlite } = db;

  const insertMessage = sqlite.prepare(
    `INSERT INTO messages (campaign_id, contact_id, recipient_e164, recipient_hash, body, part_count, state, attempts, next_attempt_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?, ?)
     ON CONFLICT (campaign_id, recipient_hash) DO NOTHING`,
  );
  const runningCampaigns = sqlite.prepare<[], { id: number }>("SELECT id FROM campaigns WHERE state = 'running' ORDER BY id");
  const headAvoiding = sqlite.prepare<[number, number, number], HeadRow>(
    `SELECT id, next_attempt_at AS nextAttemptAt, recipient_hash AS recipientHash FROM messages
      WHERE campaign_id = ? AND state = 'queued' AND next_attempt_at <= ? AND (avoid_sim_id IS NULL OR avoid_sim_id <> ?)
      ORDER BY next_attempt_at, id LIMIT 1`,
  );
  const head = sqlite.prepare<[number, number], HeadRow>(
    `SELECT id, next_attempt_at AS nextAttemptAt, recipient_hash AS recipientHash FROM messages
      WHERE campaign_id = ? AND state = 'queued' AND next_attempt_at <= ?
      ORDER BY next_attempt_at, id LIMIT 1`,
  );
  const isSuppressed = sqlite.prepare<[string], { one: number }>('SELECT 1 AS one FROM suppressions WHERE phone_hash = ?');
  const skip = sqlite.prepare("UPDATE messages SET state = 'skipped', reason = ?, finished_at = ?, updated_at = ? WHERE id = ? AND state = 'queued'");
  const markSending = sqlite.prepare<[number, string | null, number, number, number], ClaimedMessage>(
    `UPDATE messages SET state = 'sending', sim_id = ?, claimed_by = ?, attempts = attempts + 1, claimed_at = ?, updated_at = ?
      WHERE id = ? AND state = 'queued'
      RETURNING id, campaign_id AS campaignId, contact_id AS contactId, recipient_e164 AS recipientE164, body,
                part_count AS partCount, attempts, sim_id AS simId`,
  );
  const sendingMessage = sqlite.prepare<[number], { simId: number | null; partCount: number; partsSent: number }>(
    `SELECT sim_id AS simId, part_count AS partCount, (SELECT count(*) FROM message_parts p WHERE p.message_id = m.id) AS partsSent
       FROM messages m WHERE id = ? AND state = 'sending'`,
  );
  const insertPart = sqlite.prepare(
    `INSERT INTO message_parts (message_id, part_number, sim_id, reference, state, sent_at) VALUES (?, ?, ?, ?, 'sent', ?)
     ON CONFLICT (message_id, part_number) DO UPDATE SET sim_id = excluded.sim_id, reference = excluded.reference, sent_at = excluded.sent_at`,
  );
  const markSent = sqlite.prepare("UPDATE messages SET state = 'sent', sent_at = ?, updated_at = ? WHERE id = ? AND state = 'sending'");
  const requeue = sqlite.prepare(
    `UPDATE messages SET state = 'queued', sim_id = NULL, reason = ?, next_attempt_at = ?, avoid_sim_id = ?, updated_at = ?
      WHERE id = ? AND state = 'sending'`,
  );
  const finish = sqlite.prepare("UPDATE messages SET state = ?, reason = ?, finished_at = ?, updated_at = ? WHERE id = ? AND state = 'sending'");
  const deferSending = sqlite.prepare(
    `UPDATE messages SET state = 'queued', sim_id = NULL, reason = ?, next_attempt_at = ?, attempts = max(attempts - 1, 0), updated_at = ?
      WHERE id = ? AND state = 'sending' AND NOT EXISTS (SELECT 1 FROM message_parts p WHERE p.message_id = messages.id)`,
  );
  const dueAfter = sqlite.prepare<{ campaignId: number; now: number; afterAt: number; afterId: number; limit: number }, WaitingMessage>(
    `SELECT id, contact_id AS contactId, recipient_e164 AS recipientE164, next_attempt_at AS nextAttemptAt FROM messages
      WHERE campaign_id = @campaignId AND state = 'queued' AND next_attempt_at <= @now AND (next_attempt_at, id) > (@afterAt, @afterId)
      ORDER BY next_attempt_at, id LIMIT @limit`,
  );
  const deferMany = sqlite.prepare<{ ids: string; until: number; reason: string; at: number }>(
    `UPDATE messages SET next_attempt_at = @until, reason = @reason, updated_at = @at
      WHERE id IN (SELECT value FROM json_each(@ids)) AND state = 'queued' AND next_attempt_at < @until`,
  );
  const skipMany = sqlite.prepare<{ ids: string; reason: string; at: number }>(
    `UPDATE messages SET state = 'skipped', reason = @reason, finished_at = @at, updated_at = @at
      WHERE id IN (SELECT value FROM json_each(@ids)) AND state = 'queued'`,
  );
  const matchPart = sqlite.prepare<
    { reference: number; recipient: string; simId: number | null; from: number; to: number },
    { partId: number; messageId: number; campaignId: number; partNumber: number }
  >(
    `SELECT p.id AS partId, p.message_id AS messageId, m.campaign_id AS campaignId, p.part_number AS partNumber
       FROM message_parts p JOIN messages m ON m.id = p.message_id
      WHERE p.reference = @reference AND p.sent_at BETWEEN @from AND @to AND m.recipient_e164 = @recipient
        AND (@simId IS NULL OR p.sim_id = @simId)
      ORDER BY p.state = 'sent' DESC, p.sent_at DESC
      LIMIT 1`,
  );
  const updatePart = sqlite.prepare(
    `UPDATE message_parts SET report_status = @statusCode, report_at = @at,
            state = CASE @outcome WHEN 'delivered' THEN 'delivered' WHEN 'failed' THEN 'failed' ELSE state END
      WHERE id = @partId`,
  );
  const partSummary = sqlite.prepare<[number], { partCount: number; delivered: number; failed: number; failedStatus: number | null; state: MessageState }>(
    `SELECT m.part_count AS partCount, m.state,
            coalesce(sum(p.state = 'delivered'), 0) AS delivered, coalesce(sum(p.state = 'failed'), 0) AS failed,
            max(CASE WHEN p.state = 'failed' THEN p.report_status END) AS failedStatus
       FROM messages m LEFT JOIN message_parts p ON p.message_id = m.id
      WHERE m.id = ? GROUP BY m.id`,
  );
  const finishFromReport = sqlite.prepare("UPDATE messages SET state = ?, reason = ?, finished_at = ?, updated_at = ? WHERE id = ? AND state = 'sent'");
  const interrupted = sqlite.prepare<{ reason: string; now: number; owners: string }>(
    `UPDATE messages SET state = 'unknown', reason = ${INTERRUPTED_REASON_SQL}, finished_at = @now, updated_at = @now
      WHERE state = 'sending' AND (claimed_by IS NULL OR claimed_by NOT IN (SELECT value FROM json_each(@owners)))`,
  );
  const interruptedOwners = sqlite.prepare<{ reason: string; now: number; owners: string }>(
    `UPDATE messages SET state = 'unknown', reason = ${INTERRUPTED_REASON_SQL}, finished_at = @now, updated_at = @now
      WHERE state = 'sending' AND claimed_by IN (SELECT value FROM json_each(@owners))`,
  );
  // A message to a person erased since has neither number nor text left: it stays as it is.
  const resendable = "campaign_id = ? AND state = 'unknown' AND recipient_e164 IS NOT NULL AND body IS NOT NULL";
  const requeueUnknown = sqlite.prepare(
    `UPDATE messages SET state = 'queued', sim_id = NULL, reason = NULL, finished_at = NULL, next_attempt_at = ?, updated_at = ?
      WHERE ${resendable}`,
  );
  const deletePartsOfUnknown = sqlite.prepare(`DELETE FROM message_parts WHERE message_id IN (SELECT id FROM messages WHERE ${resendable})`);
  const bringForward = sqlite.prepare("UPDATE messages SET next_attempt_at = ?, updated_at = ? WHERE campaign_id = ? AND state = 'queued' AND next_attempt_at > ?");
  const skipCampaignQueued = sqlite.prepare("UPDATE messages SET state = 'skipped', reason = ?, finished_at = ?, updated_at = ? WHERE campaign_id = ? AND state = 'queued'");
  const countAll = sqlite.prepare<[], { state: MessageState; n: number }>('SELECT state, count(*) AS n FROM messages GROUP BY state');
  const countCampaign = sqlite.prepare<[number], { state: MessageState; n: number }>('SELECT state, count(*) AS n FROM messages WHERE campaign_id = ? GROUP BY state');
  const blocked = sqlite.prepare<[number, number], BlockedCount>(
    `SELECT state, reason, count(*) AS count FROM messages
      WHERE (campaign_id = ? AND state = 'skipped') OR (campaign_id = ? AND state = 'queued' AND reason IS NOT NULL)
      GROUP BY state, reason ORDER BY count DESC, reason`,
  );
  const nextDue = sqlite.prepare<[number], { at: number | null }>("SELECT min(next_attempt_at) AS at FROM messages WHERE campaign_id = ? AND state = 'queued'");
  const partsSince = sqlite.prepare<[number, number], { n: number }>('SELECT count(*) AS n FROM message_parts WHERE sim_id = ? AND sent_at >= ?');

  const listing = createMessageListing(sqlite);

  function activeCampaigns(requested: readonly number[] | undefined): number[] {
    const running = runningCampaigns.all().map((r) => r.id);
    if (requested === undefined) return running;
    const wanted = new Set(requested);
    return running.filter((id) => wanted.has(id));
  }

  function earliestHead(campaignIds: readonly number[], now: number, simId: number, statement: 'avoiding' | 'any'): HeadRow | undefined {
    let best: HeadRow | undefined;
    for (const campaignId of campaignIds) {
      const row = statement === 'avoiding' ? headAvoiding.get(campaignId, now, simId) : head.get(campaignId, now);
      if (row && (!best || row.nextAttemptAt < best.nextAttemptAt || (row.nextAttemptAt === best.nextAttemptAt && row.id < best.id))) best = row;
    }
    return best;
  }

  const enqueue = sqlite.transaction((campaignId: number, rows: readonly RecipientToEnqueue[], now: number) => {
    let enqueued = 0;
    for (const row of rows) {
      enqueued += insertMessage.run(campaignId, row.contactId, row.recipientE164, hasher.hash(row.recipientE164), row.body, row.partCount, row.dueAt, now, now).changes;
    }
    return { enqueued, alreadyQueued: rows.length - enqueued };
  });

  const claim = sqlite.transaction(({ simId, now, campaignIds, owner }: ClaimRequest): ClaimedMessage | undefined => {
    const active = activeCampaigns(campaignIds);
    if (active.length === 0) return undefined;
    for (;;) {
      // Prefer messages that did not just fail on this SIM; take them anyway if nothing else is due.
      const next = earliestHead(active, now, simId, 'avoiding') ?? earliestHead(active, now, simId, 'any');
      if (!next) return undefined;
      if (isSuppressed.get(next.recipientHash)) {
        skip.run(OPTED_OUT_REASON, now, now, next.id);
        continue;
      }
      return markSending.get(simId, owner ?? null, now, now, next.id);
    }
  });

  const partHandover = sqlite.transaction((messageId: number, part: PartHandover, at: number): MessageState | undefined => {
    const message = sendingMessage.get(messageId);
    if (!message) return undefined;
    insertPart.run(messageId, part.partNumber, message.simId, part.reference, at);
    const after = sendingMessage.get(messageId);
    if (after && after.partsSent >= after.partCount) {
      markSent.run(at, at, messageId);
      return 'sent';
    }
    return 'sending';
  });

  const handover = sqlite.transaction((messageId: number, parts: readonly PartHandover[], at: number): boolean => {
    const message = sendingMessage.get(messageId);
    if (!message) return false;
    for (const part of parts) insertPart.run(messageId, part.partNumber, message.simId, part.reference, at);
    return markSent.run(at, at, messageId).changes > 0;
  });

  const outcome = sqlite.transaction((messageId: number, result: MessageOutcome, at: number): MessageState | undefined => {
    const message = sendingMessage.get(messageId);
    if (!message) return undefined;
    if (result.kind === 'retry') {
      if (message.partsSent === 0) {
        requeue.run(result.reason, result.nextAttemptAt, result.avoidSimId ?? null, at, messageId);
        return 'queued';
      }
      finish.run('failed', `${result.reason} (after ${message.partsSent} of ${message.partCount} parts were sent; not retried to avoid duplicates)`, at, at, messageId);
      return 'failed';
    }
    finish.run(result.kind, result.reason, at, at, messageId);
    return result.kind;
  });

  const partStatus = sqlite.transaction((report: PartStatusReport): PartStatusMatch | undefined => {
    const match = matchPart.get({
      reference: report.reference,
      recipient: report.recipientE164,
      simId: report.simId ?? null,
      from: report.at - (report.windowMs ?? DEFAULT_REPORT_WINDOW_MS),
      to: report.at + REPORT_CLOCK_SKEW_MS,
    });
    if (!match) return undefined;
    updatePart.run({ partId: match.partId, statusCode: report.statusCode, at: report.at, outcome: report.outcome });
    const summary = partSummary.get(match.messageId);
    if (!summary) return undefined;
    let state = summary.state;
    if (summary.failed > 0) {
      const status = summary.failedStatus ?? report.statusCode;
      if (finishFromReport.run('failed', `status report: not delivered (TP-Status 0x${status.toString(16).padStart(2, '0')})`, report.at, report.at, match.messageId).changes > 0) state = 'failed';
    } else if (summary.delivered >= summary.partCount) {
      if (finishFromReport.run('delivered', null, report.at, report.at, match.messageId).changes > 0) state = 'delivered';
    }
    return { messageId: match.messageId, campaignId: match.campaignId, partNumber: match.partNumber, messageState: state };
  });

  const requeueUnknownTx = sqlite.transaction((campaignId: number, now: number) => {
    deletePartsOfUnknown.run(campaignId);
    return requeueUnknown.run(now, now, campaignId).changes;
  });

  function toCounts(rows: { state: MessageState; n: number }[]): StateCounts {
    const counts = Object.fromEntries(MESSAGE_STATES.map((s) => [s, 0])) as StateCounts;
    for (const row of rows) counts[row.state] = row.n;
    return counts;
  }

  // What is recorded after a hand-over (sent, parts, outcome, reports) may be lost on power loss
  // without harm: the message is then still 'sending' and becomes 'unknown' at restart, never
  // sent again. Skipping their fsync halves the fsyncs per message.
  const relaxed = <A extends unknown[], R>(write: (...args: A) => R) => relaxedDurability(sqlite, write);

  return {
    enqueueRecipients: (campaignId, rows, now) => enqueue.immediate(campaignId, rows, now),
    // IMMEDIATE takes the write lock before reading, so two processes cannot pick the same head.
    claimNext: (request) => claim.immediate(request),
    recordPartHandover: relaxed((messageId: number, part: PartHandover, at: number) => partHandover.immediate(messageId, part, at)),
    recordHandover: relaxed((messageId: number, parts: readonly PartHandover[], at: number) => handover.immediate(messageId, parts, at)),
    recordOutcome: relaxed((messageId: number, result: MessageOutcome, at: number) => outcome.immediate(messageId, result, at)),
    recordPartStatus: relaxed((report: PartStatusReport) => partStatus.immediate(report)),
    dueMessages: (campaignId, now, after, limit) =>
      dueAfter.all({ campaignId, now, afterAt: after?.nextAttemptAt ?? Number.MIN_SAFE_INTEGER, afterId: after?.id ?? 0, limit }),
    deferQueued: (messageIds, until, reason, at) => (messageIds.length === 0 ? 0 : deferMany.run({ ids: JSON.stringify(messageIds), until, reason, at }).changes),
    skipQueuedMessages: (messageIds, reason, at) => (messageIds.length === 0 ? 0 : skipMany.run({ ids: JSON.stringify(messageIds), reason, at }).changes),
    // Fully durable: lost, the message would stay 'sending' and turn 'unknown' though it never left.
    defer: (messageId, until, reason, at) => deferSending.run(reason, until, at, messageId).changes > 0,
    markInterruptedAsUnknown: (now, liveOwners = []) => interrupted.run({ reason: INTERRUPTED_REASON, now, owners: JSON.stringify(liveOwners) }).changes,
    markClaimsOfDeadOwnersUnknown: (deadOwners, now) =>
      deadOwners.length === 0 ? 0 : interruptedOwners.run({ reason: INTERRUPTED_REASON, now, owners: JSON.stringify(deadOwners) }).changes,
    skipQueued: (campaignId, reason, now) => skipCampaignQueued.run(reason, now, now, campaignId).changes,
    requeueUnknown: (campaignId, now) => requeueUnknownTx.immediate(campaignId, now),
    bringForward: (campaignId, now) => bringForward.run(now, now, campaignId, now).changes,
    countByState: (campaignId) => toCounts(campaignId === undefined ? countAll.all() : countCampaign.all(campaignId)),
    blockedCounts: (campaignId) => blocked.all(campaignId, campaignId).map((row) => ({ ...row, reason: row.reason || 'no reason recorded' })),
    nextDueAt(campaignIds) {
      let earliest: number | undefined;
      for (const id of activeCampaigns(campaignIds)) {
        const at = nextDue.get(id)?.at;
        if (at != null && (earliest === undefined || at < earliest)) earliest = at;
      }
      return earliest;
    },
    partsSentSince: (simId, since) => partsSince.get(simId, since)?.n ?? 0,
    listMessages: (query, page) => listing.list(query, page),
    messagePages: (query, pageSize) => listing.pages(query, pageSize),
  };
}
