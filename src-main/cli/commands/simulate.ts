// `fanout simulate`: virtual modems as real serial devices (DIR/modem0 …) for trying Fanout, or
// any other SMS program such as Gammu, without hardware. Runs until Ctrl+C or SIGTERM.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { FaultPlan, LateAnswer } from '../../simulator/faults';
import { isModemProfileId, modemProfileIds, type ModemProfileId } from '../../simulator/profiles';
import { startPtySimulator } from '../../simulator/pty-simulator';
import { CliError } from '../cli-error';
import { parsePositiveInteger } from '../option-parsers';

interface SimulateOptions {
  modems: number;
  dir: string;
  profile: string;
  latency: number;
  reportDelay: number;
  failNumber: Record<string, number>;
  hangAfter?: number;
  hangFor?: number;
  unplugAfter?: number;
  replugAfter?: number;
  network: boolean;
  pin?: string;
  losePrompt?: number;
  lateAnswer: LateAnswer[];
  replyStopEvery?: number;
  json: boolean;
}

function parseNonNegativeInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0)
    throw new InvalidArgumentError('expected a whole number, 0 or more.');
  return number;
}

function collectFailNumber(value: string, previous: Record<string, number>): Record<string, number> {
  const match = /^(\+?\d{3,20}):(\d{1,3})$/.exec(value.trim());
  if (!match?.[1] || !match[2])
    throw new InvalidArgumentError('write NUMBER:CMS-CODE, e.g. +4915100000001:1 (1 = unknown number).');
  return { ...previous, [match[1]]: Number(match[2]) };
}

function collectLateAnswer(value: string, previous: LateAnswer[]): LateAnswer[] {
  const match = /^(AT[^:]*):(\d{1,6})$/i.exec(value.trim());
  if (!match?.[1] || !match[2])
    throw new InvalidArgumentError('write COMMAND:MS, e.g. AT+CSQ:3000 (the answer comes 3 s late, once).');
  return [...previous, { command: match[1], afterMs: Number(match[2]) }];
}

function profilesFor(choice: string): ModemProfileId | ModemProfileId[] {
  if (choice === 'mixed') return [...modemProfileIds];
  if (isModemProfileId(choice)) return choice;
  throw new CliError(
    `Unknown profile "${choice}". Choose one of: ${[...modemProfileIds, 'mixed'].join(', ')}.`,
  );
}

function checkSocat(): void {
  const probe = spawnSync('socat', ['-V'], { stdio: 'ignore' });
  if (probe.error)
    throw new CliError(
      'fanout simulate needs socat to create the serial devices. Install it, e.g. "sudo apt install socat".',
    );
}

export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description('Run virtual modems as serial devices DIR/modem0 … DIR/modemN-1 until stopped (Ctrl+C).')
    .requiredOption('--modems <n>', 'how many virtual modems', parsePositiveInteger)
    .requiredOption('--dir <dir>', 'directory for the device links')
    .option('--profile <name>', `modem type: ${modemProfileIds.join(', ')} or mixed`, 'sim800')
    .option(
      '--latency <ms>',
      'time the network takes to accept each message part',
      parseNonNegativeInteger,
      500,
    )
    .option(
      '--report-delay <ms>',
      'time until a requested delivery report arrives',
      parseNonNegativeInteger,
      2000,
    )
    .option(
      '--fail-number <number:code...>',
      'answer +CMS ERROR <code> for messages to this number (repeatable)',
      collectFailNumber,
      {},
    )
    .option('--hang-after <n>', 'stop answering after n accepted messages', parsePositiveInteger)
    .option(
      '--hang-for <ms>',
      'how long a hang lasts (default: until the port is reopened, never over a pty)',
      parsePositiveInteger,
    )
    .option('--unplug-after <n>', 'disappear after n accepted messages', parsePositiveInteger)
    .option('--replug-after <ms>', 'come back this long after an unplug', parsePositiveInteger)
    .option('--no-network', 'SIM not registered: sending fails with CMS 331')
    .option('--pin <pin>', 'the SIM asks for this PIN')
    .option('--lose-prompt <n>', 'the first n "> " prompts never appear', parsePositiveInteger)
    .option(
      '--late-answer <command:ms...>',
      'answer the first command starting with COMMAND this many ms late, e.g. AT+CSQ:3000 (repeatable)',
      collectLateAnswer,
      [],
    )
    .option(
      '--reply-stop-every <n>',
      'every n-th recipient answers STOP a second later (opt-out demo)',
      parsePositiveInteger,
    )
    .option(
      '--json',
      'print the device list, then each message part the network accepts, as JSON lines',
      false,
    )
    .action(async (options: SimulateOptions) => {
      checkSocat();
      const dir = resolve(options.dir);
      const taken = Array.from({ length: options.modems }, (_, index) =>
        resolve(dir, `modem${index}`),
      ).filter((path) => existsSync(path));
      if (taken.length > 0) {
        throw new CliError(
          `${taken.join(', ')} already exist${taken.length === 1 ? 's' : ''}. Is another "fanout simulate" using ${dir}? Stop it, delete the stale links, or choose another --dir.`,
        );
      }
      const faults: FaultPlan = {
        cmsErrorFor: options.failNumber,
        hangAfterSends: options.hangAfter,
        hangForMs: options.hangFor,
        unplugAfterSends: options.unplugAfter,
        replugAfterMs: options.replugAfter,
        noNetwork: !options.network,
        pinRequired: options.pin,
        losePromptTimes: options.losePrompt,
        lateAnswers: options.lateAnswer,
      };
      let messagesSeen = 0;
      const every = options.replyStopEvery;
      const replyFrom =
        every === undefined ? undefined : () => ((messagesSeen += 1) % every === 0 ? 'STOP' : null);
      const sim = await startPtySimulator({
        count: options.modems,
        dir,
        profile: profilesFor(options.profile),
        faults,
        submitLatencyMs: options.latency,
        statusReportDelayMs: options.reportDelay,
        replyFrom,
      });
      const devices = sim.modems.map((handle) => ({
        path: handle.path,
        profile: handle.modem.profile.id,
        imei: handle.modem.imei,
        imsi: handle.modem.imsi,
      }));
      if (options.json) console.log(JSON.stringify({ devices }));
      else {
        console.log(`${devices.length} virtual modem${devices.length === 1 ? '' : 's'} running:`);
        for (const device of devices) console.log(`  ${device.path}  ${device.profile}  IMEI ${device.imei}`);
        console.log('Stop with Ctrl+C.');
      }
      let submitted = 0;
      sim.network.onSubmit((part) => {
        submitted += 1;
        // One JSON line per part the network accepted, decoded, so scripts and tests can check it.
        if (options.json) {
          const { submit } = part;
          console.log(
            JSON.stringify({
              submitted: {
                imei: part.modemImei,
                reference: part.messageReference,
                to: submit.recipient.number,
                text: submit.text,
                encoding: submit.encoding,
                concat: submit.concat ?? null,
                statusReport: submit.statusReportRequested,
              },
            }),
          );
        }
      });
      await new Promise<void>((resolveStop) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolveStop();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await sim.stop();
      if (!options.json)
        console.log(
          `Stopped. The virtual network accepted ${submitted} message part${submitted === 1 ? '' : 's'}.`,
        );
    });
}
