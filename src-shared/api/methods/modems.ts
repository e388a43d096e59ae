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

const limit = z
  .number()
  .int('Enter a whole number.')
  .min(1, 'A limit must be at least 1; leave it empty for no limit.')
  .max(100_000, 'That limit is too high; leave it empty for no limit.')
  .nullable();

/** How many parts a SIM may send per minute, hour and day; null is no limit of its own. */
export const simLimitsSchema = z.object({ perMinute: limit, perHour: limit, perDay: limit });
export type SimLimitsInput = z.infer<typeof simLimitsSchema>;

/** A USSD code as operators print them: *100#, *#100#, *101*1#. */
export const ussdCodeSchema = z
  .string()
  .trim()
  .regex(/^[*#][0-9*#]{1,30}#$/, 'Enter a code like *100# (stars, digits and a # at the end).');

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
  /** Parts handed to the network since local midnight. */
  sentToday: z.number().int().nonnegative(),
  limits: simLimitsSchema,
  /** The SIM refused a PIN typed earlier (remembered across restarts); Fanout never retries it. */
  pinRefused: z.object({ triesLeft: z.number().int().min(0).max(3) }).nullable(),
  /** The last balance check of this session. */
  balance: z.object({ text: z.string(), checkedAt: z.string() }).nullable(),
  /** The USSD code "Check balance" uses for this SIM. */
  balanceCode: z.string(),
});
export type ModemSummary = z.infer<typeof modemSummarySchema>;

export const modemsMethods = {
  'modems.list': defineMethod({
    summary: 'The modems Fanout uses, with their health.',
    args: z.strictObject({}),
    result: z.object({ modems: z.array(modemSummarySchema), scanning: z.boolean() }),
  }),
  'modems.scan': defineMethod({
    summary: 'Looks at every serial port for modems now (new ports are also noticed by themselves).',
    args: z.strictObject({}),
    result: z.object({
      found: z.number().int().nonnegative(),
      skipped: z.array(z.object({ path: z.string(), reason: z.string() })),
    }),
  }),
  'modems.startDemo': defineMethod({
    summary: 'Adds virtual modems, so Fanout can be tried without hardware. Their messages never leave this PC.',
    args: z.strictObject({
      count: z.number().int().min(1).max(8),
      /**
       * Demo and testing only: the virtual SIMs ask for this PIN before they work, so the PIN
       * dialog can be tried (a wrong PIN counts down the SIM's three tries like a real one).
       */
      pin: z.string().regex(/^\d{4,8}$/, 'A SIM PIN has 4 to 8 digits.').optional(),
      /**
       * Demo and testing only: every n-th message these modems send is answered with "STOP" a
       * second later, so the opt-out handling can be seen at work.
       */
      replyStopEvery: z.number().int().min(1).max(1000).optional(),
      /** Demo and testing only: what those recipients answer, in turn, instead of "STOP" (a near miss, HELP …). */
      replies: z.array(z.string().min(1).max(160)).min(1).max(20).optional(),
    }),
    result: z.object({ added: z.number().int().nonnegative() }),
  }),
  'modems.enterPin': defineMethod({
    summary: 'Unlocks a SIM that asks for its PIN. A refused PIN is remembered and never tried again by Fanout.',
    args: z.strictObject({
      simId: z.number().int(),
      pin: z.string().regex(/^\d{4,8}$/, 'A SIM PIN has 4 to 8 digits.'),
    }),
    result: z.object({ state: z.enum(modemStates) }),
  }),
  'modems.checkBalance': defineMethod({
    summary: "Asks the operator for the SIM's balance by USSD and returns the decoded answer.",
    args: z.strictObject({ simId: z.number().int(), code: ussdCodeSchema.optional() }),
    result: z.object({ text: z.string(), checkedAt: z.string(), code: z.string() }),
  }),
  'modems.updateLimits': defineMethod({
    summary: 'Sets how many parts a SIM may send per minute, hour and day; the engine follows at once.',
    args: z.strictObject({ simId: z.number().int(), ...simLimitsSchema.shape }),
    result: z.object({ limits: simLimitsSchema }),
  }),
  'modems.trafficLog': defineMethod({
    summary: "A modem's recent AT traffic, for support.",
    args: z.strictObject({ simId: z.number().int() }),
    result: z.object({ text: z.string() }),
  }),
};
