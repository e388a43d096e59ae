// `fanout campaign run` killed with SIGKILL in the middle of a campaign over four virtual modems
// on real pseudo-terminals, then `fanout campaign resume`: nothing sent twice, nothing lost, the
// messages in the modems' hands at the kill reported as 'unknown'.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openAppStore } from '../service/open-app-store';
import { startPtySimulator, type PtySimulator } from '../simulator/pty-simulator';
import { auditCampaign } from './testing/campaign-audit';
import { seedList } from './testing/seed';
import { waitUntil } from '../testing/wait-until';
import { DEFAULT_ANSWER_TEXTS } from './keywords/built-in-keywords';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface CliRun {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** The CLI from source in a child process, as `fanout …` (tsx instead of the bundle: no build step). */
function fanout(args: string[]): CliRun {
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


function lastJsonLine(output: string): { ok: boolean; counts: Record<string, number>; campaigns: { id: number; state: string }[] } {
  const lines = output.trim().split('\n');
  return JSON.parse(lines.at(-1) ?? '') as ReturnType<typeof lastJsonLine>;
}

describe('fanout campaign run, kill -9, resume', () => {
  it('sends nothing twice and loses nothing; the messages in flight at the kill become unknown', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fanout-kill-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const dbPath = path.join(dir, 'fanout.db');
    const seeding = openAppStore(dbPath);
    const { numbers } = seedList(seeding, 'Kunden', 120);
    seeding.database.close();

    const sim: PtySimulator = await startPtySimulator({ count: 4, dir, submitLatencyMs: 80 });
    cleanups.push(() => sim.stop());
    const ports = sim.modems.map((modem) => modem.path);

    const run = fanout(['campaign', 'run', '--db', dbPath, '--list', 'Kunden', '--text', 'Hallo {{Vorname|Kunde}}!', '--port', ...ports, '--json']);
    await waitUntil(() => sim.network.submittedParts().length >= 30 || run.child.exitCode !== null, 30_000, 'the campaign to be under way');
    expect(run.child.exitCode, run.stderr()).toBeNull();
    run.child.kill('SIGKILL');
    await run.exited;
    // Submits already handed to a modem complete there, whether or not anyone listens.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const receivedAtKill = sim.network.submittedMessages().length;
    expect(receivedAtKill).toBeLessThan(120);

    const store = openAppStore(dbPath);
    cleanups.push(() => store.database.close());
    const campaign = store.campaigns.list()[0];
    expect(campaign?.state).toBe('running');
    const campaignId = campaign?.id ?? 0;
    const inFlight = store.queue.countByState(campaignId).sending;
    // Four modems each hold a message for 80 ms with ~1 ms between messages: some are in flight at the kill.
    expect(inFlight).toBeGreaterThanOrEqual(1);
    expect(inFlight).toBeLessThanOrEqual(4);

    const resume = fanout(['campaign', 'resume', '--db', dbPath, '--port', ...ports, '--json']);
    expect(await resume.exited, resume.stderr()).toBe(0);
    const summary = lastJsonLine(resume.stdout());
    expect(summary.ok).toBe(true);
    expect(summary.campaigns).toEqual([expect.objectContaining({ id: campaignId, state: 'completed' })]);
    expect(summary.counts).toMatchObject({ queued: 0, sending: 0, unknown: inFlight, sent: 120 - inFlight, failed: 0 });
    expect(resume.stderr()).toContain(`${inFlight} messages were in a modem's hands`);

    const audit = auditCampaign(store, campaignId, sim.network);
    expect(audit.duplicates).toEqual([]);
    expect(audit.sentButNotReceived).toEqual([]);
    expect(audit.receivedButNotRecorded).toEqual([]);
    // No loss: every recipient either got the message or is reported unknown.
    const unknown = new Set(audit.byState.get('unknown') ?? []);
    for (const number of numbers) expect(audit.receivedCount.has(number) || unknown.has(number), number).toBe(true);
    expect(unknown.size).toBe(inFlight);
    expect(sim.network.submittedMessages().find((m) => m.to === numbers[0])?.text).toBe('Hallo P0!');

    const status = fanout(['campaign', 'status', '--db', dbPath, '--json']);
    expect(await status.exited).toBe(0);
    expect(lastJsonLine(status.stdout()).counts).toEqual(summary.counts);
  }, 90_000);

  it('with --report waits for the delivery reports, and --per-minute holds each SIM to its limit', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fanout-report-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const dbPath = path.join(dir, 'fanout.db');
    const seeding = openAppStore(dbPath);
    seedList(seeding, 'Kunden', 8);
    seedList(seeding, 'Viele', 30, { firstIndex: 100 });
    seeding.database.close();
    const sim = await startPtySimulator({ count: 2, dir, submitLatencyMs: 30, statusReportDelayMs: 100 });
    cleanups.push(() => sim.stop());
    const ports = sim.modems.map((modem) => modem.path);

    const run = fanout(['campaign', 'run', '--db', dbPath, '--list', 'Kunden', '--text', 'Bericht {{Vorname}}', '--port', ...ports, '--report', '--json']);
    expect(await run.exited, run.stderr()).toBe(0);
    expect(lastJsonLine(run.stdout()).counts).toMatchObject({ delivered: 8, sent: 0, queued: 0 });
    expect(sim.network.submittedParts().every((part) => part.submit.statusReportRequested)).toBe(true);

    // Two fresh SIMs at 3 parts a minute: six messages, then the run has to wait; stop it and look.
    // (The first two SIMs already sent four parts each this minute: they would send nothing.)
    const fresh = await startPtySimulator({ count: 2, dir, namePrefix: 'fresh', submitLatencyMs: 30 });
    cleanups.push(() => fresh.stop());
    const limited = fanout(['campaign', 'run', '--db', dbPath, '--list', 'Viele', '--text', 'x', '--port', ...fresh.modems.map((m) => m.path), '--per-minute', '3', '--json']);
    await waitUntil(() => fresh.network.submittedParts().length >= 6, 30_000, 'the first minute’s allowance');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(fresh.network.submittedParts()).toHaveLength(6);
    limited.child.kill('SIGINT');
    expect(await limited.exited).toBe(130);
    const summary = lastJsonLine(limited.stdout());
    expect(summary.ok).toBe(false);
    expect(summary.counts).toMatchObject({ sent: 6, queued: 24, sending: 0 });
  }, 90_000);

  it('a STOP reply during `campaign run` keeps every later message from that number', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fanout-stop-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const dbPath = path.join(dir, 'fanout.db');
    const seeding = openAppStore(dbPath);
    const { numbers } = seedList(seeding, 'Kunden', 40);
    seeding.database.close();
    const sim = await startPtySimulator({ count: 2, dir, submitLatencyMs: 60 });
    cleanups.push(() => sim.stop());
    const quitter = numbers[35] as string;

    const run = fanout(['campaign', 'run', '--db', dbPath, '--list', 'Kunden', '--text', 'Angebot', '--port', ...sim.modems.map((m) => m.path), '--json']);
    await waitUntil(() => sim.network.submittedParts().length >= 5, 30_000, 'the campaign to be under way');
    sim.modems[0]?.modem.receiveSms({ from: quitter, text: 'STOP' });
    expect(await run.exited, run.stderr()).toBe(0);

    // Nothing from the campaign after the STOP: only the one confirmation, in the default country's language.
    expect(sim.network.submittedMessages().filter((m) => m.to === quitter).map((m) => m.text)).toEqual([DEFAULT_ANSWER_TEXTS.de.stop]);
    expect(lastJsonLine(run.stdout()).counts).toMatchObject({ sent: 39, skipped: 1, queued: 0 });
    expect(run.stderr()).toContain(`${quitter} replied "STOP" and is now on the opt-out list.`);
  }, 90_000);
});
