import { z } from 'zod';
import { defineMethod } from './define';
import { transferIdSchema } from './files';

/** A person: a contact, or a number written any way (the default country completes "0170…"). */
function person<Extra extends z.ZodRawShape>(extra: Extra) {
  return z.union([
    z.strictObject({ contactId: z.number().int().positive(), ...extra }),
    z.strictObject({
      phone: z.string().trim().min(1, 'Enter a phone number.').max(40),
      country: z.string().regex(/^[A-Z]{2}$/).optional(),
      ...extra,
    }),
  ]);
}

export const consentEntrySchema = z.object({
  id: z.number().int(),
  purpose: z.string(),
  basis: z.string(),
  grantedAt: z.iso.datetime(),
  source: z.string(),
  wording: z.string().nullable(),
  recordedBy: z.string(),
  withdrawnAt: z.iso.datetime().nullable(),
  withdrawnSource: z.string().nullable(),
});
export type ConsentEntry = z.infer<typeof consentEntrySchema>;

export const retentionLastRunSchema = z.object({
  ranAt: z.iso.datetime(),
  days: z.number().int(),
  messages: z.number().int(),
  replies: z.number().int(),
  autoReplies: z.number().int(),
});

export const privacyMethods = {
  'privacy.person': defineMethod({
    summary: "What Fanout holds about one person, for the contact's privacy panel: consent history and how many messages, replies and opt-out events.",
    args: person({}),
    result: z.object({
      phoneE164: z.string(),
      consents: z.array(consentEntrySchema),
      messages: z.number().int(),
      replies: z.number().int(),
      autoReplies: z.number().int(),
      optOutEvents: z.number().int(),
      onOptOutList: z.boolean(),
    }),
  }),
  'privacy.exportPerson': defineMethod({
    summary:
      'Right of access: everything about one number (contact fields, lists, consent history, every message with its status and parts, every reply in full, automatic answers, opt-outs) as a JSON or CSV file to download.',
    args: person({ format: z.enum(['json', 'csv']), delimiter: z.enum([',', ';']).optional() }),
    result: z.object({ downloadId: transferIdSchema, name: z.string(), phoneHash: z.string(), items: z.number().int() }),
  }),
  'privacy.erasePerson': defineMethod({
    summary:
      'Right to erasure: the contact, its lists and consents, the number and text of every message and reply, automatic answers and waiting exports go. Only a keyed hash stays on the opt-out list, with the date and reason, so the number is never messaged again. Cannot be undone.',
    args: person({ reason: z.string().trim().min(1, 'Give a reason.').max(500) }),
    result: z.object({
      phoneHash: z.string(),
      contactsDeleted: z.number().int(),
      consentsDeleted: z.number().int(),
      listMemberships: z.number().int(),
      messagesScrubbed: z.number().int(),
      repliesScrubbed: z.number().int(),
      autoRepliesDeleted: z.number().int(),
      exportFilesDeleted: z.number().int(),
    }),
  }),
  'privacy.retentionStatus': defineMethod({
    summary: 'The last run of the retention clean-up (texts older than the retention period deleted), if any.',
    args: z.strictObject({}),
    result: z.object({ lastRun: retentionLastRunSchema.nullable() }),
  }),
};
