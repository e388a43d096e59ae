// `fanout import`: a CSV/TSV file into a contact list, from the terminal. With --json the last
// line of stdout is one JSON object (counts, or the error); everything for people goes to stderr.
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { ContactImportError, importContacts, isSupportedCountry, type CountryCode, type ImportConsentOption, type ImportContactsResult, type ImportProgress } from '../../contacts';
import { CONSENT_BASES, type ConsentBasis, type Store } from '../../store';
import { CLI_ACTOR } from '../../store/repositories/audit';
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
  consentColumn?: string;
  basis?: ConsentBasis;
  consentWording?: string;
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

function parseBasis(value: string): ConsentBasis {
  const basis = CONSENT_BASES.find((candidate) => candidate === value.trim().toLowerCase());
  if (!basis) throw new InvalidArgumentError('expected consent (they agreed to marketing) or existing-customer (they bought from you; messages must then say how to object).');
  return basis;
}

/** The consent options as the importer takes them; refuses combinations that would be ambiguous. */
function consentOption(options: ImportOptions): ImportConsentOption {
  const wording = options.consentWording?.trim() || null;
  if (options.consentColumn !== undefined && options.basis !== undefined) {
    throw new CliError('Give either --consent-column (consent per row) or --basis (one basis for the whole file), not both.');
  }
  if (options.consentColumn !== undefined) return { kind: 'column', column: phoneColumnOption(options.consentColumn) ?? options.consentColumn, wording };
  if (options.basis === 'consent' && wording === null) {
    throw new CliError('With --basis consent, say what people agreed to: --consent-wording "the text they were shown" (or its version, e.g. "Newsletter form v3"). Without it the consent cannot be proven.');
  }
  if (options.basis !== undefined) return { kind: 'basis', basis: options.basis, wording };
  if (wording !== null) throw new CliError('--consent-wording goes with --consent-column or --basis.');
  return { kind: 'none' };
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
    .option('--consent-column <title|number>', 'a column whose yes/ja/1/x/true or date means consent to marketing messages (recorded per row)')
    .option('--basis <basis>', 'one basis for every contact in the file: consent or existing-customer', parseBasis)
    .option('--consent-wording <text>', 'what people agreed to (the text or its version); needed with --basis consent')
    .option('--json', 'print one JSON summary as the last line', false)
    .action(async (file: string, options: ImportOptions) => {
      await runImport(file, options);
    });
}

async function runImport(file: string, options: ImportOptions): Promise<void> {
  const consent = consentOption(options);
  const store = openStoreForCli(options.db);
  const progress = new ProgressLine(!options.json && process.stderr.isTTY === true);
  try {
    const result = await importContacts({
      store,
      path: file,
      list: { listName: options.list },
      defaultCountry: options.country,
      mapping: { phoneColumn: phoneColumnOption(options.phoneColumn) },
      consent,
      recordedBy: CLI_ACTOR.name,
      fileLabel: path.basename(file),
      ...(options.rejected ? { rejectedCsvPath: path.resolve(options.rejected) } : {}),
      onProgress: (p) => progress.show(p),
    });
    progress.clear();
    auditCliImport(store, file, options.list, result);
    auditImportedConsents(store, consent, result);
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

function auditImportedConsents(store: Store, consent: ImportConsentOption, result: ImportContactsResult): void {
  if (result.consentsRecorded === 0) return;
  store.audit.append({
    actor: CLI_ACTOR,
    action: 'consent.record',
    subject: `list ${result.listId}`,
    details: { source: 'import', basis: consent.kind === 'basis' ? consent.basis : 'consent', records: result.consentsRecorded },
  });
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

function summary(result: ImportContactsResult, list: string): string {
  const lines = [`Imported ${plural(result.imported, 'contact', 'contacts')} into the list "${list}" (${plural(result.rows, 'row', 'rows')} read, phone numbers from the column "${result.phoneColumn}").`];
  if (result.consentsRecorded > 0) lines.push(`Marketing basis recorded for ${plural(result.consentsRecorded, 'contact', 'contacts')}; the others can only receive service messages.`);
  if (result.consentUnclear > 0) lines.push(`${plural(result.consentUnclear, 'row has', 'rows have')} a consent cell that is neither yes, no nor a date: imported without consent.`);
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
