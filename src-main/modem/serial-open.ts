// Opening a serial port, with errors a user can act on (permission, missing device, port in use).

import { autoDetect } from '@serialport/bindings-cpp';
import { SerialPortStream } from '@serialport/stream';
import { ModemError } from './errors';
import type { SerialBinding } from './serial-binding';

export class PortOpenError extends ModemError {
  override readonly name: string = 'PortOpenError';
  constructor(
    readonly path: string,
    readonly reason: 'permission-denied' | 'not-found' | 'busy' | 'other',
    userMessage: string,
    cause: unknown,
  ) {
    super(
      `cannot open ${path}: ${cause instanceof Error ? cause.message : String(cause)}`,
      userMessage,
      'sim-or-modem',
      { cause },
    );
  }
}

let osBinding: SerialBinding | null = null;

/** The operating system's serial ports (Linux, macOS, Windows). */
export function systemSerialBinding(): SerialBinding {
  // bindings-cpp's own types name the upstream interface, which TypeScript cannot resolve here
  // (see serial-binding.ts); the object satisfies SerialBinding at run time.
  osBinding ??= autoDetect() as unknown as SerialBinding;
  return osBinding;
}

export function describeOpenError(path: string, error: unknown): PortOpenError {
  const message = error instanceof Error ? error.message : String(error);
  const code =
    typeof error === 'object' && error !== null && 'code' in error
      ? String((error as { code: unknown }).code)
      : '';
  if (code === 'EACCES' || /permission denied/i.test(message)) {
    const fix =
      process.platform === 'linux'
        ? `Add yourself to the dialout group ("sudo usermod -aG dialout $USER"), then log out and back in.`
        : 'Check that your user may use serial ports.';
    return new PortOpenError(path, 'permission-denied', `Fanout may not open ${path}. ${fix}`, error);
  }
  if (code === 'ENOENT' || /no such file/i.test(message)) {
    return new PortOpenError(
      path,
      'not-found',
      `There is no port ${path}. Check that the modem is plugged in and the name is right.`,
      error,
    );
  }
  if (code === 'EBUSY' || /lock|busy|temporarily unavailable/i.test(message)) {
    return new PortOpenError(
      path,
      'busy',
      `${path} is in use by another program (ModemManager, another Fanout, a terminal). Close it and try again.`,
      error,
    );
  }
  return new PortOpenError(path, 'other', `Fanout could not open ${path}: ${message}`, error);
}

export interface OpenSerialOptions {
  readonly path: string;
  readonly binding?: SerialBinding;
  readonly baudRate?: number;
}

export async function openSerialPort(options: OpenSerialOptions): Promise<SerialPortStream> {
  const port = new SerialPortStream({
    // SerialPortStream types its binding with the upstream interface; ours is the same shape.
    binding: (options.binding ?? systemSerialBinding()) as never,
    path: options.path,
    baudRate: options.baudRate ?? 115200,
    autoOpen: false,
  });
  await new Promise<void>((resolve, reject) => {
    port.open((error) => (error ? reject(describeOpenError(options.path, error)) : resolve()));
  });
  return port;
}

export async function closeSerialPort(port: SerialPortStream): Promise<void> {
  if (!port.isOpen) return;
  await new Promise<void>((resolve) => port.close(() => resolve()));
}
