// All the modems of this computer, kept up to date: ports are probed in parallel at start, new
// ports are noticed when plugged in, a stick that comes back (on any port) is re-attached by
// IMEI, and a stick exposing several AT ports is used once.

import { Listeners } from './listeners';
import { Modem, type ModemOptions } from './modem';
import { PortWatcher } from './port-watcher';
import { probePort, type ProbeResult } from './probe';
import type { SerialBinding } from './serial-binding';

export type ModemFleetEvents = {
  /** A modem was found and opened (it may still need a PIN; see its state). */
  added: (modem: Modem) => void;
  /** A port answered but could not be used as a modem (diagnostic port, other device). */
  skipped: (result: ProbeResult) => void;
};

export interface ModemFleetOptions {
  readonly binding?: SerialBinding;
  /** Directories whose entries are serial devices (`fanout simulate --dir`). */
  readonly directories?: readonly string[];
  /** Only these ports are considered, if given. */
  readonly accept?: (path: string) => boolean;
  /** The PIN for a SIM, asked once per modem when it needs one. */
  readonly pinFor?: (identity: { imei: string | null; iccid: string | null }) => string | undefined;
  /** Passed to every Modem.open. */
  readonly modemOptions?: Partial<Omit<ModemOptions, 'path' | 'binding' | 'pin'>>;
  readonly watchIntervalMs?: number;
}

export class ModemFleet {
  private readonly events = new Listeners<ModemFleetEvents>();
  private readonly byImei = new Map<string, Modem>();
  private readonly busyPaths = new Set<string>();
  private readonly watcher: PortWatcher;
  private stopWatching: (() => void) | null = null;

  constructor(private readonly options: ModemFleetOptions = {}) {
    this.watcher = new PortWatcher({
      binding: options.binding,
      directories: options.directories,
      intervalMs: options.watchIntervalMs,
    });
  }

  on<E extends keyof ModemFleetEvents>(event: E, listener: ModemFleetEvents[E]): () => void {
    return this.events.on(event, listener);
  }

  get modems(): readonly Modem[] {
    return [...this.byImei.values()];
  }

  /** Probes every port there is now (in parallel), opens the modems found, then keeps watching. */
  async start(): Promise<readonly Modem[]> {
    const paths = (await this.watcher.start()).filter((path) => this.options.accept?.(path) ?? true);
    // Probe in parallel, open one after another so two ports of one stick are not both taken.
    const results = await Promise.all(paths.map((path) => this.probe(path)));
    for (const result of results) if (result) await this.adopt(result);
    this.stopWatching = this.watcher.on('added', (path) => void this.portAdded(path));
    return this.modems;
  }

  async stop(): Promise<void> {
    this.stopWatching?.();
    this.watcher.stop();
    await Promise.all(this.modems.map((modem) => modem.close()));
    this.byImei.clear();
  }

  private async portAdded(path: string): Promise<void> {
    if (!(this.options.accept?.(path) ?? true) || this.isInUse(path)) return;
    for (const modem of this.byImei.values()) {
      if ((modem.state === 'unplugged' || modem.state === 'hung') && (await modem.reattach(path))) return;
    }
    const result = await this.probe(path);
    if (result) await this.adopt(result);
  }

  private isInUse(path: string): boolean {
    return (
      this.busyPaths.has(path) ||
      [...this.byImei.values()].some((modem) => modem.path === path && modem.state !== 'unplugged')
    );
  }

  private async probe(path: string): Promise<ProbeResult | null> {
    if (this.busyPaths.has(path)) return null;
    this.busyPaths.add(path);
    try {
      return await probePort(path, { binding: this.options.binding });
    } finally {
      this.busyPaths.delete(path);
    }
  }

  private async adopt(result: ProbeResult): Promise<void> {
    const imei = result.identity?.imei ?? null;
    if (!result.ok || !imei) {
      if (result.ok || result.error?.name !== 'NotAModemError') this.events.emit('skipped', result);
      return;
    }
    const known = this.byImei.get(imei);
    if (known) {
      // Another port of a stick already in use, or the stick back on a new port.
      if (known.state === 'unplugged' || known.state === 'hung') await known.reattach(result.path);
      return;
    }
    this.busyPaths.add(result.path);
    try {
      const modem = await Modem.open({
        ...this.options.modemOptions,
        path: result.path,
        binding: this.options.binding,
        pin: this.options.pinFor?.({ imei, iccid: result.identity?.iccid ?? null }),
      });
      this.byImei.set(imei, modem);
      this.events.emit('added', modem);
    } catch {
      this.events.emit('skipped', result);
    } finally {
      this.busyPaths.delete(result.path);
    }
  }
}
