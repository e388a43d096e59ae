import { z } from 'zod';
import { defineMethod } from './define';
import { displayNameSchema, newPasswordSchema, operatorRoles, usernameSchema } from './auth';

export const operatorSummarySchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(operatorRoles),
  disabled: z.boolean(),
  /** Locked out after too many wrong passwords, until an admin unlocks or the lock-out expires. */
  lockedOut: z.boolean(),
  lastLoginAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type OperatorSummary = z.infer<typeof operatorSummarySchema>;

const operatorId = z.number().int().positive();
const oneOperator = z.object({ operator: operatorSummarySchema });

export const minIdleLockMinutes = 1;
export const maxIdleLockMinutes = 240;

export const operatorsMethods = {
  'operators.list': defineMethod({
    summary: 'Everyone who can sign in to Fanout, with their role and whether they are locked out or switched off.',
    args: z.strictObject({}),
    result: z.object({ operators: z.array(operatorSummarySchema), idleLockMinutes: z.number().int() }),
  }),
  'operators.create': defineMethod({
    summary: 'Adds an operator with a first password the admin passes on to them.',
    args: z.strictObject({ username: usernameSchema, displayName: displayNameSchema, role: z.enum(operatorRoles), password: newPasswordSchema }),
    result: oneOperator,
  }),
  'operators.setRole': defineMethod({
    summary: 'Changes what an operator may do. The last active admin cannot be demoted.',
    args: z.strictObject({ operatorId, role: z.enum(operatorRoles) }),
    result: oneOperator,
  }),
  'operators.setDisabled': defineMethod({
    summary: 'Switches an operator off (signed out everywhere, cannot sign in) or on again. Nobody can switch themselves off.',
    args: z.strictObject({ operatorId, disabled: z.boolean() }),
    result: oneOperator,
  }),
  'operators.unlock': defineMethod({
    summary: 'Lifts a lock-out after too many wrong passwords.',
    args: z.strictObject({ operatorId }),
    result: oneOperator,
  }),
  'operators.resetPassword': defineMethod({
    summary: 'Gives an operator a new password (and lifts a lock-out); their open sessions are signed out.',
    args: z.strictObject({ operatorId, password: newPasswordSchema }),
    result: oneOperator,
  }),
  'operators.setIdleLock': defineMethod({
    summary: 'After how many minutes without activity a session locks.',
    args: z.strictObject({
      minutes: z
        .number()
        .int('Enter whole minutes.')
        .min(minIdleLockMinutes, `At least ${minIdleLockMinutes} minute.`)
        .max(maxIdleLockMinutes, `At most ${maxIdleLockMinutes} minutes.`),
    }),
    result: z.object({ idleLockMinutes: z.number().int() }),
  }),
};
