import type { ApiError, ApiErrorCode } from '../../src-shared/api';

/** A refused or failed call, with the service's plain-language message for the user. */
export class ApiCallError extends Error {
  readonly code: ApiErrorCode;
  readonly details: string[];

  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.details = error.details ?? [];
  }
}
