import type { z } from 'zod';

/** Who may call a method. Enforced by the service for every transport (see the privacy issue). */
export type ApiRole = 'viewer' | 'sender' | 'admin';

export interface ApiMethodDefinition<Args extends z.ZodType, Result extends z.ZodType> {
  args: Args;
  result: Result;
  /** The lowest role allowed to call it. */
  minimumRole: ApiRole;
  summary: string;
}

export function defineMethod<Args extends z.ZodType, Result extends z.ZodType>(
  definition: ApiMethodDefinition<Args, Result>,
): ApiMethodDefinition<Args, Result> {
  return definition;
}
