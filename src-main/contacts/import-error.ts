// Errors an import can end with. Each message says, in plain words, what is wrong and what to do;
// the code lets the UI and the CLI react without parsing text.

export type ContactImportErrorCode =
  | 'file-unreadable'
  | 'empty-file'
  | 'binary-file'
  | 'field-too-long'
  | 'unterminated-quote'
  | 'no-phone-column'
  | 'unknown-column'
  | 'list-not-found'
  | 'interrupted'
  /** Another import into the same database has not finished. */
  | 'busy'
  | 'cancelled';

export class ContactImportError extends Error {
  override name = 'ContactImportError';
  constructor(
    readonly code: ContactImportErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
