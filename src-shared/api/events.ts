import { z } from 'zod';

/**
 * Events the service pushes to every connected window. Payloads are validated when they are
 * emitted and again when a window receives them.
 */
import { campaignStates, messageStates, stateCountsSchema } from './methods/campaigns';
import { modemSummarySchema } from './methods/modems';
import { autoReplyStates, inboundKeywords } from './methods/inbox';

export const apiEvents = {
  /** Sent every few seconds so a window can tell a live connection from a dead one. */
  'app.heartbeat': z.object({ at: z.iso.datetime(), sequence: z.number().int().nonnegative() }),
  /** Answer to app.ping, pushed to all windows: proves the push path end to end. */
  'app.pinged': z.object({ message: z.string(), at: z.iso.datetime() }),
  /**
   * Sign-in state changed somewhere (a login, a lock, a role change): each window asks auth.status
   * for its own. Carries nothing, so it may go to windows nobody is signed in to.
   */
  'auth.changed': z.object({}),
  /** A modem was added or its health, signal or count changed. */
  'modem.status': modemSummarySchema,
  /** A campaign changed state (started, paused, completed …). */
  'campaign.state': z.object({ campaignId: z.number().int(), state: z.enum(campaignStates) }),
  /** Counts per message state of the campaigns that changed, batched like message.status. */
  'campaign.progress': z.object({ campaigns: z.array(z.object({ campaignId: z.number().int(), counts: stateCountsSchema })) }),
  /** A reply arrived and is stored; optedOut when it was a STOP word and the sender is now on the opt-out list. */
  'inbox.received': z.object({
    inboundId: z.number().int(),
    senderE164: z.string().nullable(),
    text: z.string(),
    optedOut: z.boolean(),
    /** What it was recognised as: a keyword, a near miss waiting for an operator, or null. */
    keyword: z.enum(inboundKeywords).nullable(),
  }),
  /** Fanout's automatic answer to a keyword reply was sent, or failed (with why). */
  'inbox.answered': z.object({ autoReplyId: z.number().int(), inboundId: z.number().int().nullable(), state: z.enum(autoReplyStates) }),
  /** Batched so a fast campaign does not flood the window: one event carries many changes. */
  'message.status': z.object({
    changes: z.array(
      z.object({
        messageId: z.number().int(),
        campaignId: z.number().int(),
        state: z.enum(messageStates),
        reason: z.string().nullable(),
      }),
    ),
  }),
};

export type ApiEvents = typeof apiEvents;
export type ApiEventName = keyof ApiEvents;
export type ApiEventPayload<E extends ApiEventName> = z.output<ApiEvents[E]>;
export type ApiEventMessage = { [E in ApiEventName]: { name: E; payload: ApiEventPayload<E> } }[ApiEventName];

export function isApiEventName(name: unknown): name is ApiEventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(apiEvents, name);
}

/** Validates an event that arrived from the other side; null when it is not one we know. */
export function parseApiEvent(name: unknown, payload: unknown): ApiEventMessage | null {
  if (!isApiEventName(name)) return null;
  const parsed = apiEvents[name].safeParse(payload);
  if (!parsed.success) return null;
  return { name, payload: parsed.data } as ApiEventMessage;
}
