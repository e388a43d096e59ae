import { z } from 'zod';
import { defineMethod } from './define';

export const auditProblemKinds = ['changed', 'inserted', 'deleted', 'reordered'] as const;

export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.iso.datetime(),
  /** Null for the CLI's local administrator and for Fanout itself. */
  operatorId: z.number().int().nullable(),
  actor: z.string(),
  action: z.string(),
  subject: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntrySummary = z.infer<typeof auditEntrySchema>;

export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  problems: z.array(z.object({ seq: z.number().int(), kind: z.enum(auditProblemKinds), message: z.string() })),
  head: z.object({ seq: z.number().int(), hash: z.string() }),
  /** Where the last entry is recorded outside the log, to notice entries removed from its end. */
  anchors: z.array(
    z.object({
      where: z.enum(['settings', 'file']),
      state: z.enum(['present', 'absent', 'unreadable']),
      head: z.object({ seq: z.number().int(), hash: z.string() }).optional(),
    }),
  ),
});
export type AuditVerificationSummary = z.infer<typeof auditVerificationSchema>;

export const maxAuditPageSize = 200;

export const auditMethods = {
  'audit.list': defineMethod({
    summary: 'A page of the audit log, newest first, with the actors and actions there are to filter by.',
    args: z.strictObject({
      /** An exact action ('campaign.start') or its domain ('campaign'). */
      action: z.string().trim().max(100).optional(),
      actor: z.string().max(200).optional(),
      from: z.iso.datetime({ offset: true }).optional(),
      to: z.iso.datetime({ offset: true }).optional(),
      text: z.string().trim().max(200).optional(),
      beforeSeq: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(maxAuditPageSize).default(50),
    }),
    result: z.object({
      entries: z.array(auditEntrySchema),
      /** Pass as beforeSeq for the next, older page; null on the last page. */
      nextBeforeSeq: z.number().int().nullable(),
      actors: z.array(z.string()),
      actions: z.array(z.string()),
    }),
  }),
  'audit.verify': defineMethod({
    summary: "Recomputes the audit log's hash chain and compares its end with the records kept elsewhere: was any entry changed, inserted or removed behind Fanout's back?",
    args: z.strictObject({}),
    result: auditVerificationSchema,
  }),
};
