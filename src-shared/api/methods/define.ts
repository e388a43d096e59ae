import type { z } from 'zod';

export interface ApiMethodDefinition<Args extends z.ZodType, Result extends z.ZodType> {
  args: Args;
  result: Result;
  summary: string;
}

export function defineMethod<Args extends z.ZodType, Result extends z.ZodType>(
  definition: ApiMethodDefinition<Args, Result>,
): ApiMethodDefinition<Args, Result> {
  return definition;
}
