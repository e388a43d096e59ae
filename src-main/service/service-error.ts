import type { ApiErrorCode, ApiFieldIssue } from '../../src-shared/api';

/**
 * An error a handler raises on purpose. Its message is shown to the user as it is, so it says
 * what happened and what to do; anything else a handler throws is reported as an internal error.
 */
export class ServiceError extends Error {
  /** The refused fields, when the handler checked its arguments further than the contract can (a combination, after merging). */
  readonly issues?: ApiFieldIssue[];

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: string[],
    options?: { cause?: unknown; issues?: ApiFieldIssue[] },
  ) {
    super(message, options);
    this.name = 'ServiceError';
    if (options?.issues) this.issues = options.issues;
  }
}
