// Typed errors for everything a modem can answer or fail to answer. CME codes come from
// 3GPP TS 27.007 §9.2, CMS codes from TS 27.005 §3.2.5 (0–255 are the RP and TP cause values
// of TS 24.011 §8.2.5.4 and TS 23.040 §9.2.3.22). Each carries a message a user can act on and,
// for sending, how the failure should be treated.

import type { FinalResult } from './result-codes';

/**
 * How a failed send should be handled:
 * - 'permanent-recipient': retrying this message will not help (unknown number, barred recipient, bad message);
 * - 'transient': try again later, on this or another modem (congestion, network timeout);
 * - 'sim-or-modem': this modem cannot send now (no network, no credit, SIM problem); hand the work to another modem.
 */
export type SendFailureClass = 'permanent-recipient' | 'transient' | 'sim-or-modem';

export class ModemError extends Error {
  override readonly name: string = 'ModemError';
  constructor(
    message: string,
    /** What to tell the user, including what they can do about it. */
    readonly userMessage: string,
    readonly failureClass: SendFailureClass,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The modem answered a command with an error result. */
export class AtCommandError extends ModemError {
  override readonly name: string = 'AtCommandError';
  constructor(
    readonly command: string,
    readonly result: FinalResult,
    userMessage: string,
    failureClass: SendFailureClass,
  ) {
    super(`${command} failed: ${'line' in result ? result.line : 'OK'}`, userMessage, failureClass);
  }
}

export class CmeError extends AtCommandError {
  override readonly name: string = 'CmeError';
  constructor(
    command: string,
    result: FinalResult & { kind: 'cme-error' },
    readonly code: number | null,
    userMessage: string,
    failureClass: SendFailureClass,
  ) {
    super(command, result, userMessage, failureClass);
  }
}

export class SimPinRequiredError extends CmeError {
  override readonly name: string = 'SimPinRequiredError';
}
export class SimPukRequiredError extends CmeError {
  override readonly name: string = 'SimPukRequiredError';
}
export class WrongPinError extends CmeError {
  override readonly name: string = 'WrongPinError';
}
export class SimNotInsertedError extends CmeError {
  override readonly name: string = 'SimNotInsertedError';
}
export class SimBusyError extends CmeError {
  override readonly name: string = 'SimBusyError';
}

export class CmsError extends AtCommandError {
  override readonly name: string = 'CmsError';
  constructor(
    command: string,
    result: FinalResult & { kind: 'cms-error' },
    readonly code: number | null,
    /** The cause as the specification names it, e.g. "Unassigned (unallocated) number". */
    readonly reason: string,
    userMessage: string,
    failureClass: SendFailureClass,
  ) {
    super(command, result, userMessage, failureClass);
  }
}

/** No final result code arrived in time. */
export class AtTimeoutError extends ModemError {
  override readonly name: string = 'AtTimeoutError';
  constructor(
    readonly command: string,
    readonly timeoutMs: number,
    /** True when the message body had already been written: it may have reached the network. */
    readonly afterPayload: boolean,
    userMessage = 'The modem stopped answering. Fanout will try to wake it up; if it stays silent, unplug it and plug it back in.',
  ) {
    super(`${command} got no answer within ${timeoutMs} ms`, userMessage, 'sim-or-modem');
  }
}

/**
 * A command the modem cannot be used without (PDU mode, the SIM's status) got no answer while
 * opening, although the modem answered AT: the open fails rather than leaving a modem that
 * would fail every send.
 */
export class EssentialCommandSilentError extends AtTimeoutError {
  override readonly name: string = 'EssentialCommandSilentError';
  constructor(
    command: string,
    timeoutMs: number,
    /** What the command is for, in words: "switching to PDU mode". */
    readonly purpose: string,
  ) {
    super(
      command,
      timeoutMs,
      false,
      `The modem answered AT but not ${command} (${purpose}), which Fanout needs. Unplug it and plug it back in; if this keeps happening, its firmware may not be usable for SMS.`,
    );
  }
}

/**
 * A command was given up on earlier, and the modem did not answer the marker that must come
 * back before anything it says can be trusted again. The command itself was never written, so
 * an AT+CMGS that fails this way definitely did not send.
 */
export class AtResyncError extends AtTimeoutError {
  override readonly name: string = 'AtResyncError';
  constructor(command: string, timeoutMs: number) {
    super(command, timeoutMs, false);
  }
}

/** AT+CMGS never showed its "> " prompt; the command was cancelled with ESC. */
export class PromptLostError extends ModemError {
  override readonly name: string = 'PromptLostError';
  constructor(readonly command: string) {
    super(
      `${command}: no "> " prompt`,
      'The modem did not ask for the message text. The send was cancelled; whether it went out is unknown.',
      'sim-or-modem',
    );
  }
}

export class PortClosedError extends ModemError {
  override readonly name: string = 'PortClosedError';
  constructor(
    readonly path: string,
    options?: { cause?: unknown; commandWritten?: boolean },
  ) {
    super(
      `port ${path} closed`,
      `The modem on ${path} was disconnected. Check the USB cable; Fanout re-attaches it when it comes back.`,
      'sim-or-modem',
      options,
    );
    this.commandWritten = options?.commandWritten ?? null;
  }

  /**
   * Whether the command this error ended had been written to the modem: false for one still
   * waiting its turn (or behind a resynchronisation), so an AT+CMGS that fails so is known not
   * to have gone out; null where it is not known.
   */
  readonly commandWritten: boolean | null;

  /** The same closure, for a command that was never written. */
  forUnwrittenCommand(): PortClosedError {
    return new PortClosedError(this.path, { cause: this.cause, commandWritten: false });
  }
}

export class NotAModemError extends ModemError {
  override readonly name: string = 'NotAModemError';
  constructor(readonly path: string) {
    super(
      `no AT modem answered on ${path}`,
      `Nothing on ${path} answered like a modem. It may be another kind of device, or the modem's diagnostic port; try its other ports.`,
      'sim-or-modem',
    );
  }
}

interface CodeInfo {
  readonly reason: string;
  readonly userMessage: string;
  readonly failureClass: SendFailureClass;
}

const simOrModem = 'sim-or-modem' as const;
const transient = 'transient' as const;
const permanent = 'permanent-recipient' as const;

const cmeCodes: Record<number, CodeInfo> = {
  0: {
    reason: 'Phone failure',
    userMessage: 'The modem reported an internal failure. Unplug it and plug it back in.',
    failureClass: simOrModem,
  },
  3: {
    reason: 'Operation not allowed',
    userMessage: 'The modem refused the operation in its current state.',
    failureClass: simOrModem,
  },
  4: {
    reason: 'Operation not supported',
    userMessage: 'This modem does not support the operation.',
    failureClass: simOrModem,
  },
  5: {
    reason: 'PH-SIM PIN required',
    userMessage: 'The modem is locked to another SIM. Unlock it with its network code.',
    failureClass: simOrModem,
  },
  10: {
    reason: 'SIM not inserted',
    userMessage: 'No SIM card was found. Insert a SIM card and replug the modem.',
    failureClass: simOrModem,
  },
  11: {
    reason: 'SIM PIN required',
    userMessage: 'The SIM card needs its PIN. Enter the PIN for this modem.',
    failureClass: simOrModem,
  },
  12: {
    reason: 'SIM PUK required',
    userMessage: 'The SIM card is blocked and needs its PUK. Unblock it in a phone first.',
    failureClass: simOrModem,
  },
  13: {
    reason: 'SIM failure',
    userMessage: 'The SIM card failed. Reseat it or try another SIM.',
    failureClass: simOrModem,
  },
  14: {
    reason: 'SIM busy',
    userMessage: 'The SIM card is busy starting up. Wait a few seconds.',
    failureClass: transient,
  },
  15: {
    reason: 'SIM wrong',
    userMessage: 'The SIM card was rejected by the modem.',
    failureClass: simOrModem,
  },
  16: {
    reason: 'Incorrect password',
    userMessage:
      'The PIN was wrong. Fanout will not try it again: after three wrong PINs the SIM locks. Check the PIN and enter it by hand.',
    failureClass: simOrModem,
  },
  17: { reason: 'SIM PIN2 required', userMessage: 'The SIM card needs its PIN2.', failureClass: simOrModem },
  18: { reason: 'SIM PUK2 required', userMessage: 'The SIM card needs its PUK2.', failureClass: simOrModem },
  20: { reason: 'Memory full', userMessage: 'The modem memory is full.', failureClass: simOrModem },
  21: {
    reason: 'Invalid index',
    userMessage: 'The modem has no entry at that index.',
    failureClass: simOrModem,
  },
  22: { reason: 'Not found', userMessage: 'The modem did not find the entry.', failureClass: simOrModem },
  23: { reason: 'Memory failure', userMessage: 'The modem memory failed.', failureClass: simOrModem },
  30: {
    reason: 'No network service',
    userMessage: 'The modem has no network. Check the antenna and the SIM’s network coverage.',
    failureClass: simOrModem,
  },
  31: {
    reason: 'Network timeout',
    userMessage: 'The network did not answer in time. Fanout will retry.',
    failureClass: transient,
  },
  32: {
    reason: 'Network not allowed - emergency calls only',
    userMessage: 'The network only allows emergency calls with this SIM. Check that the SIM is active.',
    failureClass: simOrModem,
  },
  100: { reason: 'Unknown', userMessage: 'The modem reported an unknown error.', failureClass: transient },
};

const cmsCodes: Record<number, CodeInfo> = {
  1: {
    reason: 'Unassigned (unallocated) number',
    userMessage: 'The number does not exist.',
    failureClass: permanent,
  },
  8: {
    reason: 'Operator determined barring',
    userMessage: 'The operator has barred this SIM from sending. Check its credit and plan.',
    failureClass: simOrModem,
  },
  10: {
    reason: 'Call barred',
    userMessage: 'Outgoing messages are barred on this SIM.',
    failureClass: simOrModem,
  },
  21: {
    reason: 'Short message transfer rejected',
    userMessage: 'The network rejected the message for this recipient.',
    failureClass: permanent,
  },
  27: {
    reason: 'Destination out of service',
    userMessage: 'The recipient is out of service. Fanout will retry.',
    failureClass: transient,
  },
  28: {
    reason: 'Unidentified subscriber',
    userMessage: 'The network does not know the recipient.',
    failureClass: permanent,
  },
  29: {
    reason: 'Facility rejected',
    userMessage: 'The network refused the service for this SIM.',
    failureClass: simOrModem,
  },
  30: {
    reason: 'Unknown subscriber',
    userMessage: 'The recipient is not a known subscriber.',
    failureClass: permanent,
  },
  38: {
    reason: 'Network out of order',
    userMessage: 'The network is out of order. Fanout will retry.',
    failureClass: transient,
  },
  41: {
    reason: 'Temporary failure',
    userMessage: 'The network failed temporarily. Fanout will retry.',
    failureClass: transient,
  },
  42: {
    reason: 'Congestion',
    userMessage: 'The network is congested. Fanout will retry.',
    failureClass: transient,
  },
  47: {
    reason: 'Resources unavailable, unspecified',
    userMessage: 'The network has no resources right now. Fanout will retry.',
    failureClass: transient,
  },
  50: {
    reason: 'Requested facility not subscribed',
    userMessage: 'This SIM’s plan does not include sending messages.',
    failureClass: simOrModem,
  },
  69: {
    reason: 'Requested facility not implemented',
    userMessage: 'The network does not offer this service.',
    failureClass: simOrModem,
  },
  81: {
    reason: 'Invalid short message transfer reference value',
    userMessage: 'The network rejected the message reference. Fanout will retry.',
    failureClass: transient,
  },
  95: {
    reason: 'Invalid message, unspecified',
    userMessage: 'The network rejected the message as invalid.',
    failureClass: permanent,
  },
  96: {
    reason: 'Invalid mandatory information',
    userMessage: 'The network rejected the message; the number may be malformed.',
    failureClass: permanent,
  },
  97: {
    reason: 'Message type non-existent or not implemented',
    userMessage: 'The network rejected the message type.',
    failureClass: transient,
  },
  98: {
    reason: 'Message not compatible with short message protocol state',
    userMessage: 'The network was in the wrong state. Fanout will retry.',
    failureClass: transient,
  },
  99: {
    reason: 'Information element non-existent or not implemented',
    userMessage: 'The network rejected part of the message.',
    failureClass: transient,
  },
  111: {
    reason: 'Protocol error, unspecified',
    userMessage: 'A network protocol error occurred. Fanout will retry.',
    failureClass: transient,
  },
  127: {
    reason: 'Interworking, unspecified',
    userMessage: 'A network interworking error occurred. Fanout will retry.',
    failureClass: transient,
  },
  128: {
    reason: 'Telematic interworking not supported',
    userMessage: 'The recipient cannot receive this kind of message.',
    failureClass: permanent,
  },
  129: {
    reason: 'Short message Type 0 not supported',
    userMessage: 'The recipient cannot receive this kind of message.',
    failureClass: permanent,
  },
  130: {
    reason: 'Cannot replace short message',
    userMessage: 'The message could not replace an earlier one.',
    failureClass: permanent,
  },
  143: {
    reason: 'Unspecified TP-PID error',
    userMessage: 'The network rejected the message’s protocol identifier.',
    failureClass: permanent,
  },
  144: {
    reason: 'Data coding scheme (alphabet) not supported',
    userMessage: 'The recipient cannot receive this alphabet.',
    failureClass: permanent,
  },
  145: {
    reason: 'Message class not supported',
    userMessage: 'The recipient cannot receive this message class.',
    failureClass: permanent,
  },
  159: {
    reason: 'Unspecified TP-DCS error',
    userMessage: 'The network rejected the message encoding.',
    failureClass: permanent,
  },
  160: {
    reason: 'Command cannot be actioned',
    userMessage: 'The network could not act on the command.',
    failureClass: simOrModem,
  },
  161: {
    reason: 'Command unsupported',
    userMessage: 'The network does not support the command.',
    failureClass: simOrModem,
  },
  176: {
    reason: 'TPDU not supported',
    userMessage: 'The network does not support this message format.',
    failureClass: simOrModem,
  },
  192: {
    reason: 'SC busy',
    userMessage: 'The message centre is busy. Fanout will retry.',
    failureClass: transient,
  },
  193: {
    reason: 'No SC subscription',
    userMessage: 'This SIM has no message-centre subscription. Check the SIM’s plan.',
    failureClass: simOrModem,
  },
  194: {
    reason: 'SC system failure',
    userMessage: 'The message centre failed. Fanout will retry.',
    failureClass: transient,
  },
  195: {
    reason: 'Invalid SME address',
    userMessage: 'The recipient’s number is invalid.',
    failureClass: permanent,
  },
  196: {
    reason: 'Destination SME barred',
    userMessage: 'The recipient is barred from receiving messages.',
    failureClass: permanent,
  },
  197: {
    reason: 'SM Rejected-Duplicate SM',
    userMessage: 'The network rejected the message as a duplicate.',
    failureClass: permanent,
  },
  198: {
    reason: 'TP-VPF not supported',
    userMessage: 'The network does not support the validity period format.',
    failureClass: simOrModem,
  },
  199: {
    reason: 'TP-VP not supported',
    userMessage: 'The network does not support the validity period.',
    failureClass: simOrModem,
  },
  208: {
    reason: 'SIM SMS storage full',
    userMessage: 'The SIM’s message storage is full. Fanout will empty it after reading.',
    failureClass: simOrModem,
  },
  209: {
    reason: 'No SMS storage capability in SIM',
    userMessage: 'The SIM cannot store messages.',
    failureClass: simOrModem,
  },
  210: {
    reason: 'Error in MS',
    userMessage: 'The modem reported an internal error.',
    failureClass: simOrModem,
  },
  211: {
    reason: 'Memory capacity exceeded',
    userMessage: 'The modem memory is full.',
    failureClass: simOrModem,
  },
  212: {
    reason: 'SIM Application Toolkit busy',
    userMessage: 'The SIM is busy. Fanout will retry.',
    failureClass: transient,
  },
  255: {
    reason: 'Unspecified error cause',
    userMessage: 'The network reported an unspecified error. Fanout will retry.',
    failureClass: transient,
  },
  300: {
    reason: 'ME failure',
    userMessage: 'The modem failed. Unplug it and plug it back in.',
    failureClass: simOrModem,
  },
  301: {
    reason: 'SMS service of ME reserved',
    userMessage: 'The modem’s SMS service is busy.',
    failureClass: simOrModem,
  },
  302: {
    reason: 'Operation not allowed',
    userMessage: 'The modem refused the operation in its current state.',
    failureClass: simOrModem,
  },
  303: {
    reason: 'Operation not supported',
    userMessage: 'The modem does not support the operation.',
    failureClass: simOrModem,
  },
  304: {
    reason: 'Invalid PDU mode parameter',
    userMessage:
      'The modem rejected the message as malformed. This is a Fanout bug; please report it with the modem log.',
    failureClass: permanent,
  },
  305: {
    reason: 'Invalid text mode parameter',
    userMessage: 'The modem rejected the message as malformed.',
    failureClass: permanent,
  },
  310: {
    reason: 'SIM not inserted',
    userMessage: 'No SIM card was found. Insert a SIM card and replug the modem.',
    failureClass: simOrModem,
  },
  311: {
    reason: 'SIM PIN required',
    userMessage: 'The SIM card needs its PIN. Enter the PIN for this modem.',
    failureClass: simOrModem,
  },
  312: {
    reason: 'PH-SIM PIN required',
    userMessage: 'The modem is locked to another SIM.',
    failureClass: simOrModem,
  },
  313: {
    reason: 'SIM failure',
    userMessage: 'The SIM card failed. Reseat it or try another SIM.',
    failureClass: simOrModem,
  },
  314: {
    reason: 'SIM busy',
    userMessage: 'The SIM card is busy. Fanout will retry.',
    failureClass: transient,
  },
  315: {
    reason: 'SIM wrong',
    userMessage: 'The SIM card was rejected by the modem.',
    failureClass: simOrModem,
  },
  316: {
    reason: 'SIM PUK required',
    userMessage: 'The SIM card is blocked and needs its PUK.',
    failureClass: simOrModem,
  },
  320: { reason: 'Memory failure', userMessage: 'The modem memory failed.', failureClass: simOrModem },
  321: {
    reason: 'Invalid memory index',
    userMessage: 'The modem has no message at that index.',
    failureClass: simOrModem,
  },
  322: { reason: 'Memory full', userMessage: 'The modem memory is full.', failureClass: simOrModem },
  330: {
    reason: 'SMSC address unknown',
    userMessage: 'The SIM has no message-centre number. Set it with your operator’s SMSC number.',
    failureClass: simOrModem,
  },
  331: {
    reason: 'No network service',
    userMessage: 'The modem has no network. Check the antenna and the SIM’s coverage.',
    failureClass: simOrModem,
  },
  332: {
    reason: 'Network timeout',
    userMessage: 'The network did not answer in time. Fanout will retry.',
    failureClass: transient,
  },
  340: {
    reason: 'No +CNMA acknowledgement expected',
    userMessage: 'The modem did not expect an acknowledgement.',
    failureClass: transient,
  },
  500: {
    reason: 'Unknown error',
    userMessage: 'The modem reported an unknown error. Fanout will retry.',
    failureClass: transient,
  },
};

export function describeCmsCode(code: number): CodeInfo {
  const known = cmsCodes[code];
  if (known) return known;
  if (code >= 512)
    return {
      reason: 'Manufacturer-specific error',
      userMessage: `The modem reported its own error ${code}. Fanout will retry.`,
      failureClass: transient,
    };
  return {
    reason: `Error ${code}`,
    userMessage: `The network or modem reported error ${code}. Fanout will retry.`,
    failureClass: transient,
  };
}

export function describeCmeCode(code: number): CodeInfo {
  return (
    cmeCodes[code] ?? {
      reason: `Error ${code}`,
      userMessage: `The modem reported error ${code}.`,
      failureClass: simOrModem,
    }
  );
}

// With AT+CMEE=2 modems send the reason as text; map the common ones back to numbers.
function cmeCodeFromText(text: string): number | null {
  const wanted = text.toLowerCase();
  for (const [code, info] of Object.entries(cmeCodes)) {
    if (info.reason.toLowerCase() === wanted) return Number(code);
  }
  return null;
}

/** Turns an error result of `command` into the typed error a caller can act on. */
export function errorFromResult(command: string, result: FinalResult): AtCommandError {
  switch (result.kind) {
    case 'cme-error': {
      const code = result.code ?? cmeCodeFromText(result.text);
      const info =
        code === null
          ? {
              reason: result.text,
              userMessage: `The modem reported: ${result.text}.`,
              failureClass: simOrModem,
            }
          : describeCmeCode(code);
      const ErrorClass =
        code === 11
          ? SimPinRequiredError
          : code === 12
            ? SimPukRequiredError
            : code === 16
              ? WrongPinError
              : code === 10
                ? SimNotInsertedError
                : // Wavecom's own 515, "please wait, init or command processing in progress",
                  // means the same as 14 (SIM busy) while the module starts.
                  code === 14 || code === 515
                  ? SimBusyError
                  : CmeError;
      return new ErrorClass(command, result, code, info.userMessage, info.failureClass);
    }
    case 'cms-error': {
      const info =
        result.code === null
          ? {
              reason: result.text,
              userMessage: `The modem reported: ${result.text}.`,
              failureClass: transient,
            }
          : describeCmsCode(result.code);
      return new CmsError(command, result, result.code, info.reason, info.userMessage, info.failureClass);
    }
    case 'error':
      return new AtCommandError(
        command,
        result,
        `The modem answered ${result.line} to ${command}.`,
        simOrModem,
      );
    case 'connect-failure':
      return new AtCommandError(command, result, `The modem answered ${result.line}.`, simOrModem);
    case 'ok':
      throw new Error('errorFromResult called with OK');
  }
}
