// `fanout modems`: which modems are on which ports. Every port is probed at the same time; a
// port with nothing that talks AT fails after a few seconds instead of hanging the command.

import type { Command } from 'commander';
import { probePorts, type ProbeResult } from '../../modem/probe';
import { systemSerialBinding } from '../../modem/serial-open';
import { CliError } from '../cli-error';

interface ModemsOptions {
  port?: string[];
  json: boolean;
}

export interface ModemReport {
  path: string;
  ok: boolean;
  manufacturer: string | null;
  model: string | null;
  firmware: string | null;
  imei: string | null;
  imsi: string | null;
  iccid: string | null;
  operator: string | null;
  signal: { rssi: number | null; dbm: number | null; bars: number } | null;
  registration: string | null;
  sim: string | null;
  error: string | null;
  /** Another port of the same modem (sticks expose several); null if none came first. */
  sameModemAs: string | null;
}

function toReport(result: ProbeResult): ModemReport {
  const identity = result.identity;
  return {
    path: result.path,
    ok: result.ok,
    manufacturer: identity?.manufacturer ?? null,
    model: identity?.model ?? null,
    firmware: identity?.firmware ?? null,
    imei: identity?.imei ?? null,
    imsi: identity?.imsi ?? null,
    iccid: identity?.iccid ?? null,
    operator: identity?.operator ?? null,
    signal: identity?.signal ? { ...identity.signal } : null,
    registration: identity?.registration ?? null,
    sim: identity?.sim ?? null,
    error: result.error?.userMessage ?? null,
    sameModemAs: null,
  };
}

// Many sticks expose two or three AT ports; the IMEI shows they are one modem.
function markSharedModems(reports: ModemReport[]): ModemReport[] {
  const firstPortByImei = new Map<string, string>();
  return reports.map((report) => {
    if (!report.imei) return report;
    const first = firstPortByImei.get(report.imei);
    if (first === undefined) {
      firstPortByImei.set(report.imei, report.path);
      return report;
    }
    return { ...report, sameModemAs: first };
  });
}

function describeSignal(signal: ModemReport['signal']): string {
  if (!signal || signal.dbm === null) return 'unknown';
  return `${signal.dbm} dBm (${'▮'.repeat(signal.bars)}${'▯'.repeat(5 - signal.bars)})`;
}

function printTable(reports: readonly ModemReport[]): void {
  for (const report of reports) {
    if (!report.ok) {
      console.log(`${report.path}: no modem. ${report.error ?? ''}`.trim());
      continue;
    }
    if (report.sameModemAs) {
      console.log(`${report.path}: another port of the modem on ${report.sameModemAs} (use one of them)`);
      continue;
    }
    console.log(
      `${report.path}: ${[report.manufacturer, report.model].filter(Boolean).join(' ') || 'modem'}`,
    );
    console.log(`  IMEI ${report.imei ?? 'unknown'}, firmware ${report.firmware ?? 'unknown'}`);
    const simLine =
      report.sim === 'ready'
        ? `IMSI ${report.imsi ?? 'unknown'}, ICCID ${report.iccid ?? 'unknown'}`
        : report.sim === 'pin-required'
          ? 'needs its PIN (use --pin with send or campaign)'
          : `SIM ${report.sim ?? 'unknown'}`;
    console.log(`  SIM: ${simLine}`);
    console.log(
      `  Network: ${report.operator ?? 'none'} (${report.registration ?? 'unknown'}), signal ${describeSignal(report.signal)}`,
    );
  }
}

export function registerModemsCommand(program: Command): void {
  program
    .command('modems')
    .description('Find the modems on serial ports and show what they are, their SIM, network and signal.')
    .option('--port <path...>', 'ports to probe (default: every serial port of this computer)')
    .option('--json', 'print a JSON array, one object per port', false)
    .action(async (options: ModemsOptions) => {
      let paths = options.port ?? [];
      if (paths.length === 0) {
        paths = (await systemSerialBinding().list()).map((port) => port.path);
        if (paths.length === 0)
          throw new CliError('No serial ports found. Plug a modem in, or name its port with --port.');
      }
      const reports = markSharedModems((await probePorts(paths)).map(toReport));
      if (options.json) console.log(JSON.stringify(reports, null, 2));
      else printTable(reports);
      process.exitCode = reports.every((report) => report.ok) ? 0 : 1;
    });
}
