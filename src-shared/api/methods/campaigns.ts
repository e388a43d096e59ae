import { z } from 'zod';
import { defineMethod } from './define';

export const campaignStates = ['draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled'] as const;
export const messageStates = ['queued', 'sending', 'sent', 'delivered', 'failed', 'unknown', 'skipped'] as const;

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use the form HH:MM, e.g. 21:00');
const optionalLimit = z.number().int().positive().max(100_000).nullable();
const campaignId = z.strictObject({ campaignId: z.number().int().positive() });

export const stateCountsSchema = z.record(z.enum(messageStates), z.number().int().nonnegative());

export const campaignSummarySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  template: z.string(),
  state: z.enum(campaignStates),
  purpose: z.enum(['service', 'marketing']),
  listIds: z.array(z.number().int()),
  /** The SIMs it may send through; empty: every SIM in service. */
  simIds: z.array(z.number().int()),
  /** Per SIM, on top of each SIM's own limits (the stricter applies); null: the SIMs' own limits only. */
  limits: z.object({ perMinute: z.number().int().nullable(), perHour: z.number().int().nullable(), perDay: z.number().int().nullable() }).nullable(),
  requestStatusReport: z.boolean(),
  /** No sending in this window of each recipient's local time. */
  quietHours: z.object({ start: z.string(), end: z.string() }).nullable(),
  startAt: z.iso.datetime().nullable(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  counts: stateCountsSchema,
});
export type CampaignSummary = z.infer<typeof campaignSummarySchema>;

export const campaignEstimateSchema = z.object({
  recipients: z.number().int(),
  optedOut: z.number().int(),
  totalParts: z.number().int(),
  maxParts: z.number().int(),
  ucs2Count: z.number().int(),
  tooLong: z.number().int(),
  withMissingFields: z.number().int(),
});

/** One recipient of a campaign, as the monitor's table shows it. */
export const campaignMessageSchema = z.object({
  id: z.number().int(),
  /** Null once the person was erased. */
  recipientE164: z.string().nullable(),
  contactName: z.string().nullable(),
  body: z.string().nullable(),
  state: z.enum(messageStates),
  reason: z.string().nullable(),
  attempts: z.number().int(),
  partCount: z.number().int(),
  sentAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  simLabel: z.string().nullable(),
});
export type CampaignMessage = z.infer<typeof campaignMessageSchema>;

const draftFields = {
  template: z.string().min(1, 'Write the message first.').max(10_000),
  listIds: z.array(z.number().int().positive()).min(1, 'Choose at least one contact list.').max(100),
};

export const campaignsMethods = {
  'campaigns.list': defineMethod({
    summary: 'Every campaign, newest first, with its counts per message state.',
    args: z.strictObject({}),
    result: z.object({ campaigns: z.array(campaignSummarySchema) }),
  }),
  'campaigns.get': defineMethod({
    summary: 'One campaign with its counts.',
    args: campaignId,
    result: campaignSummarySchema,
  }),
  'campaigns.preview': defineMethod({
    summary: 'What a campaign would send: the first recipients rendered, and the totals.',
    args: z.strictObject({ ...draftFields, limit: z.number().int().min(1).max(100).default(10) }),
    result: z.object({
      samples: z.array(
        z.object({
          contactId: z.number().int(),
          phoneE164: z.string(),
          text: z.string(),
          parts: z.number().int(),
          encoding: z.enum(['gsm7', 'ucs2']),
          missingFields: z.array(z.string()),
          optedOut: z.boolean(),
        }),
      ),
      estimate: campaignEstimateSchema,
    }),
  }),
  'campaigns.create': defineMethod({
    summary: 'Creates a draft campaign with every recipient rendered and queued; it sends once started.',
    args: z.strictObject({
      name: z.string().trim().min(1, 'Give the campaign a name.').max(200),
      ...draftFields,
      simIds: z.array(z.number().int()).max(64).default([]),
      startAt: z.iso.datetime({ offset: true }).nullable().default(null),
      /** Left out: the quiet hours from Settings. null: none for this campaign. */
      quietHours: z.strictObject({ start: clockTime, end: clockTime }).nullable().optional(),
      limits: z.strictObject({ perMinute: optionalLimit, perHour: optionalLimit, perDay: optionalLimit }).nullable().default(null),
      requestStatusReport: z.boolean().default(true),
      purpose: z.enum(['service', 'marketing']).default('service'),
    }),
    result: z.object({ campaign: campaignSummarySchema, estimate: campaignEstimateSchema, enqueued: z.number().int() }),
  }),
  'campaigns.start': defineMethod({
    summary: 'Starts a draft (scheduled when its start time is still ahead); a scheduled campaign starts now.',
    args: campaignId,
    result: z.object({ state: z.enum(campaignStates) }),
  }),
  'campaigns.pause': defineMethod({
    summary: 'No new message of the campaign is sent; those in a modem right now finish.',
    args: campaignId,
    result: z.object({ paused: z.boolean() }),
  }),
  'campaigns.resume': defineMethod({
    summary: 'Continues a paused campaign.',
    args: campaignId,
    result: z.object({ state: z.enum(campaignStates) }),
  }),
  'campaigns.cancel': defineMethod({
    summary: 'Stops the campaign for good: messages not yet sent are skipped.',
    args: campaignId,
    result: z.object({ cancelled: z.boolean() }),
  }),
  'campaigns.messages': defineMethod({
    summary: "A page of a campaign's recipients with their state, in list order, and how many match the filters.",
    args: z.strictObject({
      campaignId: z.number().int().positive(),
      /** Only these states; every state when empty. */
      states: z.array(z.enum(messageStates)).max(messageStates.length).default([]),
      /** Part of a number (as people type it: 0160 555…) or of a name. */
      search: z.string().trim().max(100).default(''),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    result: z.object({ messages: z.array(campaignMessageSchema), total: z.number().int() }),
  }),
  'campaigns.export': defineMethod({
    summary: 'Writes every recipient of the campaign with state, times and text to a CSV file and offers it for download.',
    args: z.strictObject({
      campaignId: z.number().int().positive(),
      /** German Excel expects ';' between cells, English Excel ','. */
      delimiter: z.enum([',', ';']).default(','),
      /** Column headings, states and the file name in the window's language. */
      language: z.enum(['en', 'de', 'zh']).default('en'),
    }),
    result: z.object({ downloadId: z.string(), name: z.string(), rows: z.number().int() }),
  }),
  'campaigns.blocked': defineMethod({
    summary: 'Messages held back, counted per reason: skipped (never sent: opted out, no consent for marketing, …) and waiting (quiet hours, SIM limit, retry).',
    args: campaignId,
    result: z.object({
      blocked: z.array(z.object({ state: z.enum(['skipped', 'queued']), reason: z.string(), count: z.number().int() })),
    }),
  }),
  'campaigns.resendUnknown': defineMethod({
    summary: 'Sends again the messages whose outcome is unknown (they may reach someone twice).',
    args: campaignId,
    result: z.object({ requeued: z.number().int() }),
  }),
};
