import { z } from 'zod';
import { defineMethod } from './define';

export const operatorRoles = ['admin', 'sender', 'viewer'] as const;
export type OperatorRoleName = (typeof operatorRoles)[number];

/** Login names: what people type, so letters of any script, digits and . _ - @. Compared lower-cased. */
export const usernameSchema = z
  .string()
  .trim()
  .min(2, 'A user name needs at least 2 characters.')
  .max(64, 'A user name can be at most 64 characters long.')
  .regex(/^[\p{L}\p{N}._@-]+$/u, 'A user name may contain letters, digits and . _ - @, but no spaces.');

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter the name shown for this person.')
  .max(100, 'A name can be at most 100 characters long.');

/** Long enough to resist guessing at the 5-try lock-out; no composition rules (NIST SP 800-63B §5.1.1). */
export const newPasswordSchema = z
  .string()
  .min(10, 'A password needs at least 10 characters.')
  .max(200, 'A password can be at most 200 characters long.');

/** A password being checked: never validated beyond its size, so a wrong one is just wrong. */
const givenPasswordSchema = z.string().min(1, 'Enter the password.').max(200);

export const sessionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export const signedInOperatorSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(operatorRoles),
});
export type SignedInOperatorSummary = z.infer<typeof signedInOperatorSchema>;

const signInResult = z.object({
  /** `serve` tabs keep it and send it with every request; an Electron window is bound by the transport. */
  sessionId: sessionIdSchema,
  operator: signedInOperatorSchema,
});

export const authMethods = {
  'auth.status': defineMethod({
    summary: 'Whether the first admin must still be created, who is signed in here, and whether this session is locked.',
    args: z.strictObject({}),
    result: z.object({
      needsFirstAdmin: z.boolean(),
      operator: signedInOperatorSchema.nullable(),
      locked: z.boolean(),
      /** Minutes without activity before a session locks. */
      idleLockMinutes: z.number().int(),
    }),
  }),
  'auth.createFirstAdmin': defineMethod({
    summary: 'Creates the administrator on first start and signs them in. Refused once any operator exists.',
    args: z.strictObject({ username: usernameSchema, displayName: displayNameSchema, password: newPasswordSchema }),
    result: signInResult,
  }),
  'auth.login': defineMethod({
    summary: 'Signs an operator in on this window or tab. Five wrong passwords in a row lock the account out.',
    args: z.strictObject({ username: z.string().trim().min(1, 'Enter your user name.').max(64), password: givenPasswordSchema }),
    result: signInResult,
  }),
  'auth.logout': defineMethod({
    summary: 'Signs out of this window or tab.',
    args: z.strictObject({}),
    result: z.object({}),
  }),
  'auth.lock': defineMethod({
    summary: 'Locks this session until the operator enters their password again.',
    args: z.strictObject({}),
    result: z.object({}),
  }),
  'auth.unlock': defineMethod({
    summary: 'Unlocks this session with the signed-in operator’s password; wrong ones count towards the lock-out.',
    args: z.strictObject({ password: givenPasswordSchema }),
    result: z.object({ operator: signedInOperatorSchema }),
  }),
  'auth.activity': defineMethod({
    summary: 'The window saw its user act (typing, clicking): the idle lock starts counting again.',
    args: z.strictObject({}),
    result: z.object({}),
  }),
  'auth.changePassword': defineMethod({
    summary: 'Changes the signed-in operator’s own password.',
    args: z.strictObject({ currentPassword: givenPasswordSchema, newPassword: newPasswordSchema }),
    result: z.object({}),
  }),
};
