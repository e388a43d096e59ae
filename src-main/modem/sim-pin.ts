// Unlocking the SIM. A SIM locks itself after three wrong PINs (TS 31.102 §6.3), so Fanout
// enters a PIN once and, if it is refused, never tries that PIN again on its own: the user
// must type it anew.

import type { AtChannel } from './at-channel';
import { ModemError, WrongPinError } from './errors';
import { readSimStatus, type SimStatus } from './identify';

export class PinRejectedError extends ModemError {
  override readonly name: string = 'PinRejectedError';
  constructor() {
    super(
      'PIN refused earlier; not retried automatically',
      'The SIM refused the PIN Fanout had. To avoid locking the SIM, Fanout will not try it again: enter the PIN by hand.',
      'sim-or-modem',
    );
  }
}

export class PinGuard {
  private rejected = new Set<string>();

  /** Whether this PIN was already refused by this SIM. */
  wasRejected(pin: string): boolean {
    return this.rejected.has(pin);
  }

  /**
   * Enters the PIN and waits until the SIM reports ready. Throws WrongPinError if the SIM
   * refuses it (and remembers that), PinRejectedError if the same PIN was refused before
   * unless `userTyped` says a person has just entered it.
   */
  async unlock(channel: AtChannel, pin: string, options: { userTyped: boolean }): Promise<SimStatus> {
    if (!options.userTyped && this.rejected.has(pin)) throw new PinRejectedError();
    if (!/^\d{4,8}$/.test(pin))
      throw new ModemError('malformed PIN', 'A SIM PIN has 4 to 8 digits.', 'sim-or-modem');
    try {
      await channel.send(`AT+CPIN="${pin}"`, { timeoutMs: 10_000 });
    } catch (error) {
      if (error instanceof WrongPinError) this.rejected.add(pin);
      throw error;
    }
    this.rejected.delete(pin);
    // The SIM takes a moment to start after the PIN; until then it answers "SIM busy".
    for (let attempt = 0; attempt < 20; attempt++) {
      const status = await readSimStatus(channel);
      if (status !== 'unknown' && status !== 'busy') return status;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return 'unknown';
  }
}
