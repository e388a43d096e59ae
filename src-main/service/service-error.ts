import type { ApiErrorCode } from '../../src-shared/api';

/**
 * An error a handler raises on purpose. Its message is shown to the user as it is, so it says
 * what happened and what to do; anything else a handler throws is reported as an internal error.
 */
export class ServiceError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: string[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ServiceError';
  }
}
