import { z } from 'zod';
import { defineMethod } from './define';

export const modemStates = [
  'starting',
  'ready',
  'pin-required',
  'puk-required',
  'no-sim',
  'no-network',
  'recovering',
  'hung',
  'unplugged',
  'closed',
] as const;

export const modemSummarySchema = z.object({
  simId: z.number().int(),
  label: z.string(),
  path: z.string(),
  state: z.enum(modemStates),
  /** Whether campaigns use it right now. */
  inService: z.boolean(),
  /** Why it is not in service, in plain words. */
  problem: z.string().nullable(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  imei: z.string().nullable(),
  operator: z.string().nullable(),
  signalBars: z.number().int().min(0).max(5).nullable(),
  partsSent: z.number().int().nonnegative(),
  /** A virtual modem of demo mode: messages never leave this PC. */
  demo: z.boolean(),
});
export type ModemSummary = z.infer<typeof modemSummarySchema>;

export const modemsMethods = {
  'modems.list': defineMethod({
    summary: 'The modems Fanout uses, with their health.',
    minimumRole: 'viewer',
    args: z.strictObject({}),
    result: z.object({ modems: z.array(modemSummarySchema), scanning: z.boolean() }),
  }),
  'modems.scan': defineMethod({
    summary: 'Looks at every serial port for modems now (new ports are also noticed by themselves).',
    minimumRole: 'sender',
    args: z.strictObject({}),
    result: z.object({
      found: z.number().int().nonnegative(),
      skipped: z.array(z.object({ path: z.string(), reason: z.string() })),
    }),
  }),
  'modems.startDemo': defineMethod({
    summary: 'Adds virtual modems, so Fanout can be tried without hardware. Their messages never leave this PC.',
    minimumRole: 'sender',
    args: z.strictObject({ count: z.number().int().min(1).max(8) }),
    result: z.object({ added: z.number().int().nonnegative() }),
  }),
  'modems.trafficLog': defineMethod({
    summary: "A modem's recent AT traffic, for support.",
    minimumRole: 'admin',
    args: z.strictObject({ simId: z.number().int() }),
    result: z.object({ text: z.string() }),
  }),
};
