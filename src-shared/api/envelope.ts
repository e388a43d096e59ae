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

/**
 * One refused argument, in a form a window can translate and show beside its field: where it is,
 * which rule it broke (zod's issue code) and the bound or format that rule names. `message` is
 * the service's English sentence, for a window that has no text of its own for this one.
 */
export const apiFieldIssueSchema = z.object({
  /** Inside the arguments, e.g. ['limits', 'perMinute'] or ['listIds', 0]. */
  path: z.array(z.union([z.string(), z.number()])),
  /** 'too_small', 'too_big', 'invalid_type', 'invalid_format', 'invalid_value', 'unrecognized_keys', 'custom', … */
  kind: z.string(),
  /** What was measured for too_small/too_big: 'string' (characters), 'array' (items), 'number'. */
  origin: z.string().optional(),
  /** The bound of too_small/too_big. */
  bound: z.number().optional(),
  /** Whether the bound itself is allowed (>= rather than >). */
  inclusive: z.boolean().optional(),
  /** invalid_type: the type wanted ('int', 'number', 'string', …); invalid_format: the format ('datetime', 'regex', 'email', …). */
  expected: z.string().optional(),
  message: z.string(),
});
export type ApiFieldIssue = z.infer<typeof apiFieldIssueSchema>;

export const apiErrorSchema = z.object({
  code: z.enum(apiErrorCodes),
  /** Plain words for the person at the screen: what happened and what to do. */
  message: z.string(),
  /** Extra lines, e.g. one per invalid argument. */
  details: z.array(z.string()).optional(),
  /** The refused arguments one by one (validation errors only), for texts beside each field. */
  issues: z.array(apiFieldIssueSchema).optional(),
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

export function errorEnvelope(code: ApiErrorCode, message: string, details?: string[], issues?: ApiFieldIssue[]): Envelope<never> {
  const error: ApiError = { code, message };
  if (details && details.length > 0) error.details = details;
  if (issues && issues.length > 0) error.issues = issues;
  return { ok: false, error };
}

/** Turns zod's issues into lines a person can read: "args.message: Too big: expected …". */
export function describeValidationIssues(error: z.ZodError, prefix: string): string[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].join('.');
    return `${path}: ${issue.message}`;
  });
}

/** zod's issues as field issues (see apiFieldIssueSchema); the fields a rule did not set stay out. */
export function fieldIssuesOf(error: z.ZodError): ApiFieldIssue[] {
  return error.issues.map((issue) => {
    const field: ApiFieldIssue = { path: issue.path.map((part) => (typeof part === 'number' ? part : String(part))), kind: issue.code, message: issue.message };
    if (issue.code === 'too_small' || issue.code === 'too_big') {
      field.origin = issue.origin;
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      if (typeof bound === 'number') field.bound = bound;
      if (issue.inclusive !== undefined) field.inclusive = issue.inclusive;
    } else if (issue.code === 'invalid_type') {
      field.expected = issue.expected;
    } else if (issue.code === 'invalid_format') {
      field.expected = issue.format;
    }
    return field;
  });
}
