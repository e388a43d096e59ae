// `fanout audit verify | list`: check the audit log's hash chain, or read it, from the terminal.
// verify exits 0 when the log is intact and 1 when it is not, with each problem in plain words.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { AuditEntry, AuditVerification, Store } from '../../store';
import { CliError } from '../cli-error';
import { databaseOption } from '../database-option';
import { parsePositiveInteger } from '../option-parsers';
import { openStoreForCli } from '../open-store';

interface VerifyOptions {
  db: string;
  json: boolean;
}

interface ListOptions extends VerifyOptions {
  limit: number;
}

export function registerAuditCommand(program: Command): void {
  const audit = program.command('audit').description('Check that the audit log is intact, or show its latest entries.');
  audit
    .command('verify')
    .description("Recompute the audit log's hash chain: finds entries changed, inserted or removed behind Fanout's back. Exit code 1 when it is not intact.")
    .addOption(databaseOption())
    .option('--json', 'print one JSON object', false)
    .action((options: VerifyOptions) => {
      process.exitCode = withExistingStore(options.db, (store) => runVerify(store, options));
    });
  audit
    .command('list')
    .description('Show the latest audit log entries, newest first.')
    .addOption(databaseOption())
    .option('--limit <n>', 'how many entries', parsePositiveInteger, 50)
    .option('--json', 'print one JSON object', false)
    .action((options: ListOptions) => {
      withExistingStore(options.db, (store) => runList(store, options));
    });
}

function withExistingStore<T>(dbPath: string, work: (store: Store) => T): T {
  // Opening creates a database where there is none: an audit of nothing would look "intact".
  if (!existsSync(dbPath)) throw new CliError(`There is no database at ${dbPath}. Name it with --db PATH.`);
  const store = openStoreForCli(dbPath);
  try {
    return work(store);
  } finally {
    store.database.close();
  }
}

function runVerify(store: Store, options: VerifyOptions): number {
  const verification = store.audit.verify();
  console.log(options.json ? JSON.stringify(verification) : describeVerification(verification));
  return verification.ok ? 0 : 1;
}

export function describeVerification(verification: AuditVerification): string {
  const lines: string[] = [];
  const entries = `${verification.checked.toLocaleString('en')} ${verification.checked === 1 ? 'entry' : 'entries'}`;
  if (verification.ok) {
    lines.push(`The audit log is intact: ${entries} checked, each linked to the one before.`);
  } else {
    lines.push(`The audit log is NOT intact: ${verification.problems.length} ${verification.problems.length === 1 ? 'problem' : 'problems'} in ${entries}.`);
    for (const problem of verification.problems) lines.push(`  - ${problem.message}`);
  }
  const file = verification.anchors.find((anchor) => anchor.where === 'file');
  if (file && file.state !== 'present') {
    lines.push(
      file.state === 'absent'
        ? 'Note: the file beside the database that records the last entry is missing (a copied or restored database has none), so entries removed from the end are checked against the database alone.'
        : 'Note: the file beside the database that records the last entry cannot be read.',
    );
  }
  return lines.join('\n');
}

function runList(store: Store, options: ListOptions): void {
  const page = store.audit.list({ limit: options.limit });
  if (options.json) {
    console.log(JSON.stringify({ entries: page.entries.map(({ prevHash: _prev, hash: _hash, ...entry }) => ({ ...entry, at: new Date(entry.at).toISOString() })) }));
    return;
  }
  if (page.entries.length === 0) {
    console.log('The audit log is empty.');
    return;
  }
  for (const entry of page.entries) console.log(describeEntry(entry));
}

function describeEntry(entry: AuditEntry): string {
  const details = Object.keys(entry.details).length > 0 ? ` ${JSON.stringify(entry.details)}` : '';
  return `${String(entry.seq).padStart(6)}  ${new Date(entry.at).toISOString().replace('T', ' ').slice(0, 19)}  ${entry.actor}  ${entry.action}${entry.subject ? `  ${entry.subject}` : ''}${details}`;
}
