// `fanout campaign run` killed with SIGKILL between the parts of a long message: the parts the
// network had accepted were recorded as they went, so after the restart the message is
// 'unknown' saying which parts went out, their status reports still find it, and the resume
// sends none of its parts again.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openAppStore } from '../service/open-app-store';
import { startPtySimulator } from '../simulator/pty-simulator';
import type { SubmittedPart } from '../simulator/virtual-network';
import type { Store } from '../store';
import { waitUntil } from '../testing/wait-until';
import { seedList } from './testing/seed';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function fanout(args: string[]): { child: ChildProcess; stdout: () => string; stderr: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src-main/cli/main.ts'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

interface RecordedPart {
  messageId: number;
  recipient: string;
  state: string;
  partNumber: number;
  reference: number;
}

function recordedParts(store: Store): RecordedPart[] {
  return store.database.sqlite
    .prepare<[], RecordedPart>(
      `SELECT m.id AS messageId, m.recipient_e164 AS recipient, m.state, p.part_number AS partNumber, p.reference
         FROM message_parts p JOIN messages m ON m.id = p.message_id ORDER BY m.id, p.part_number`,
    )
    .all();
}

/** "recipient#part" for every part the network accepted, to find any sent twice. */
function partKeys(parts: readonly SubmittedPart[]): string[] {
  return parts.map((part) => `${part.submit.recipient.number}#${part.submit.concat?.sequence ?? 1}`);
}

// 400 GSM characters after merging: three parts of 153.
const LONG_TEMPLATE = `Hallo {{Vorname}}, ${'unser Angebot gilt bis Freitag. '.repeat(12)}Ende.`;

describe('fanout campaign run killed between the parts of a long message', () => {
  it('keeps the accepted parts on record: unknown with parts 1–2, reports still match, nothing re-sent', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fanout-parts-kill-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const dbPath = path.join(dir, 'fanout.db');
    const seeding = openAppStore(dbPath);
    const { numbers } = seedList(seeding, 'Kunden', 3);
    seeding.database.close();

    // One modem; the second message's part 3 (the sixth submit) stays in its hands for seconds,
    // long after part 2 was recorded, however busy the machine running the test is.
    let submits = 0;
    const sim = await startPtySimulator({ count: 1, dir, submitLatencyMs: () => (++submits === 6 ? 4000 : 100) });
    cleanups.push(() => sim.stop());
    const port = sim.modems[0]?.path ?? '';

    const run = fanout(['campaign', 'run', '--db', dbPath, '--list', 'Kunden', '--text', LONG_TEMPLATE, '--port', port, '--json']);
    // The kill comes the moment the second message's part 3 is in the modem's hands (its PDU typed
    // in, which the engine does only once part 2 is on record). Killing when part 2 showed up on
    // record raced the engine typing part 3: on a busy machine the kill sometimes came first.
    await waitUntil(() => submits >= 6 || run.child.exitCode !== null, 60_000, 'part 3 of the second message in the modem’s hands');
    expect(run.child.exitCode, run.stderr()).toBeNull();
    run.child.kill('SIGKILL');
    await run.exited;
    // Part 3 was already typed into the modem: it completes there, whether or not anyone listens.
    await waitUntil(() => sim.network.submittedParts().length >= 6, 10_000, 'the part in the modem’s hands to reach the network');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(partKeys(sim.network.submittedParts())).toEqual([0, 1].flatMap((i) => [1, 2, 3].map((part) => `${numbers[i]}#${part}`)));

    // Read through a second connection, as a user's second window would.
    const watcher = openAppStore(dbPath);
    cleanups.push(() => watcher.database.close());
    const atKill = recordedParts(watcher).filter((p) => p.recipient === numbers[1]);
    expect(atKill.map((p) => [p.state, p.partNumber])).toEqual([
      ['sending', 1],
      ['sending', 2],
    ]);
    // The references on record are the ones the network saw for those parts.
    const networkParts = sim.network.submittedParts().filter((part) => part.submit.recipient.number === numbers[1]);
    expect(atKill.map((p) => p.reference)).toEqual(networkParts.slice(0, 2).map((part) => part.messageReference));

    const resume = fanout(['campaign', 'resume', '--db', dbPath, '--port', port, '--json']);
    expect(await resume.exited, resume.stderr()).toBe(0);
    expect(resume.stderr()).toContain("1 messages were in a modem's hands");
    const summary = JSON.parse(resume.stdout().trim().split('\n').at(-1) ?? '') as { counts: Record<string, number> };
    expect(summary.counts).toMatchObject({ sent: 2, unknown: 1, sending: 0, queued: 0 });

    // Nothing sent twice: each recipient's three parts reached the network once.
    const keys = partKeys(sim.network.submittedParts());
    expect(keys).toHaveLength(9);
    expect(new Set(keys).size).toBe(9);

    const campaignId = watcher.campaigns.list()[0]?.id ?? 0;
    const unknown = watcher.queue.listMessages({ campaignId, states: ['unknown'] }, { limit: 10 }).messages;
    expect(unknown.map((m) => [m.recipientE164, m.reason])).toEqual([
      [numbers[1], 'Fanout stopped while the modem had part 3 of 3; parts 1–2 were accepted by the network, part 3 may or may not have been sent'],
    ]);
    // A status report for an accepted part finds it (the part is delivered; the message stays unknown).
    const simId = watcher.sims.list()[0]?.id;
    const report = watcher.queue.recordPartStatus({
      reference: networkParts[0]?.messageReference ?? -1,
      recipientE164: numbers[1] ?? '',
      simId,
      outcome: 'delivered',
      statusCode: 0,
      at: Date.now(),
    });
    expect(report).toMatchObject({ messageId: unknown[0]?.id, partNumber: 1, messageState: 'unknown' });
  }, 120_000);
});
