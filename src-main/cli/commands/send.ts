// `fanout send`: one message through one modem, from the terminal. Exits 0 only when the network
// accepted every part; an "unknown" outcome (the modem stopped answering mid-send) is not
// retried, because the message may already be on its way.

import type { Command } from 'commander';
import { ModemError } from '../../modem/errors';
import { Modem } from '../../modem/modem';
import type { DeliveryReport } from '../../modem/receive';
import type { SendResult } from '../../modem/send';
import { CliError } from '../cli-error';
import { parsePositiveInteger } from '../option-parsers';

interface SendOptions {
  port: string;
  to: string;
  text: string;
  pin?: string;
  report: boolean;
  reportTimeout: number;
  json: boolean;
}

const stateAdvice: Record<string, string> = {
  'pin-required': 'The SIM needs its PIN: add --pin 1234 (it is tried once; a refused PIN is never retried).',
  'puk-required': 'The SIM is blocked and needs its PUK. Unblock it in a phone first.',
  'no-sim': 'No SIM card was found. Insert one and try again.',
  'no-network': 'The modem has no network. Check the antenna, the SIM and the coverage.',
};

async function openModem(options: SendOptions): Promise<Modem> {
  try {
    return await Modem.open({ path: options.port, pin: options.pin, healthIntervalMs: 0 });
  } catch (error) {
    if (error instanceof ModemError) throw new CliError(error.userMessage);
    throw error;
  }
}

function waitForReports(
  modem: Modem,
  references: readonly number[],
  timeoutMs: number,
): Promise<DeliveryReport[]> {
  const wanted = new Set(references);
  const reports: DeliveryReport[] = [];
  const deletions: Promise<void>[] = [];
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish(), timeoutMs);
    const off = modem.on('statusReport', (report, ack) => {
      deletions.push(ack());
      if (!wanted.has(report.messageReference)) return;
      wanted.delete(report.messageReference);
      reports.push(report);
      if (wanted.size === 0) finish();
    });
    function finish(): void {
      clearTimeout(timer);
      off();
      void Promise.all(deletions).then(() => resolve(reports));
    }
  });
}

function printResult(result: SendResult, reports: readonly DeliveryReport[] | null): void {
  const accepted = result.parts.filter((part) => part.status === 'accepted');
  if (result.outcome === 'accepted') {
    console.log(
      `Sent: ${result.parts.length} part${result.parts.length === 1 ? '' : 's'}, reference${accepted.length === 1 ? '' : 's'} ${accepted.map((part) => part.reference ?? '?').join(', ')}.`,
    );
  } else if (result.outcome === 'unknown') {
    console.log(
      `Not sure whether the message went out: ${result.error?.userMessage ?? 'the modem stopped answering'} Fanout did not send it again.`,
    );
  } else {
    console.log(`Not sent: ${result.error?.userMessage ?? 'unknown reason'}`);
  }
  if (result.outcome !== 'accepted' && accepted.length > 0) {
    console.log(
      `Parts the network accepted before that: ${accepted.map((part) => `${part.partNumber} (reference ${part.reference ?? '?'})`).join(', ')}.`,
    );
  }
  if (reports) {
    if (reports.length === 0) console.log('No delivery report arrived in time.');
    for (const report of reports)
      console.log(
        `Delivery report for reference ${report.messageReference}: ${report.statusClass} (status ${report.status}) at ${report.dischargeTimestamp}.`,
      );
  }
}

export function registerSendCommand(program: Command): void {
  program
    .command('send')
    .description('Send one SMS through one modem and print the message references.')
    .requiredOption('--port <path>', 'serial port of the modem, e.g. /dev/ttyUSB0')
    .requiredOption('--to <number>', 'recipient, international form preferred: +4917012345678')
    .requiredOption('--text <text>', 'the message; long or non-Latin text is split into parts automatically')
    .option('--pin <pin>', 'SIM PIN, entered once if the SIM asks')
    .option('--report', 'ask for a delivery report and wait for it', false)
    .option('--report-timeout <seconds>', 'how long to wait for delivery reports', parsePositiveInteger, 60)
    .option('--json', 'print the result as JSON', false)
    .addHelpText(
      'after',
      '\nExit status: 0 every part was accepted, 1 not sent, 3 unknown (the modem stopped answering mid-send; not retried).',
    )
    .action(async (options: SendOptions) => {
      if (options.text.length === 0) throw new CliError('The message text is empty.');
      const modem = await openModem(options);
      try {
        if (modem.state !== 'ready') {
          throw new CliError(
            `The modem on ${options.port} cannot send (${modem.state}). ${stateAdvice[modem.state] ?? ''}`.trim(),
          );
        }
        const result = await modem.send({
          to: options.to,
          text: options.text,
          requestStatusReport: options.report,
        });
        const references = result.parts.flatMap((part) =>
          part.status === 'accepted' && part.reference !== null ? [part.reference] : [],
        );
        const reports =
          options.report && result.outcome === 'accepted'
            ? await waitForReports(modem, references, options.reportTimeout * 1000)
            : null;
        if (options.json)
          console.log(JSON.stringify({ port: options.port, to: options.to, ...result, reports }, null, 2));
        else printResult(result, reports);
        process.exitCode = result.outcome === 'accepted' ? 0 : result.outcome === 'unknown' ? 3 : 1;
      } finally {
        await modem.close();
      }
    });
}
