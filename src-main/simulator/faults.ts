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
}

export const noFaults: FaultPlan = {};
