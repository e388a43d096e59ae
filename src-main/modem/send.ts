// Sending one message: every part with AT+CMGS in PDU mode (TS 27.005 §3.5.1), each part's
// message reference collected. AT+CMGS is never sent twice for the same part: once the text
// may have left, a second try could deliver the message twice, so a lost prompt or a missing
// answer makes the outcome "unknown" and the decision goes to the caller.

import { encodeSubmit, type SubmitPart } from '../../src-shared/sms';
import type { AtChannel } from './at-channel';
import {
  AtCommandError,
  AtResyncError,
  AtTimeoutError,
  CmeError,
  CmsError,
  ModemError,
  PortClosedError,
  PromptLostError,
  type SendFailureClass,
} from './errors';

export interface SendRequest {
  /** International ("+4917012345678") or national digits. */
  readonly to: string;
  readonly text: string;
  readonly requestStatusReport?: boolean;
  readonly validityPeriodMinutes?: number;
  readonly flash?: boolean;
  readonly encoding?: 'gsm7' | 'ucs2';
}

export type PartStatus = 'accepted' | 'failed' | 'unknown' | 'not-sent';

export interface PartResult {
  readonly partNumber: number;
  readonly totalParts: number;
  readonly status: PartStatus;
  /** TP-MR the modem assigned ("+CMGS: <mr>"); status reports quote it. */
  readonly reference: number | null;
}

export interface SendFailure {
  readonly name: string;
  readonly message: string;
  readonly userMessage: string;
  readonly failureClass: SendFailureClass;
  /** CMS/CME code when the modem gave one. */
  readonly code: number | null;
}

export interface SendResult {
  /** accepted: every part taken by the network; failed: definitely not (fully) sent; unknown: may have gone out. */
  readonly outcome: 'accepted' | 'failed' | 'unknown';
  readonly parts: readonly PartResult[];
  readonly error: SendFailure | null;
}

export function describeFailure(error: unknown): SendFailure {
  if (error instanceof ModemError) {
    return {
      name: error.name,
      message: error.message,
      userMessage: error.userMessage,
      failureClass: error.failureClass,
      code: error instanceof CmsError || error instanceof CmeError ? error.code : null,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    name: 'Error',
    message,
    userMessage: `Sending failed: ${message}`,
    failureClass: 'transient',
    code: null,
  };
}

function parseReference(lines: readonly string[]): number | null {
  for (const line of lines) {
    const match = /^\+CMGS:\s*(\d+)/.exec(line);
    if (match) return Number(match[1]);
  }
  return null;
}

export interface SendTimeouts {
  readonly promptTimeoutMs?: number;
  readonly submitTimeoutMs?: number;
}

export interface SendProgress {
  /**
   * A part was accepted (its reference known). Awaited before the next part is written, so the
   * caller can make the hand-over durable first: after a crash between parts it then knows
   * which of them went out. A rejection stops the message there: later parts are not written
   * and the outcome is "failed" with the rejection as its error (also after the last part,
   * where it says the caller could not take note); the parts list still shows what was accepted.
   */
  readonly onPartAccepted?: (part: PartResult) => void | Promise<void>;
}

export async function sendParts(
  channel: AtChannel,
  parts: readonly SubmitPart[],
  timeouts: SendTimeouts = {},
  progress: SendProgress = {},
): Promise<SendResult> {
  const results: PartResult[] = [];
  let failure: { error: unknown; status: 'failed' | 'unknown' } | null = null;
  for (const part of parts) {
    if (failure) {
      results.push({
        partNumber: part.partNumber,
        totalParts: part.totalParts,
        status: 'not-sent',
        reference: null,
      });
      continue;
    }
    try {
      const reply = await channel.send(`AT+CMGS=${part.tpduLength}`, {
        payload: part.pdu,
        promptTimeoutMs: timeouts.promptTimeoutMs ?? 10_000,
        timeoutMs: timeouts.submitTimeoutMs ?? 60_000,
      });
      const accepted: PartResult = {
        partNumber: part.partNumber,
        totalParts: part.totalParts,
        status: 'accepted',
        reference: parseReference(reply.lines),
      };
      results.push(accepted);
      if (progress.onPartAccepted) {
        try {
          await progress.onPartAccepted(accepted);
        } catch (error) {
          failure = { error, status: 'failed' };
        }
      }
    } catch (error) {
      // An error result means the modem did not send, and so does a failed resynchronisation or a
      // port closed while the command waited its turn (AT+CMGS was never written); anything else
      // leaves it open.
      const status =
        error instanceof AtResyncError ||
        (error instanceof PortClosedError && error.commandWritten === false) ||
        (error instanceof AtCommandError &&
          !(error instanceof PromptLostError) &&
          !(error instanceof AtTimeoutError))
          ? 'failed'
          : 'unknown';
      failure = { error, status };
      results.push({ partNumber: part.partNumber, totalParts: part.totalParts, status, reference: null });
    }
  }
  if (!failure) return { outcome: 'accepted', parts: results, error: null };
  // Parts already accepted stay accepted: the result lists them, the message as a whole failed.
  return { outcome: failure.status, parts: results, error: describeFailure(failure.error) };
}

/** Encodes and sends; encoding problems (bad number, too long) come back as a failed result. */
export async function sendMessage(
  channel: AtChannel,
  request: SendRequest,
  concatReference: number,
  timeouts?: SendTimeouts,
  progress?: SendProgress,
): Promise<SendResult> {
  let parts: SubmitPart[];
  try {
    parts = encodeSubmit({ ...request, concatReference });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      outcome: 'failed',
      parts: [],
      error: {
        name: error instanceof Error ? error.name : 'Error',
        message,
        userMessage: `The message cannot be sent: ${message}`,
        failureClass: 'permanent-recipient',
        code: null,
      },
    };
  }
  return sendParts(channel, parts, timeouts, progress);
}
