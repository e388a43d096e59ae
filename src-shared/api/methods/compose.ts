import { z } from 'zod';
import { defineMethod } from './define';

export const maxTemplateLength = 10_000;

const encoding = z.enum(['gsm7', 'ucs2']);

export const recipientPreviewSchema = z.object({
  contactId: z.number().int(),
  phoneE164: z.string(),
  name: z.string().nullable(),
  text: z.string(),
  parts: z.number().int(),
  encoding,
  /** Merge fields this person has no value for and the template gives no fallback. */
  missingFields: z.array(z.string()),
  optedOut: z.boolean(),
});
export type RecipientPreview = z.infer<typeof recipientPreviewSchema>;

const draft = {
  template: z
    .string()
    .max(maxTemplateLength, `A message can be at most ${maxTemplateLength} characters long.`),
  listId: z.number().int().positive(),
};

export const composeMethods = {
  'compose.testSend': defineMethod({
    summary:
      'Sends a message to one number through the first modem in service, to see it on a real phone before a campaign.',
    args: z.strictObject({
      to: z.string().trim().min(1, 'Enter the phone number to send the test to.').max(40, 'That is too long for a phone number.'),
      text: z
        .string()
        .min(1, 'Write the message first.')
        .max(maxTemplateLength, `A message can be at most ${maxTemplateLength} characters long.`),
    }),
    result: z.object({
      to: z.string(),
      modemLabel: z.string(),
      parts: z.number().int(),
      /** Each part's message reference from the network. */
      references: z.array(z.number().int()),
    }),
  }),
  'compose.preview': defineMethod({
    summary:
      'The message as the first recipients of a list will get it, rendered with their merge fields, each with its part count.',
    args: z.strictObject({ ...draft, limit: z.number().int().min(1).max(50) }),
    result: z.object({ recipients: z.array(recipientPreviewSchema) }),
  }),
  'compose.estimate': defineMethod({
    summary:
      'How many SMS parts sending the message to the whole list takes, and what that costs at the price in the settings.',
    args: z.strictObject(draft),
    result: z.object({
      recipients: z.number().int(),
      optedOut: z.number().int(),
      totalParts: z.number().int(),
      maxParts: z.number().int(),
      ucs2Count: z.number().int(),
      withMissingFields: z.number().int(),
      /** False when counted on a sample of a very large list and scaled up. */
      exact: z.boolean(),
      pricePerPart: z.number(),
      currency: z.string(),
      cost: z.number(),
    }),
  }),
};

/**
 * What a template can use for one contact: its merge fields, plus Name and Phone unless a column
 * is called that. The service renders with it and the composer counts its sample with it.
 */
export function templateValuesOf(contact: { phoneE164: string; name: string | null; fields: Record<string, string> }): Record<string, string> {
  return { Phone: contact.phoneE164, ...(contact.name ? { Name: contact.name } : {}), ...contact.fields };
}
