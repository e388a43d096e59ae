// Faults the virtual modem can be told to show, so every failure path of the driver and the
// engine can be exercised on demand.

export interface FaultPlan {
  /** Recipients (as written in the PDU, e.g. "+4915112345678") whose submits fail with this CMS code. */
  readonly cmsErrorFor?: Readonly<Record<string, number>>;
  /** After this many accepted submits the modem stops answering anything. */
  readonly hangAfterSends?: number;
  /** How long a hang lasts; it also ends when the port is reopened (DTR drop resets the modem). Forever if unset. */
  readonly hangForMs?: number;
  /** After this many accepted submits the modem disappears from the bus. */
  readonly unplugAfterSends?: number;
  /** How long until an unplugged modem comes back; never if unset. */
  readonly replugAfterMs?: number;
  /** The modem is not registered: AT+CREG? says searching, submits fail with CMS 331. */
  readonly noNetwork?: boolean;
  /** The SIM wants this PIN before anything SIM-related works. */
  readonly pinRequired?: string;
  /** The prompt of the next N submits never appears (lost on the line). */
  readonly losePromptTimes?: number;
  /**
   * Commands whose answer is held back, as a busy modem does (reading the SIM store, scanning
   * the radio): the echo comes at once, the answer after `afterMs`, and anything the host
   * types meanwhile is executed after it, in order.
   */
  readonly lateAnswers?: readonly LateAnswer[];
  /**
   * Commands the modem never answers, as some firmwares ignore AT+CSCS, ^CURC, +QURCCFG or
   * AT+CPMS: echoed if echo is on, then nothing, and the next command is taken as usual.
   * Each is the start of the command line as typed ("AT+CSCS", "AT+CPMS=\""), case-insensitive.
   */
  readonly silentCommands?: readonly string[];
}

export interface LateAnswer {
  /** The start of the command line, as typed: "AT+CSQ", "AT+CPMS?". Case-insensitive. */
  readonly command: string;
  readonly afterMs: number;
  /** How many times (the first N matching commands); once if unset. */
  readonly times?: number;
}

export const noFaults: FaultPlan = {};
