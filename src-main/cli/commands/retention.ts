// `fanout retention run`: deletes message texts older than the retention period now, as the
// running app does daily. Prints what it deleted; audited as the local administrator.
import type { Command } from 'commander';
import { readAppSettings } from '../../service/app-settings';
import { runRetention } from '../../service/privacy/retention-run';
import { CLI_ACTOR } from '../../store';
import { databaseOption } from '../database-option';
import { openStoreForCli } from '../open-store';
import { parsePositiveInteger } from '../option-parsers';

interface RetentionOptions {
  db: string;
  days?: number;
  json: boolean;
}

export function registerRetentionCommand(program: Command): void {
  const retention = program.command('retention').description('Delete old message texts (the retention period set in Settings).');
  retention
    .command('run')
    .description('Delete the texts of messages, replies and automatic answers older than the retention period; counts and states stay.')
    .addOption(databaseOption())
    .option('--days <n>', 'use this period instead of the one set in Settings', parsePositiveInteger)
    .option('--json', 'print one JSON summary as the last line', false)
    .action(async (options: RetentionOptions) => {
      await run(options);
    });
}

async function run(options: RetentionOptions): Promise<void> {
  const store = openStoreForCli(options.db);
  try {
    const days = options.days ?? readAppSettings(store.settings).retentionDays;
    if (days === null) {
      console.error('Retention is off: message texts are kept. Set a period in Settings → Data retention, or pass --days N.');
      if (options.json) console.log(JSON.stringify({ ok: true, off: true }));
      return;
    }
    const result = await runRetention(store, { days, now: Date.now(), actor: CLI_ACTOR, alwaysAudit: true });
    const { messages, replies, autoReplies } = result.purged;
    if (options.json) {
      console.log(JSON.stringify({ ok: true, days, cutoff: new Date(result.cutoff).toISOString(), messages, replies, autoReplies, walTruncated: result.walTruncated }));
    } else {
      console.log(`Deleted texts older than ${days} day(s) (before ${new Date(result.cutoff).toISOString()}): ${messages} message(s), ${replies} reply(ies), ${autoReplies} automatic answer(s). Counts and states stay.`);
    }
  } finally {
    store.database.close();
  }
}
