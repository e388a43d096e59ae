// `fanout import`: a CSV/TSV file into a contact list, from the terminal. With --json the last
// line of stdout is one JSON object (counts, or the error); everything for people goes to stderr.
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { ContactImportError, importContacts, isSupportedCountry, type CountryCode, type ImportContactsResult, type ImportProgress } from '../../contacts';
import { CliError } from '../cli-error';
import { databaseOption } from '../database-option';
import { openStoreForCli } from '../open-store';
import { auditCliImport } from './audit-cli-entries';

interface ImportOptions {
  db: string;
  list: string;
  country: CountryCode;
  phoneColumn?: string;
  rejected?: string;
  json: boolean;
}

const ERROR_ADVICE: Partial<Record<ContactImportError['code'], string>> = {
  'no-phone-column': 'Name the column with --phone-column TITLE (or its number, counting from 1).',
  'unknown-column': 'Check the spelling with the titles above, or give the column number, counting from 1.',
};

function parseCountry(value: string): CountryCode {
  const code = value.toUpperCase();
  if (!isSupportedCountry(code)) throw new InvalidArgumentError('expected a two-letter country code such as DE, AT, CH, FR or US.');
  return code;
}

/** "3" means the third column; anything else is a column title. */
function phoneColumnOption(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  return /^\d+$/.test(value) ? Number(value) - 1 : value;
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('Import contacts from a CSV or TSV file (Excel exports too) into a contact list.')
    .argument('<file>', 'the CSV/TSV file')
    .addOption(databaseOption())
    .requiredOption('--list <name>', 'the contact list to import into (created if new)')
    .option('--country <code>', 'country of numbers written without +country code', parseCountry, 'DE' as CountryCode)
    .option('--phone-column <title|number>', 'the column with the phone numbers (guessed when not given)')
    .option('--rejected <path>', 'where to write the rows that were not imported, as CSV')
    .option('--json', 'print one JSON summary as the last line', false)
    .action(async (file: string, options: ImportOptions) => {
      await runImport(file, options);
    });
}

async function runImport(file: string, options: ImportOptions): Promise<void> {
  const store = openStoreForCli(options.db);
  const progress = new ProgressLine(!options.json && process.stderr.isTTY === true);
  try {
    const result = await importContacts({
      store,
      path: file,
      list: { listName: options.list },
      defaultCountry: options.country,
      mapping: { phoneColumn: phoneColumnOption(options.phoneColumn) },
      ...(options.rejected ? { rejectedCsvPath: path.resolve(options.rejected) } : {}),
      onProgress: (p) => progress.show(p),
    });
    progress.clear();
    auditCliImport(store, file, options.list, result);
    if (options.json) {
      console.log(JSON.stringify({ ok: true, list: options.list, ...result }));
    } else {
      console.log(summary(result, options.list));
    }
  } catch (error) {
    progress.clear();
    if (error instanceof ContactImportError) {
      const advice = ERROR_ADVICE[error.code];
      if (options.json) console.log(JSON.stringify({ ok: false, error: { code: error.code, message: error.message } }));
      throw new CliError(advice ? `${error.message} ${advice}` : error.message);
    }
    throw error;
  } finally {
    store.database.close();
  }
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

function summary(result: ImportContactsResult, list: string): string {
  const lines = [`Imported ${plural(result.imported, 'contact', 'contacts')} into the list "${list}" (${plural(result.rows, 'row', 'rows')} read, phone numbers from the column "${result.phoneColumn}").`];
  if (result.optedOut > 0) lines.push(`${plural(result.optedOut, 'of them is', 'of them are')} on the opt-out list: kept, but never sent anything.`);
  const skipped = [result.duplicates > 0 ? plural(result.duplicates, 'duplicate', 'duplicates') : '', result.invalid > 0 ? plural(result.invalid, 'row without a valid phone number', 'rows without a valid phone number') : '']
    .filter(Boolean)
    .join(' and ');
  if (skipped) lines.push(`Not imported: ${skipped}. Each is listed with the reason in ${result.rejectedCsvPath ?? 'the rejected rows file'}.`);
  return lines.join('\n');
}

/** A percentage redrawn in place on a terminal; silent elsewhere, so logs and --json stay clean. */
class ProgressLine {
  private lastDrawn = 0;
  constructor(private readonly enabled: boolean) {}

  show(progress: ImportProgress): void {
    if (!this.enabled || Date.now() - this.lastDrawn < 200) return;
    this.lastDrawn = Date.now();
    const percent = progress.totalBytes > 0 ? Math.floor((progress.bytesRead / progress.totalBytes) * 100) : 0;
    process.stderr.write(`\rReading… ${percent}% (${progress.rowsRead.toLocaleString('en')} rows)`);
  }

  clear(): void {
    if (this.enabled && this.lastDrawn > 0) process.stderr.write('\r\x1b[K');
  }
}
