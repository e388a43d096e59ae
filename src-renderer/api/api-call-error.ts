import type { ApiError, ApiErrorCode, ApiFieldIssue } from '../../src-shared/api';

/** A refused or failed call, with the service's plain-language message for the user. */
export class ApiCallError extends Error {
  readonly code: ApiErrorCode;
  readonly details: string[];
  /** The refused arguments one by one (validation errors only), for texts beside each field. */
  readonly issues: ApiFieldIssue[];

  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.details = error.details ?? [];
    this.issues = error.issues ?? [];
  }
}
