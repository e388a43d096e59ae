// Is there an AT modem on this port, and which? Used to list modems for the user. Silent ports
// (Bluetooth serial, GPS, a modem's diagnostic interface) fail after a few seconds; ports are
// probed in parallel so ten empty ports do not take ten times as long.

import { AtChannel } from './at-channel';
import { ModemError, NotAModemError } from './errors';
import { identify, type ModemIdentity } from './identify';
import type { SerialBinding } from './serial-binding';
import { closeSerialPort, openSerialPort } from './serial-open';
import { TrafficLog } from './traffic-log';

export interface ProbeResult {
  readonly path: string;
  readonly ok: boolean;
  readonly identity: ModemIdentity | null;
  readonly error: { readonly name: string; readonly message: string; readonly userMessage: string } | null;
  /** The AT exchange, for support when a modem is not recognised. */
  readonly log: string;
}

export interface ProbeOptions {
  readonly binding?: SerialBinding;
  readonly baudRate?: number;
  /** Time for each of the three AT attempts. Default 1 s. */
  readonly attemptTimeoutMs?: number;
}

export async function probePort(path: string, options: ProbeOptions = {}): Promise<ProbeResult> {
  const log = new TrafficLog(500);
  let port: Awaited<ReturnType<typeof openSerialPort>> | null = null;
  try {
    port = await openSerialPort({ path, binding: options.binding, baudRate: options.baudRate });
    const channel = new AtChannel(port, { path, log, defaultTimeoutMs: 3000, settleMs: 200 });
    channel.writeRaw('\x1b', 'ESC: leave any half-entered message');
    let answered = false;
    for (let attempt = 0; attempt < 3 && !answered; attempt++) {
      try {
        await channel.send('AT', { timeoutMs: options.attemptTimeoutMs ?? 1000 });
        answered = true;
      } catch (error) {
        if (!(error instanceof ModemError)) throw error;
      }
    }
    if (!answered) throw new NotAModemError(path);
    const identity = await identify(channel);
    channel.detach();
    return { path, ok: true, identity, error: null, log: log.exportText() };
  } catch (error) {
    const described =
      error instanceof ModemError
        ? { name: error.name, message: error.message, userMessage: error.userMessage }
        : {
            name: 'Error',
            message: String(error),
            userMessage: `Probing ${path} failed: ${error instanceof Error ? error.message : String(error)}`,
          };
    return { path, ok: false, identity: null, error: described, log: log.exportText() };
  } finally {
    if (port) await closeSerialPort(port);
  }
}

export function probePorts(paths: readonly string[], options: ProbeOptions = {}): Promise<ProbeResult[]> {
  return Promise.all(paths.map((path) => probePort(path, options)));
}
