// "May this message be sent now?" — decided here and nowhere else, just before a claimed message
// is handed to a modem, in this order: the number is on the opt-out list (any notation: the queue
// and the list both hold the keyed hash of the E.164 form) → skip; a marketing campaign and no
// standing consent or existing-customer basis for the contact → skip; the recipient's quiet
// hours → defer; the SIM's budget spent → defer. The dispatcher only acts on the decision: send,
// defer (queue.defer: back with a time and the reason, not an attempt) or skip (never sent,
// reason stored). Nothing is dropped without a reason on its row. The rules up to quiet hours
// do not depend on the SIM (checkRecipient): a campaign held by quiet hours has them applied to
// its waiting messages in pages (quiet-hours-sweep.ts) instead of one claim per message.
import type { Campaign, ClaimedMessage, ConsentsRepository, ContactsRepository, QueueRepository, QuietHours, SendLimits, SuppressionsRepository } from '../store';
import { quietHoursEnd } from './quiet-hours';
import { recipientTimeZone } from './recipient-time-zone';

export type SendDecision =
  | { kind: 'send' }
  /** quiet-hours: the recipient's clock decides, whichever SIM asks; sim-limit: this SIM's budget. */
  | { kind: 'defer'; until: number; reason: string; cause: 'quiet-hours' | 'sim-limit' }
  | { kind: 'skip'; reason: string };

export interface SimLimits {
  readonly perMinute: number | null;
  readonly perHour: number | null;
  readonly perDay: number | null;
}

export interface SendCheck {
  readonly message: ClaimedMessage;
  readonly campaign: Campaign;
  readonly simId: number;
  /** The SIM's own limits (from its settings); the campaign's limits apply on top, per SIM. */
  readonly simLimits: SimLimits;
  readonly now: number;
}

/** The rules that depend on the recipient, the campaign and the time only, not on a SIM. */
export interface RecipientCheck {
  readonly recipient: Pick<ClaimedMessage, 'recipientE164' | 'contactId'>;
  readonly campaign: Campaign;
  readonly now: number;
}

export interface SendPolicy {
  check(request: SendCheck): SendDecision;
  /**
   * The part of check() that any SIM would decide alike (opt-out, marketing basis, quiet
   * hours): it may be applied to many queued messages at once, before any is claimed.
   */
  checkRecipient(request: RecipientCheck): SendDecision;
  /**
   * Before claiming: how long this SIM must wait under these limits (0 when it may send now).
   * Saves claiming a message only to put it back.
   */
  simWaitMs(simId: number, limits: SimLimits, now: number): number;
  /** The zone quiet hours are computed in for this recipient (the contact's own zone first). */
  timeZoneFor(e164: string, contactId?: number | null): string;
}

/** Why a message was held back, as stored on its row (the monitor groups and translates them). */
export const SKIP_OPTED_OUT = 'opted out';
export const SKIP_NO_MARKETING_BASIS = 'no consent for marketing';

export interface SendPolicyOptions {
  readonly queue: QueueRepository;
  readonly suppressions: SuppressionsRepository;
  readonly consents: Pick<ConsentsRepository, 'basisFor'>;
  readonly contacts: Pick<ContactsRepository, 'timeZoneOf'>;
  /** For numbers whose country spans several zones. Default: this computer's zone. */
  readonly defaultTimeZone?: string;
}

const WINDOWS: readonly { key: keyof SimLimits; ms: number; label: string }[] = [
  { key: 'perMinute', ms: 60_000, label: 'per minute' },
  { key: 'perHour', ms: 3_600_000, label: 'per hour' },
  { key: 'perDay', ms: 86_400_000, label: 'per day' },
];
/** Re-check a full limit at least this often: the store counts parts, it does not say when the oldest leaves the window. */
const MIN_LIMIT_WAIT_MS = 200;
const MAX_LIMIT_WAIT_MS = 60_000;

/** The stricter of two limits per window; null means no limit. */
export function combineLimits(a: SimLimits, b: SendLimits | null | undefined): SimLimits {
  const pick = (x: number | null, y: number | null | undefined) => (x == null ? (y ?? null) : y == null ? x : Math.min(x, y));
  return { perMinute: pick(a.perMinute, b?.perMinute), perHour: pick(a.perHour, b?.perHour), perDay: pick(a.perDay, b?.perDay) };
}

export function createSendPolicy(options: SendPolicyOptions): SendPolicy {
  const defaultTimeZone = options.defaultTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const { queue, suppressions, consents, contacts } = options;

  /** Wait before `parts` more parts fit under every window; a lone message bigger than a limit still goes when the window is empty. */
  function limitWait(simId: number, limits: SimLimits, parts: number, now: number): { waitMs: number; label: string } | undefined {
    let worst: { waitMs: number; label: string } | undefined;
    for (const window of WINDOWS) {
      const limit = limits[window.key];
      if (limit == null) continue;
      const sent = queue.partsSentSince(simId, now - window.ms);
      if (sent === 0 || sent + parts <= limit) continue;
      const waitMs = Math.min(MAX_LIMIT_WAIT_MS, Math.max(MIN_LIMIT_WAIT_MS, Math.ceil(window.ms / Math.max(limit, 1))));
      if (!worst || waitMs > worst.waitMs) worst = { waitMs, label: `${limit} ${window.label}` };
    }
    return worst;
  }

  function timeZoneFor(e164: string, contactId?: number | null): string {
    // A primary-key probe, only for campaigns with quiet hours.
    const contactZone = contactId == null ? null : contacts.timeZoneOf(contactId);
    return recipientTimeZone({ e164, contactZone, fallback: defaultTimeZone });
  }

  // A held campaign asks for thousands of recipients in the same minute and a handful of zones;
  // the window's end is the same for all of them, so it is worked out once per zone and minute.
  const quietEnds = new Map<string, number | undefined>();
  function quietUntil(now: number, timeZone: string, quietHours: QuietHours): number | undefined {
    const minute = Math.floor(now / 60_000);
    const key = `${minute}|${timeZone}|${quietHours.start}|${quietHours.end}`;
    if (quietEnds.has(key)) return quietEnds.get(key);
    // Only the current minute is worth keeping: the clock has moved on from the others.
    for (const old of quietEnds.keys()) if (!old.startsWith(`${minute}|`)) quietEnds.delete(old);
    // Exact for the whole minute: quietHoursEnd looks at the minute `now` falls in, not the second.
    const until = quietHoursEnd(now, timeZone, quietHours);
    quietEnds.set(key, until);
    return until;
  }

  function checkRecipient({ recipient, campaign, now }: RecipientCheck): SendDecision {
    // claimNext skips numbers already on the list; this catches a STOP that arrived since.
    if (suppressions.isSuppressed(recipient.recipientE164)) return { kind: 'skip', reason: SKIP_OPTED_OUT };
    // Checked before quiet hours: a message that may never go should not wait all night first.
    if (campaign.purpose === 'marketing' && (recipient.contactId == null || consents.basisFor(recipient.contactId, 'marketing') === undefined)) {
      return { kind: 'skip', reason: SKIP_NO_MARKETING_BASIS };
    }
    if (campaign.quietHours) {
      const until = quietUntil(now, timeZoneFor(recipient.recipientE164, recipient.contactId), campaign.quietHours);
      if (until !== undefined) return { kind: 'defer', until, reason: `quiet hours (${campaign.quietHours.start}–${campaign.quietHours.end} recipient's time)`, cause: 'quiet-hours' };
    }
    return { kind: 'send' };
  }

  return {
    timeZoneFor,
    checkRecipient,
    check({ message, campaign, simId, simLimits, now }) {
      const decision = checkRecipient({ recipient: message, campaign, now });
      if (decision.kind !== 'send') return decision;
      const limited = limitWait(simId, combineLimits(simLimits, campaign.limits), message.partCount, now);
      if (limited) return { kind: 'defer', until: now + limited.waitMs, reason: `SIM limit of ${limited.label} reached`, cause: 'sim-limit' };
      return { kind: 'send' };
    },
    simWaitMs(simId, limits, now) {
      return limitWait(simId, limits, 1, now)?.waitMs ?? 0;
    },
  };
}
