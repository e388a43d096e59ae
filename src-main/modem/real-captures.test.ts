/**
 * The AT channel against real modem sessions, when the shared folder beside the checkout has
 * them: ../shared/modem-captures/*.txt, in the transcript format of test-fixtures/modem/README.md
 * (what the host wrote, what the modem answered). Real captures need real sticks, which this
 * machine has none of, and other people's captures may not be committed; the test says it skipped
 * when there are none (FANOUT_MODEM_CAPTURES names another folder). Whatever program wrote the commands, each one is written again by Fanout's
 * channel (byte for byte as captured), the modem's bytes are fed back one at a time, and every
 * command must end in a final result the channel recognises, with no unsolicited result code
 * left inside a reply.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AtChannel, type Urc } from './at-channel';
import { AtCommandError, CmeError, CmsError } from './errors';
import { parseTranscript, TranscriptPort, type TranscriptEntry } from './testing/transcript-port';

const capturesDir = process.env.FANOUT_MODEM_CAPTURES ?? fileURLToPath(new URL('../../../shared/modem-captures/', import.meta.url));
const captures = existsSync(capturesDir) ? readdirSync(capturesDir).filter((name) => name.endsWith('.txt')).sort() : [];
if (captures.length === 0) console.log(`real modem sessions: skipped, no captures in ${capturesDir}`);

// Written here, not taken from the channel's own table, so a prefix the channel does not know shows up.
const URC_PREFIXES = ['+CMTI:', '+CDSI:', '+CMT:', '+CDS:', 'RING', '^RSSI:', '^BOOT:', '^MODE:', '^SRVST:', '^SIMST:', 'RDY', 'Call Ready', 'SMS Ready', '+QIND:', '+CPIN: NOT READY'];

/** The commands of a capture as the channel is asked for them: AT+CMGS with the PDU that followed its prompt. */
function commandsOf(entries: readonly TranscriptEntry[]): { command: string; payload?: string; line: number }[] {
  const hostWrites = entries.filter((entry) => entry.from === 'host');
  const commands: { command: string; payload?: string; line: number }[] = [];
  for (let index = 0; index < hostWrites.length; index++) {
    const write = hostWrites[index] as TranscriptEntry;
    if (!write.text.endsWith('\r')) throw new Error(`line ${write.line}: a host write that is not a command (${JSON.stringify(write.text)}) cannot be replayed`);
    const command = write.text.slice(0, -1);
    const next = hostWrites[index + 1];
    if (/^AT\+CMGS=/i.test(command) && next?.text.endsWith('\x1a')) {
      commands.push({ command, payload: next.text.slice(0, -1), line: write.line });
      index++;
    } else commands.push({ command, line: write.line });
  }
  return commands;
}

describe.skipIf(captures.length === 0)('AT channel replaying real modem sessions byte by byte', () => {
  it.each(captures.length > 0 ? captures : ['(none)'])('%s: each command ends in a final result, unsolicited codes stay out of the replies', async (name) => {
    const entries = parseTranscript(readFileSync(path.join(capturesDir, name), 'latin1'));
    const port = new TranscriptPort(entries);
    const channel = new AtChannel(port, { path: name, defaultTimeoutMs: 5000, settleMs: 50 });
    const urcs: Urc[] = [];
    channel.onUrc((urc) => urcs.push(urc));
    port.start();
    for (const { command, payload, line } of commandsOf(entries)) {
      let replyLines: readonly string[] = [];
      try {
        replyLines = (await channel.send(command, payload === undefined ? {} : { payload, promptTimeoutMs: 5000 })).lines;
      } catch (error) {
        // ERROR, +CME ERROR and +CMS ERROR are final results too; a timeout means one was not recognised.
        if (!(error instanceof AtCommandError || error instanceof CmeError || error instanceof CmsError)) {
          throw new Error(`line ${line}: ${command} got no final result the channel recognised (${String(error)})`);
        }
      }
      const urcInReply = replyLines.find((replyLine) => URC_PREFIXES.some((prefix) => replyLine.startsWith(prefix)) && !command.toUpperCase().startsWith(`AT${replyLine.split(':')[0]}`));
      expect(urcInReply, `line ${line}: ${command}`).toBeUndefined();
    }
    expect(port.mismatches).toEqual([]);
    expect(port.remaining.filter((entry) => entry.from === 'host')).toEqual([]);
  });
});
