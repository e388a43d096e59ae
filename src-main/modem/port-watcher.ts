// Notices serial ports appearing and disappearing: the OS list (USB sticks) is polled, and
// optionally directories whose entries are ports (pseudo-terminals from `fanout simulate`).
// When a port appears, modems waiting to be re-attached are offered it first (matched by
// IMEI), so a stick that comes back under another name carries on where it stopped.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Listeners } from './listeners';
import type { Modem } from './modem';
import type { SerialBinding } from './serial-binding';
import { systemSerialBinding } from './serial-open';

export type PortWatcherEvents = {
  added: (path: string) => void;
  removed: (path: string) => void;
};

export interface PortWatcherOptions {
  readonly binding?: SerialBinding;
  /** Directories whose entries are serial devices (DIR of `fanout simulate`). */
  readonly directories?: readonly string[];
  /** Default 1.5 s. */
  readonly intervalMs?: number;
}

export class PortWatcher {
  private readonly events = new Listeners<PortWatcherEvents>();
  private known = new Set<string>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private scanning: Promise<void> | null = null;

  constructor(private readonly options: PortWatcherOptions = {}) {}

  on<E extends keyof PortWatcherEvents>(event: E, listener: PortWatcherEvents[E]): () => void {
    return this.events.on(event, listener);
  }

  /** Ports seen at the last scan. */
  get ports(): readonly string[] {
    return [...this.known];
  }

  /** Takes a first inventory (no events for ports already there) and starts polling. */
  async start(): Promise<readonly string[]> {
    this.known = await this.currentPorts();
    // A failed listing (the OS enumerating a device half-plugged) is retried at the next tick.
    this.timer ??= setInterval(
      () => void this.scan().catch(() => undefined),
      this.options.intervalMs ?? 1500,
    );
    this.timer.unref?.();
    return this.ports;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Compares the ports now with the last scan and reports the difference. */
  scan(): Promise<void> {
    this.scanning ??= (async () => {
      try {
        const now = await this.currentPorts();
        const added = [...now].filter((path) => !this.known.has(path));
        const removed = [...this.known].filter((path) => !now.has(path));
        this.known = now;
        for (const path of removed) this.events.emit('removed', path);
        for (const path of added) this.events.emit('added', path);
      } finally {
        this.scanning = null;
      }
    })();
    return this.scanning;
  }

  private async currentPorts(): Promise<Set<string>> {
    const binding = this.options.binding ?? systemSerialBinding();
    const paths = new Set((await binding.list()).map((port) => port.path));
    for (const directory of this.options.directories ?? []) {
      let entries: string[] = [];
      try {
        entries = readdirSync(directory);
      } catch {
        continue; // the directory may not exist yet
      }
      // Hidden entries are never devices (lock files, editors' backups).
      for (const entry of entries) if (!entry.startsWith('.')) paths.add(join(directory, entry));
    }
    return paths;
  }
}

/**
 * Offers every new port to the modems that are unplugged or hung; the one whose IMEI answers
 * there takes it. Returns the function that stops doing so.
 */
export function reattachOnNewPorts(watcher: PortWatcher, modems: () => readonly Modem[]): () => void {
  return watcher.on('added', (path) => {
    void (async () => {
      for (const modem of modems()) {
        if (modem.state !== 'unplugged' && modem.state !== 'hung') continue;
        if (await modem.reattach(path)) return;
      }
    })();
  });
}
