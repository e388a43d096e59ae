/** Why an input could not be encoded. Thrown only by encoders, for input the caller should have validated. */
export type CodecErrorCode =
  | 'invalid-address'
  | 'invalid-reference'
  | 'invalid-validity-period'
  | 'invalid-message-reference'
  | 'invalid-status'
  | 'invalid-timestamp'
  | 'unencodable-character'
  | 'too-many-parts';

export class CodecError extends Error {
  override readonly name = 'CodecError';
  constructor(
    readonly code: CodecErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The error envelope decoders return instead of throwing (same shape as the API's error envelope). */
export type DecodeResult<T> =
  { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** Why bytes could not be decoded as a PDU. */
export type PduDecodeErrorCode =
  | 'invalid-hex'
  | 'truncated'
  | 'unsupported-message-type'
  | 'invalid-address'
  | 'invalid-timestamp'
  | 'invalid-user-data'
  | 'unsupported-compression'
  | 'internal';

/**
 * Raised inside the decoders and turned into a DecodeResult at the single public entry point,
 * so each field reader can stop at the first problem without threading results through.
 */
export class PduFormatError extends Error {
  override readonly name = 'PduFormatError';
  constructor(
    readonly code: PduDecodeErrorCode,
    message: string,
  ) {
    super(message);
  }
}
