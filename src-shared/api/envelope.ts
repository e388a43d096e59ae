import { z } from 'zod';

/**
 * Every answer that crosses a process boundary is one of these two shapes, so a transport never
 * has to invent its own error format and an error always survives JSON serialisation.
 */
export const apiErrorCodes = [
  'bad-request',
  'unknown-method',
  'unauthorized',
  /** No operator is signed in on this window or tab: show the login (or first-run) screen. */
  'not-signed-in',
  /** The session is locked (idle, OS lock, by hand): show the lock screen. */
  'locked',
  'forbidden',
  'not-found',
  'conflict',
  'unavailable',
  'internal',
] as const;
export type ApiErrorCode = (typeof apiErrorCodes)[number];

export const apiErrorSchema = z.object({
  code: z.enum(apiErrorCodes),
  /** Plain words for the person at the screen: what happened and what to do. */
  message: z.string(),
  /** Extra lines, e.g. one per invalid argument. */
  details: z.array(z.string()).optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const envelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: apiErrorSchema }),
]);

export function okEnvelope<T>(value: T): Envelope<T> {
  return { ok: true, value };
}

export function errorEnvelope(code: ApiErrorCode, message: string, details?: string[]): Envelope<never> {
  return { ok: false, error: details && details.length > 0 ? { code, message, details } : { code, message } };
}

/** Turns zod's issues into lines a person can read: "args.message: Too big: expected …". */
export function describeValidationIssues(error: z.ZodError, prefix: string): string[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].join('.');
    return `${path}: ${issue.message}`;
  });
}
