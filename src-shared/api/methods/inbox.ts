import { z } from 'zod';
import { defineMethod } from './define';

export const inboundKeywords = ['stop', 'start', 'help', 'near-miss'] as const;

export const inboundMessageSchema = z.object({
  id: z.number().int(),
  body: z.string().nullable(),
  receivedAt: z.iso.datetime(),
  /**
   * 'stop': the sender went on the opt-out list; 'start': taken off it; 'help': answered with the
   * help text; 'near-miss': looks like an opt-out but is not exactly one, for a person to judge.
   */
  keyword: z.enum(inboundKeywords).nullable(),
  /** When an operator dealt with a near miss, and who; null while it waits. */
  reviewedAt: z.iso.datetime().nullable(),
  reviewedBy: z.string().nullable(),
});

export const autoReplyKinds = ['stop-confirmation', 'start-confirmation', 'help'] as const;
export const autoReplyStates = ['queued', 'sent', 'failed'] as const;

/** An answer Fanout sent by itself to a keyword reply. */
export const autoReplySchema = z.object({
  id: z.number().int(),
  /** The reply it answers. */
  inboundId: z.number().int().nullable(),
  kind: z.enum(autoReplyKinds),
  body: z.string().nullable(),
  state: z.enum(autoReplyStates),
  /** Why it failed, for the user. */
  reason: z.string().nullable(),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
});
export type AutoReplySummary = z.infer<typeof autoReplySchema>;

export const inboxThreadSchema = z.object({
  /** Stable id of the conversation: the contact, else the sender's number or name. */
  key: z.string(),
  contactId: z.number().int().nullable(),
  phoneE164: z.string().nullable(),
  /** A sender that is not a phone number (e.g. an operator's name), or null. */
  senderRaw: z.string().nullable(),
  name: z.string().nullable(),
  optedOut: z.boolean(),
  lastAt: z.iso.datetime(),
  lastBody: z.string().nullable(),
  count: z.number().int(),
  /** Some reply in this thread was an opt-out. */
  hasStop: z.boolean(),
  /** Near misses in this thread no operator has looked at yet. */
  needsLook: z.number().int(),
});
export type InboxThread = z.infer<typeof inboxThreadSchema>;

export const inboxMethods = {
  'inbox.threads': defineMethod({
    summary: 'Recent replies grouped into one conversation per person, newest first.',
    args: z.strictObject({ limit: z.number().int().min(1).max(500) }),
    result: z.object({
      threads: z.array(inboxThreadSchema),
      /** Near misses waiting for an operator, in all conversations. */
      needsLook: z.number().int(),
    }),
  }),
  'inbox.thread': defineMethod({
    summary: "One person's replies and Fanout's automatic answers to them, oldest first.",
    args: z.strictObject({ key: z.string().min(1).max(200) }),
    result: z.object({ thread: inboxThreadSchema.nullable(), messages: z.array(inboundMessageSchema), autoReplies: z.array(autoReplySchema) }),
  }),
  'inbox.review': defineMethod({
    summary: 'An operator decides on a near miss: put the sender on the opt-out list, or no action needed.',
    args: z.strictObject({ inboundId: z.number().int().positive(), decision: z.enum(['opt-out', 'no-action']) }),
    result: z.object({ optedOut: z.boolean() }),
  }),
};
