// Virtual modems as real serial devices: for each modem, socat makes a pseudo-terminal linked as
// DIR/modemN (for any client: Fanout, Gammu, minicom) and relays it to its own stdin/stdout,
// which this process reads and writes for a VirtualModem. Clients go through the kernel's tty
// layer exactly as with a USB stick. Because socat talks to us over pipes, it sees end-of-file
// and removes the device when this process dies, even by SIGKILL; a second pseudo-terminal
// for our end would leave socat and a dead DIR/modemN behind.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FaultPlan } from './faults';
import { modemProfiles, type ModemProfile, type ModemProfileId } from './profiles';
import { VirtualModem } from './virtual-modem';
import { VirtualNetwork } from './virtual-network';

export interface PtySimulatorOptions {
  readonly count: number;
  readonly dir: string;
  /** One profile for all, or one per modem (cycled). Default SIM800. */
  readonly profile?: ModemProfileId | ModemProfile | readonly (ModemProfileId | ModemProfile)[];
  /** Faults for every modem, or per modem index. */
  readonly faults?: FaultPlan | ((index: number) => FaultPlan);
  readonly submitLatencyMs?: number | (() => number);
  readonly statusReportDelayMs?: number;
  readonly network?: VirtualNetwork;
  /** Device names are `${namePrefix}${index}`. Default "modem". */
  readonly namePrefix?: string;
  /** Where an unplugged modem comes back; the same path by default. */
  readonly replugPath?: (index: number) => string;
  /** Recipients' replies (see VirtualModemOptions.replyFrom). */
  readonly replyFrom?: (recipient: string, text: string) => string | null;
  readonly replyDelayMs?: number;
}

export interface PtyModemHandle {
  readonly index: number;
  /** The device clients open, DIR/modemN (it moves if a replug fault names another path). */
  path: string;
  readonly modem: VirtualModem;
  /** PID of the socat process currently providing the device, null while unplugged. */
  socatPid: number | null;
}

export interface PtySimulator {
  readonly modems: readonly PtyModemHandle[];
  readonly network: VirtualNetwork;
  stop(): Promise<void>;
}

interface Link {
  socat: ChildProcess;
}

function resolveProfile(option: PtySimulatorOptions['profile'], index: number): ModemProfile {
  const chosen = Array.isArray(option) ? option[index % option.length] : option;
  if (chosen === undefined) return modemProfiles.sim800;
  return typeof chosen === 'string' ? modemProfiles[chosen as ModemProfileId] : (chosen as ModemProfile);
}

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, 2000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function openLink(hostPath: string, modem: VirtualModem): Promise<Link> {
  const socat = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${hostPath}`, 'STDIO'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let failure: Error | null = null;
  let stderr = '';
  socat.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < 4000) stderr += chunk.toString();
  });
  socat.once('error', (error) => (failure = error));
  socat.once('exit', (code) => (failure ??= new Error(`socat exited with ${code}: ${stderr.trim()}`)));
  // Writes after socat ended (unplug, stop) fail with EPIPE; the modem is gone then anyway.
  socat.stdin?.on('error', () => undefined);
  try {
    await waitFor(() => failure !== null || existsSync(hostPath), 5000, `socat to create ${hostPath}`);
    if (failure) throw failure;
    socat.stdout?.on('data', (chunk: Buffer) => modem.input(chunk));
    modem.connect((data) => {
      if (socat.exitCode === null) socat.stdin?.write(Buffer.from(data, 'latin1'));
    });
    return { socat };
  } catch (error) {
    await stopProcess(socat);
    throw error;
  }
}

async function closeLink(link: Link, modem: VirtualModem): Promise<void> {
  modem.disconnect();
  await stopProcess(link.socat);
}

/** Starts `count` virtual modems on pseudo-terminals DIR/modem0…; stop() removes them again. */
export async function startPtySimulator(options: PtySimulatorOptions): Promise<PtySimulator> {
  mkdirSync(options.dir, { recursive: true });
  const network = options.network ?? new VirtualNetwork();
  const prefix = options.namePrefix ?? 'modem';
  const handles: PtyModemHandle[] = [];
  const links = new Map<number, Link>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let stopped = false;

  const stop = async (): Promise<void> => {
    stopped = true;
    for (const timer of timers) clearTimeout(timer);
    await Promise.all(
      [...links.entries()].map(([index, link]) => closeLink(link, handles[index]?.modem as VirtualModem)),
    );
    links.clear();
    for (const handle of handles) handle.modem.dispose();
  };

  try {
    for (let index = 0; index < options.count; index++) {
      const faults = typeof options.faults === 'function' ? options.faults(index) : (options.faults ?? {});
      const modem = new VirtualModem({
        profile: resolveProfile(options.profile, index),
        faults,
        network,
        submitLatencyMs: options.submitLatencyMs,
        statusReportDelayMs: options.statusReportDelayMs,
        replyFrom: options.replyFrom,
        replyDelayMs: options.replyDelayMs,
      });
      const path = join(options.dir, `${prefix}${index}`);
      const handle: PtyModemHandle = { index, path, modem, socatPid: null };
      handles.push(handle);
      const link = await openLink(path, modem);
      links.set(index, link);
      handle.socatPid = link.socat.pid ?? null;
      modem.onUnplug((replugAfterMs) => {
        const current = links.get(index);
        links.delete(index);
        handle.socatPid = null;
        void (async () => {
          if (current) await closeLink(current, modem);
          if (replugAfterMs === undefined || stopped) return;
          const timer = setTimeout(() => {
            timers.delete(timer);
            if (stopped) return;
            const nextPath = options.replugPath?.(index) ?? handle.path;
            void openLink(nextPath, modem)
              .then((relinked) => {
                if (stopped) return closeLink(relinked, modem);
                links.set(index, relinked);
                handle.path = nextPath;
                handle.socatPid = relinked.socat.pid ?? null;
                modem.replug();
                return undefined;
              })
              // The modem stays unplugged if its device cannot be made again.
              .catch((error: unknown) => console.error(`virtual modem ${index} could not come back:`, error));
          }, replugAfterMs);
          timers.add(timer);
        })();
      });
      modem.powerOn();
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { modems: handles, network, stop };
}
