// `fanout campaign run | resume | status`: campaigns from the terminal, through the same engine the
// app uses. A run can be killed at any moment (Ctrl+C, kill -9, power cut): `resume` continues
// every unfinished campaign, and messages a modem had in hand at the crash are reported as
// 'unknown', never sent again on their own.
import { InvalidArgumentError, type Command } from 'commander';
import { createEngine, type Engine, type ProgressBatch, type SimStatus } from '../../engine';
import { Modem } from '../../modem/modem';
import { campaignPolicyProblem } from '../../engine/send-policy-preflight';
import { readAppSettings } from '../../service/app-settings';
import { keywordPolicyFromSettings } from '../../service/keyword-settings';
import { AutoReplyWorker, readyReplyModems } from '../../service/sending/auto-reply-worker';
import { CAMPAIGN_PURPOSES, MESSAGE_STATES, type Campaign, type CampaignPurpose, type StateCounts, type Store } from '../../store';
import { CliError } from '../cli-error';
import { databaseOption } from '../database-option';
import { openStoreForCli } from '../open-store';
import { auditCliCampaign } from './audit-cli-entries';
import { parsePositiveInteger } from '../option-parsers';

interface CommonOptions {
  db: string;
  json: boolean;
}

interface ModemOptions {
  port: string[];
  pin?: string;
  giveUpAfter: number;
}

interface RunOptions extends CommonOptions, ModemOptions {
  list: string;
  text: string;
  name?: string;
  perMinute?: number;
  perHour?: number;
  perDay?: number;
  report: boolean;
  quietHours?: { start: string; end: string };
  purpose: CampaignPurpose;
}

interface CampaignSummary {
  id: number;
  name: string;
  state: Campaign['state'];
  counts: StateCounts;
}

const REPORT_WAIT_MS = 60_000;

function parseQuietHours(value: string): { start: string; end: string } {
  const match = /^(\d{1,2}:\d{2})-(\d{1,2}:\d{2})$/.exec(value.trim());
  if (!match?.[1] || !match[2]) throw new InvalidArgumentError('write quiet hours as START-END in 24-hour time, e.g. 21:00-08:00.');
  return { start: match[1], end: match[2] };
}

function parsePurpose(value: string): CampaignPurpose {
  const purpose = CAMPAIGN_PURPOSES.find((candidate) => candidate === value.trim().toLowerCase());
  if (!purpose) throw new InvalidArgumentError('expected service (reminders, alerts) or marketing (offers, newsletters: needs consent or an existing-customer basis per contact).');
  return purpose;
}

function parseSeconds(value: string): number {
  return parsePositiveInteger(value) * 1000;
}

function addModemOptions(command: Command): Command {
  return command
    .requiredOption('--port <path...>', 'serial port of a modem (repeat or list several: --port /dev/ttyUSB0 /dev/ttyUSB2)')
    .option('--pin <pin>', 'SIM PIN, entered once if a SIM asks (never retried when refused)')
    .option('--give-up-after <seconds>', 'stop when no modem could send for this long', parseSeconds, 120_000);
}

export function registerCampaignCommand(program: Command): void {
  const campaign = program.command('campaign').description('Send a campaign to a contact list, continue unfinished campaigns, or show their state.');

  addModemOptions(
    campaign
      .command('run')
      .description('Create a campaign for a list and send it to the end through the given modems.')
      .addOption(databaseOption())
      .requiredOption('--list <name>', 'the contact list to send to')
      .requiredOption('--text <template>', 'the message; {{Column}} inserts a contact field, {{Vorname|Kunde}} with a fallback'),
  )
    .option('--name <name>', 'campaign name (default: the list and the time)')
    .option('--per-minute <n>', 'at most this many SMS parts per minute per SIM', parsePositiveInteger)
    .option('--per-hour <n>', 'at most this many SMS parts per hour per SIM', parsePositiveInteger)
    .option('--per-day <n>', 'at most this many SMS parts per day per SIM', parsePositiveInteger)
    .option('--quiet-hours <start-end>', "no sending in this window of the recipient's local time, e.g. 21:00-08:00 (default: the Settings for the purpose)", parseQuietHours)
    .option('--purpose <purpose>', 'service (reminders, alerts) or marketing (sent only to contacts with consent or an existing-customer basis)', parsePurpose, 'service' as CampaignPurpose)
    .option('--report', 'ask for delivery reports and wait up to a minute for them at the end', false)
    .option('--json', 'print one JSON summary as the last line', false)
    .action(async (options: RunOptions) => {
      process.exitCode = await runCampaign(options);
    });

  addModemOptions(
    campaign
      .command('resume')
      .description('Continue every unfinished campaign (running, scheduled or paused) through the given modems.')
      .addOption(databaseOption()),
  )
    .option('--json', 'print one JSON summary as the last line', false)
    .action(async (options: CommonOptions & ModemOptions) => {
      process.exitCode = await resumeCampaigns(options);
    });

  campaign
    .command('status')
    .description('Show every campaign with its messages counted by state.')
    .addOption(databaseOption())
    .option('--json', 'print one JSON summary as the last line', false)
    .action((options: CommonOptions) => {
      showStatus(options);
    });
}

// --- run and resume -------------------------------------------------------------------------

async function runCampaign(options: RunOptions): Promise<number> {
  const store = openStoreForCli(options.db);
  try {
    const list = store.lists.getByName(options.list);
    if (!list) {
      const known = store.lists.list().map((l) => `"${l.name}"`);
      throw new CliError(`There is no list "${options.list}" in ${options.db}.${known.length ? ` Lists: ${known.join(', ')}.` : ' Import contacts first: fanout import FILE --db PATH --list NAME.'}`);
    }
    if (options.text.trim() === '') throw new CliError('The message text is empty.');
    const settings = readAppSettings(store.settings);
    const problem = campaignPolicyProblem(store, { purpose: options.purpose, template: options.text, listIds: [list.id] }, settings.optOutHints);
    if (problem) throw new CliError(problem);
    const purposeQuietHours = options.purpose === 'marketing' ? settings.marketingQuietHours : settings.quietHours;
    const quietHours = options.quietHours ?? (purposeQuietHours.enabled ? { start: purposeQuietHours.start, end: purposeQuietHours.end } : null);
    return await withEngine(store, options, async (engine, say) => {
      const limits = options.perMinute || options.perHour || options.perDay ? { perMinute: options.perMinute ?? null, perHour: options.perHour ?? null, perDay: options.perDay ?? null } : null;
      const created = await engine.createCampaign({
        name: options.name ?? `${options.list} ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`,
        template: options.text,
        listIds: [list.id],
        limits,
        quietHours,
        purpose: options.purpose,
        requestStatusReport: options.report,
      });
      const { estimate } = created;
      say(
        `Campaign ${created.campaign.id} "${created.campaign.name}": ${estimate.recipients} recipients, ${estimate.totalParts} SMS parts` +
          (estimate.optedOut ? `, ${estimate.optedOut} opted out (skipped)` : '') +
          (estimate.withMissingFields ? `, ${estimate.withMissingFields} with empty merge fields` : '') +
          '.',
      );
      if (options.purpose === 'marketing') {
        const bases = store.consents.countInLists([list.id], 'marketing');
        say(`Marketing: ${(bases.consent + bases.existingCustomer).toLocaleString('en')} recipients have consent or an existing-customer basis; ${bases.none.toLocaleString('en')} without one will be skipped ("no consent for marketing").`);
      }
      if (estimate.tooLong > 0) say(`Warning: ${estimate.tooLong} messages are longer than a phone can put together; they will fail.`);
      auditCliCampaign(store, 'campaign.create', created.campaign.id);
      engine.startCampaign(created.campaign.id);
      auditCliCampaign(store, 'campaign.start', created.campaign.id);
      return [created.campaign.id];
    });
  } finally {
    store.database.close();
  }
}

async function resumeCampaigns(options: CommonOptions & ModemOptions): Promise<number> {
  const store = openStoreForCli(options.db);
  try {
    return await withEngine(store, { ...options, report: false }, (engine, say) => {
      const unfinished = store.campaigns.list({ states: ['running', 'scheduled', 'paused'] });
      if (unfinished.length === 0) say('No unfinished campaign.');
      for (const campaign of unfinished) {
        const state = campaign.state === 'paused' ? engine.resumeCampaign(campaign.id) : campaign.state;
        auditCliCampaign(store, 'campaign.resume', campaign.id, { was: campaign.state });
        const counts = store.queue.countByState(campaign.id);
        say(`Continuing campaign ${campaign.id} "${campaign.name}" (${state}): ${counts.queued} to send.`);
      }
      return Promise.resolve(unfinished.map((campaign) => campaign.id));
    });
  } finally {
    store.database.close();
  }
}

type Say = (line: string) => void;

/**
 * Opens the modems, starts the engine, lets `begin` start campaigns and waits until they finish,
 * no modem can send for too long, or the user presses Ctrl+C. Returns the exit code.
 */
async function withEngine(store: Store, options: CommonOptions & ModemOptions & { report: boolean }, begin: (engine: Engine, say: Say) => Promise<number[]>): Promise<number> {
  const say: Say = (line) => {
    // With --json, stdout ends with the summary; everything before it may be read by people.
    if (options.json) console.error(line);
    else console.log(line);
  };
  const modems = await openModems(options, say);
  // The keyword words and answers saved in the app apply here too; the answers go out through these modems.
  const engine = createEngine({ store, keywords: keywordPolicyFromSettings(store.settings) });
  const modemOfSim = new Map<number, Modem>();
  const answers = new AutoReplyWorker({
    store,
    readyModems: () => readyReplyModems(engine, (simId) => modemOfSim.get(simId)),
    problem: (description) => say(description),
  });
  const startedAt = Date.now();
  let exitCode = 0;
  let campaignIds: number[] = [];
  const progress = new ProgressDisplay(store, options.json);
  const listeners: (() => void)[] = [];
  try {
    const { interruptedAsUnknown } = engine.start();
    if (interruptedAsUnknown > 0) {
      say(`${interruptedAsUnknown} messages were in a modem's hands when Fanout last stopped; they may or may not have been sent and are marked 'unknown' (not re-sent automatically).`);
    }
    for (const modem of modems) {
      const sim = engine.attachModem(modem);
      modemOfSim.set(sim.simId, modem);
      say(`Using ${modem.path}: ${modem.identity?.manufacturer ?? '?'} ${modem.identity?.model ?? ''} (${sim.label}), ${modem.state}.`);
    }
    listeners.push(
      engine.on('sim', (status) => {
        if (status.problem) progress.note(`${status.path}: ${status.problem}`);
      }),
      engine.on('inbound', (notice) => {
        if (notice.autoReplyId !== null) answers.wake();
        if (notice.optedOut) progress.note(`${notice.senderE164 ?? 'a sender'} replied "${notice.text.trim()}" and is now on the opt-out list.`);
      }),
    );
    listeners.push(engine.on('progress', (batch) => progress.update(batch)));
    answers.start();
    campaignIds = await begin(engine, say);
    progress.track(campaignIds);

    const outcome = await waitForCampaigns(engine, campaignIds, options.giveUpAfter, progress);
    if (outcome === 'no-modem') {
      progress.note(`No modem could send for ${Math.round(options.giveUpAfter / 1000)} s. The campaign stays unfinished; continue with: fanout campaign resume --db ${options.db} --port …`);
      exitCode = 3;
    } else if (outcome === 'interrupted') {
      progress.note('Stopped. Continue with: fanout campaign resume --db … --port …');
      exitCode = 130;
    } else if (options.report) {
      await waitForReports(store, campaignIds, progress);
    }
  } finally {
    for (const off of listeners) off();
    progress.stop();
    await answers.finish();
    await engine.stop();
    await Promise.all(modems.map((modem) => modem.close()));
  }
  const summaries = campaignIds.map((id) => summarise(store, id)).filter((s): s is CampaignSummary => s !== undefined);
  const counts = sumCounts(summaries.map((s) => s.counts));
  for (const summary of summaries) say(`Campaign ${summary.id} "${summary.name}": ${summary.state}; ${describeCounts(summary.counts)}.`);
  if (counts.unknown > 0) say(`${counts.unknown} messages have an unknown outcome: check with the recipients or re-send them from the app.`);
  if (options.json) {
    console.log(JSON.stringify({ ok: exitCode === 0, campaigns: summaries, counts, durationMs: Date.now() - startedAt }));
  }
  return exitCode;
}

async function openModems(options: ModemOptions, say: Say): Promise<Modem[]> {
  const results = await Promise.allSettled(options.port.map((path) => Modem.open({ path, pin: options.pin })));
  const modems: Modem[] = [];
  results.forEach((result, index) => {
    if (result.status === 'fulfilled') modems.push(result.value);
    else {
      const error: unknown = result.reason;
      const text = error && typeof error === 'object' && 'userMessage' in error ? String(error.userMessage) : error instanceof Error ? error.message : String(error);
      say(`Cannot use ${options.port[index]}: ${text}`);
    }
  });
  if (modems.length === 0) throw new CliError('None of the given ports has a working modem; nothing was sent.');
  return modems;
}

type WaitOutcome = 'finished' | 'no-modem' | 'interrupted';

function waitForCampaigns(engine: Engine, campaignIds: readonly number[], giveUpAfterMs: number, progress: ProgressDisplay): Promise<WaitOutcome> {
  return new Promise((resolve) => {
    let lastUsable = Date.now();
    const watchdog = setInterval(() => {
      progress.render(engine.sims());
      if (engine.sims().some((sim) => sim.inService)) lastUsable = Date.now();
      else if (Date.now() - lastUsable > giveUpAfterMs) finish('no-modem');
    }, 200);
    const interrupt = () => finish('interrupted');
    process.once('SIGINT', interrupt);
    process.once('SIGTERM', interrupt);
    function finish(outcome: WaitOutcome): void {
      clearInterval(watchdog);
      process.off('SIGINT', interrupt);
      process.off('SIGTERM', interrupt);
      resolve(outcome);
    }
    void Promise.all(campaignIds.map((id) => engine.whenFinished(id))).then(() => finish('finished'));
  });
}

async function waitForReports(store: Store, campaignIds: readonly number[], progress: ProgressDisplay): Promise<void> {
  const deadline = Date.now() + REPORT_WAIT_MS;
  progress.note('Waiting up to a minute for delivery reports…');
  while (Date.now() < deadline) {
    if (campaignIds.every((id) => store.queue.countByState(id).sent === 0)) return;
    progress.render([]);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// --- status ---------------------------------------------------------------------------------

function showStatus(options: CommonOptions): void {
  const store = openStoreForCli(options.db);
  try {
    const summaries = store.campaigns
      .list()
      .map((campaign) => summarise(store, campaign.id))
      .filter((s): s is CampaignSummary => s !== undefined)
      .reverse();
    const counts = sumCounts(summaries.map((s) => s.counts));
    if (summaries.length === 0) (options.json ? console.error : console.log)('No campaigns yet.');
    for (const summary of summaries) {
      const line = `${String(summary.id).padStart(4)}  ${summary.state.padEnd(9)}  ${summary.name}: ${describeCounts(summary.counts)}`;
      if (options.json) console.error(line);
      else console.log(line);
    }
    if (options.json) console.log(JSON.stringify({ ok: true, campaigns: summaries, counts }));
  } finally {
    store.database.close();
  }
}

function summarise(store: Store, campaignId: number): CampaignSummary | undefined {
  const campaign = store.campaigns.get(campaignId);
  if (!campaign) return undefined;
  return { id: campaign.id, name: campaign.name, state: campaign.state, counts: store.queue.countByState(campaign.id) };
}

function sumCounts(all: readonly StateCounts[]): StateCounts {
  const total = Object.fromEntries(MESSAGE_STATES.map((state) => [state, 0])) as StateCounts;
  for (const counts of all) for (const state of MESSAGE_STATES) total[state] += counts[state];
  return total;
}

function describeCounts(counts: StateCounts): string {
  const parts = MESSAGE_STATES.filter((state) => counts[state] > 0).map((state) => `${counts[state]} ${state}`);
  return parts.length > 0 ? parts.join(', ') : 'no messages';
}

// --- progress -------------------------------------------------------------------------------

/** A bar redrawn in place on a terminal; elsewhere (pipes, logs, --json) a plain line every few seconds. */
class ProgressDisplay {
  private campaignIds: readonly number[] = [];
  private readonly latest = new Map<number, StateCounts>();
  private lastPlainLine = 0;
  private drawn = false;
  private readonly tty: boolean;

  constructor(
    private readonly store: Store,
    private readonly json: boolean,
  ) {
    this.tty = !json && process.stdout.isTTY === true;
  }

  track(campaignIds: readonly number[]): void {
    this.campaignIds = campaignIds;
    for (const id of campaignIds) if (!this.latest.has(id)) this.latest.set(id, this.store.queue.countByState(id));
  }

  /** Counts come with the engine's batched progress events: no counting query per redraw. */
  update(batch: ProgressBatch): void {
    for (const { campaignId, counts } of batch.campaigns) this.latest.set(campaignId, counts);
  }

  note(line: string): void {
    this.clearBar();
    (this.json ? console.error : console.log)(line);
  }

  render(sims: readonly SimStatus[]): void {
    if (this.campaignIds.length === 0) return;
    const counts = sumCounts(this.campaignIds.flatMap((id) => this.latest.get(id) ?? []));
    const total = MESSAGE_STATES.reduce((sum, state) => sum + counts[state], 0);
    const done = total - counts.queued - counts.sending;
    const modems = sims.length ? `, ${sims.filter((s) => s.inService).length}/${sims.length} modems sending` : '';
    const text = `${done}/${total} done (${counts.sent + counts.delivered} sent, ${counts.failed} failed, ${counts.skipped} skipped, ${counts.unknown} unknown${modems})`;
    if (this.tty) {
      const width = 24;
      const filled = total === 0 ? width : Math.round((done / total) * width);
      process.stdout.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}\x1b[K`);
      this.drawn = true;
    } else if (Date.now() - this.lastPlainLine >= 2000) {
      this.lastPlainLine = Date.now();
      (this.json ? console.error : console.log)(text);
    }
  }

  stop(): void {
    this.clearBar();
  }

  private clearBar(): void {
    if (this.drawn) process.stdout.write('\r\x1b[K');
    this.drawn = false;
  }
}
