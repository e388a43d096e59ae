// Commands a modem may refuse or ignore without Fanout failing: identification queries, the
// character set, vendor switches (^CURC), the message store. Odd firmwares answer some of them
// with ERROR and a few with nothing at all (AT+CSCS on some sticks, AT+CPMS while the SIM store
// is in a strange state), so each gets a short timeout of its own: a silent one costs about two
// seconds, not the channel's full timeout. After a silence the channel resynchronises with its
// S-register marker before the next command (at-channel.ts), so a late answer is never taken
// for the next command's.

import type { AtChannel } from './at-channel';
import { AtCommandError, AtResyncError, AtTimeoutError, EssentialCommandSilentError } from './errors';

/**
 * Long enough for any answer that needs no SIM or network work (a modem answers a query in
 * tens of milliseconds, a loaded USB hub adds a few hundred), short enough that a firmware
 * which ignores a command does not hold up the open.
 */
export const optionalCommandTimeoutMs = 2000;

/** What happened to the optional commands of one open, for the set-up report and the traffic log. */
export class OptionalCommands {
  /** Commands the modem accepted. */
  readonly applied: string[] = [];
  /** Commands it refused, with its answer. */
  readonly refused: { command: string; answer: string }[] = [];
  /** Commands it never answered. */
  readonly unanswered: string[] = [];

  constructor(
    private readonly channel: AtChannel,
    private readonly timeoutMs = optionalCommandTimeoutMs,
  ) {}

  /** The command's information lines, or null when the modem refused it or stayed silent. */
  async send(command: string): Promise<readonly string[] | null> {
    // A command sent again (identification after the PIN unlocked the SIM) is reported once, as it went last.
    this.forget(command);
    try {
      // After an earlier silence, the marker before this command waits out that command's late
      // answer, which may come as late as any answer (gave up after 2 s, answered at 4 s): the
      // channel's own timeout, not this command's short one.
      const reply = await this.channel.send(command, { timeoutMs: this.timeoutMs, resyncTimeoutMs: Math.max(this.timeoutMs, this.channel.defaultTimeoutMs) });
      this.applied.push(command);
      return reply.lines;
    } catch (error) {
      if (error instanceof AtCommandError) {
        this.refused.push({ command, answer: 'line' in error.result ? error.result.line : 'ERROR' });
        return null;
      }
      // A resynchronisation failure means the modem has stopped answering altogether (the
      // command was never written): not something to carry on from.
      if (error instanceof AtTimeoutError && !(error instanceof AtResyncError)) {
        this.unanswered.push(command);
        this.channel.log.add('note', `warning: optional ${command} unanswered; carrying on without it`);
        return null;
      }
      throw error;
    }
  }

  private forget(command: string): void {
    for (const list of [this.applied, this.unanswered]) {
      const index = list.indexOf(command);
      if (index >= 0) list.splice(index, 1);
    }
    const refusal = this.refused.findIndex((entry) => entry.command === command);
    if (refusal >= 0) this.refused.splice(refusal, 1);
  }

  /** The first information line, or null (refused, silent, or nothing to say). */
  async firstLine(command: string): Promise<string | null> {
    return (await this.send(command))?.[0] ?? null;
  }

  /** One sentence per silent command, for the user and the support log. */
  get warnings(): string[] {
    return this.unanswered.map(
      (command) =>
        `The modem did not answer ${command} within ${this.timeoutMs} ms; Fanout carried on without it.`,
    );
  }
}

/**
 * A command the modem cannot be used without: its timeout is the channel's, and a silence
 * becomes an EssentialCommandSilentError naming the command and what it was for. A refusal
 * is the caller's to judge and is passed on as it is.
 */
export async function sendEssential(
  channel: AtChannel,
  command: string,
  purpose: string,
): Promise<readonly string[]> {
  try {
    return (await channel.send(command)).lines;
  } catch (error) {
    if (error instanceof AtTimeoutError && !(error instanceof EssentialCommandSilentError))
      throw new EssentialCommandSilentError(command, error.timeoutMs, purpose);
    throw error;
  }
}
