import { z } from 'zod';
import { defineMethod } from './define';

export const inboundKeywords = ['stop', 'start', 'help', 'near-miss'] as const;

export const inboundMessageSchema = z.object({
  id: z.number().int(),
  body: z.string().nullable(),
  receivedAt: z.iso.datetime(),
  /** 'stop': the reply put the sender on the opt-out list; 'near-miss': looks like one, for a person to judge. */
  keyword: z.enum(inboundKeywords).nullable(),
});

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
});
export type InboxThread = z.infer<typeof inboxThreadSchema>;

export const inboxMethods = {
  'inbox.threads': defineMethod({
    summary: 'Recent replies grouped into one conversation per person, newest first.',
    minimumRole: 'viewer',
    args: z.strictObject({ limit: z.number().int().min(1).max(500) }),
    result: z.object({ threads: z.array(inboxThreadSchema) }),
  }),
  'inbox.thread': defineMethod({
    summary: "One person's replies, oldest first.",
    minimumRole: 'viewer',
    args: z.strictObject({ key: z.string().min(1).max(200) }),
    result: z.object({ thread: inboxThreadSchema.nullable(), messages: z.array(inboundMessageSchema) }),
  }),
};
