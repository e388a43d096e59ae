// The virtual modem as a serialport binding (@serialport/bindings-interface): SerialPortStream
// takes it in place of the OS binding, so the driver runs unchanged against software modems
// (demo mode on any OS, tests, benchmarks). Unlike @serialport/binding-mock, every binding
// instance keeps its own port registry, so tests can run side by side.

import type {
  SerialBinding,
  SerialBindingPort,
  SerialOpenOptions as OpenOptions,
  SerialPortInfo as PortInfo,
  SerialPortStatus as PortStatus,
  SerialSetOptions as SetOptions,
} from '../modem/serial-binding';
import type { VirtualModem } from './virtual-modem';

class CanceledError extends Error {
  readonly canceled = true;
}

interface Device {
  readonly modem: VirtualModem;
  readonly info: PortInfo;
  open: VirtualPortBinding | null;
  readonly stopWatchingUnplug: () => void;
}

export interface AttachOptions {
  /** Where the modem shows up again after an unplug fault; the same path by default. */
  readonly replugPath?: string;
  /** Print the boot lines now (as if just plugged in). Default true. */
  readonly powerOn?: boolean;
}

export class VirtualSerialBinding implements SerialBinding {
  private readonly devices = new Map<string, Device>();
  private readonly replugTimers = new Set<ReturnType<typeof setTimeout>>();

  /** Plugs a virtual modem in at `path`. */
  attach(path: string, modem: VirtualModem, options: AttachOptions = {}): void {
    if (this.devices.has(path)) throw new Error(`${path} is already taken by another virtual modem`);
    const stopWatchingUnplug = modem.onUnplug((replugAfterMs) =>
      this.unplug(path, replugAfterMs, options.replugPath ?? path),
    );
    this.devices.set(path, {
      modem,
      open: null,
      stopWatchingUnplug,
      info: {
        path,
        manufacturer: modem.profile.manufacturer,
        serialNumber: modem.imei,
        pnpId: undefined,
        locationId: undefined,
        productId: undefined,
        vendorId: undefined,
      },
    });
    if (options.powerOn !== false) modem.powerOn();
  }

  /** Removes the modem at `path` as if its cable was pulled. */
  detach(path: string): VirtualModem | undefined {
    const device = this.devices.get(path);
    if (!device) return undefined;
    this.devices.delete(path);
    device.stopWatchingUnplug();
    device.open?.disconnected();
    return device.modem;
  }

  modemAt(path: string): VirtualModem | undefined {
    return this.devices.get(path)?.modem;
  }

  /** Stops every modem and pending replug. */
  dispose(): void {
    for (const timer of this.replugTimers) clearTimeout(timer);
    this.replugTimers.clear();
    for (const path of [...this.devices.keys()]) this.detach(path)?.dispose();
  }

  async list(): Promise<PortInfo[]> {
    return [...this.devices.values()].map((device) => ({ ...device.info }));
  }

  async open(options: OpenOptions): Promise<VirtualPortBinding> {
    if (!options?.path) throw new TypeError('"path" is not a valid port');
    if (!options.baudRate) throw new TypeError('"baudRate" is not a valid baudRate');
    await Promise.resolve();
    const device = this.devices.get(options.path);
    if (!device)
      throw Object.assign(new Error(`Error: No such file or directory, cannot open ${options.path}`), {
        code: 'ENOENT',
      });
    if (device.open?.isOpen && (options.lock ?? true))
      throw new Error('Error Resource temporarily unavailable Cannot lock port');
    const port = new VirtualPortBinding(device.modem, {
      dataBits: 8,
      lock: true,
      stopBits: 1,
      parity: 'none',
      rtscts: false,
      xon: false,
      xoff: false,
      xany: false,
      hupcl: true,
      ...options,
    } as Required<OpenOptions>);
    device.open = port;
    return port;
  }

  private unplug(path: string, replugAfterMs: number | undefined, replugPath: string): void {
    const modem = this.detach(path);
    if (!modem || replugAfterMs === undefined) return;
    const timer = setTimeout(() => {
      this.replugTimers.delete(timer);
      modem.replug();
      this.attach(replugPath, modem, { replugPath: path, powerOn: false });
    }, replugAfterMs);
    this.replugTimers.add(timer);
  }
}

export class VirtualPortBinding implements SerialBindingPort {
  isOpen = true;
  private received: Buffer[] = [];
  private pendingRead: { resolve: () => void; reject: (error: Error) => void } | null = null;
  private lostDevice = false;

  constructor(
    private readonly modem: VirtualModem,
    readonly openOptions: Required<OpenOptions>,
  ) {
    modem.portReopened();
    modem.connect((data) => this.fromModem(data));
  }

  /** The device vanished: the next read fails the way a pulled USB cable makes it fail. */
  disconnected(): void {
    this.lostDevice = true;
    this.modem.disconnect();
    this.pendingRead?.reject(new Error('Device not configured (virtual modem unplugged)'));
    this.pendingRead = null;
  }

  private fromModem(data: string): void {
    if (!this.isOpen) return;
    this.received.push(Buffer.from(data, 'latin1'));
    const pending = this.pendingRead;
    this.pendingRead = null;
    pending?.resolve();
  }

  async close(): Promise<void> {
    if (!this.isOpen) throw new Error('Port is not open');
    this.isOpen = false;
    if (!this.lostDevice) this.modem.disconnect();
    this.received = [];
    this.pendingRead?.reject(new CanceledError('port is closed'));
    this.pendingRead = null;
  }

  async read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }> {
    for (;;) {
      if (!this.isOpen) throw new CanceledError('Read canceled');
      if (this.lostDevice) throw new Error('Device not configured (virtual modem unplugged)');
      const chunk = this.received[0];
      if (chunk) {
        const bytesRead = chunk.copy(buffer, offset, 0, Math.min(length, chunk.length));
        if (bytesRead < chunk.length) this.received[0] = chunk.subarray(bytesRead);
        else this.received.shift();
        return { buffer, bytesRead };
      }
      await new Promise<void>((resolve, reject) => {
        this.pendingRead = { resolve, reject };
      });
    }
  }

  async write(buffer: Buffer): Promise<void> {
    if (!this.isOpen) throw new Error('Port is not open');
    if (this.lostDevice) throw new Error('Device not configured (virtual modem unplugged)');
    const copy = Buffer.from(buffer);
    // A UART hands bytes over after the write returns; so does this one.
    setImmediate(() => {
      if (this.isOpen && !this.lostDevice) this.modem.input(copy);
    });
  }

  async update(options: { baudRate: number }): Promise<void> {
    if (typeof options?.baudRate !== 'number') throw new TypeError('"options.baudRate" is not a number');
  }

  async set(_options: SetOptions): Promise<void> {
    if (!this.isOpen) throw new Error('Port is not open');
  }

  async get(): Promise<PortStatus> {
    return { cts: true, dsr: true, dcd: false };
  }

  async getBaudRate(): Promise<{ baudRate: number }> {
    return { baudRate: this.openOptions.baudRate };
  }

  async flush(): Promise<void> {
    this.received = [];
  }

  async drain(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
