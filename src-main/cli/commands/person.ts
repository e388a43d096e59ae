// `fanout person export | erase`: the rights of access and erasure from the terminal, for one
// number written any way ("0170 1234567", "+49 170…", "0049170…"). Acts as the database's local
// administrator and is audited as such (by the number's keyed hash, never the number).
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { isSupportedCountry, type CountryCode } from '../../contacts';
import { erasePerson, erasureCounts } from '../../service/privacy/erase-person';
import { personCsv, personCsvRows, personExportDocument, writePrivateFile, type PersonExportDocument } from '../../service/privacy/person-export';
import { personNumber } from '../../service/privacy/person-number';
import { ServiceError } from '../../service/service-error';
import { CLI_ACTOR, type Store } from '../../store';
import { CliError } from '../cli-error';
import { databaseOption } from '../database-option';
import { openStoreForCli } from '../open-store';

interface PersonOptions {
  db: string;
  country?: CountryCode;
  json: boolean;
}

interface ExportOptions extends PersonOptions {
  csv?: string;
}

interface EraseOptions extends PersonOptions {
  reason: string;
}

function parseCountry(value: string): CountryCode {
  const code = value.toUpperCase();
  if (!isSupportedCountry(code)) throw new InvalidArgumentError('expected a two-letter country code such as DE, AT, CH, FR or US.');
  return code;
}

function numberOrExplain(store: Store, written: string, country: CountryCode | undefined): string {
  try {
    return personNumber(store, written, country);
  } catch (error) {
    if (error instanceof ServiceError) throw new CliError(error.message);
    throw error;
  }
}

export function registerPersonCommand(program: Command): void {
  const person = program.command('person').description("One person's data: export everything about a number (right of access) or erase it (right to erasure).");
  const country = () => ['--country <code>', 'country of a number written without +country code (default: the country set in Fanout)', parseCountry] as const;

  person
    .command('export')
    .description('Everything Fanout holds about a number: contact fields, lists, consent history, messages with status, replies in full, opt-outs.')
    .argument('<number>', 'the phone number, written any way')
    .addOption(databaseOption())
    .option(...country())
    .option('--json', 'print the export as one JSON document on stdout', false)
    .option('--csv <file>', 'also write it as a CSV file for Excel (one row per item, Section column)')
    .action(async (number: string, options: ExportOptions) => {
      await exportPerson(number, options);
    });

  person
    .command('erase')
    .description('Erase a number for good. Only a keyed hash stays on the opt-out list (with date and reason), so it is never messaged again, even if imported later.')
    .argument('<number>', 'the phone number, written any way')
    .addOption(databaseOption())
    .requiredOption('--reason <text>', 'why, e.g. "erasure request of 2026-03-02 by e-mail"; kept with the hash')
    .option(...country())
    .option('--json', 'print one JSON summary as the last line', false)
    .action((number: string, options: EraseOptions) => {
      erase(number, options);
    });
}

async function exportPerson(written: string, options: ExportOptions): Promise<void> {
  const store = openStoreForCli(options.db);
  try {
    const phoneE164 = numberOrExplain(store, written, options.country);
    const now = Date.now();
    const data = store.personData.collect(phoneE164);
    const document = personExportDocument(data, now);
    if (options.csv) {
      await writePrivateFile(path.resolve(options.csv), personCsv(data));
      console.error(`Wrote ${personCsvRows(data).length} rows to ${options.csv} (readable by you only).`);
    }
    store.audit.append({ actor: CLI_ACTOR, action: 'person.export', details: { phoneHash: data.phoneHash, formats: [options.json ? 'json' : null, options.csv ? 'csv' : null].filter(Boolean) } }, now);
    if (options.json) console.log(JSON.stringify(document, null, 2));
    else console.log(exportSummary(document, options.csv !== undefined));
  } finally {
    store.database.close();
  }
}

function exportSummary(document: PersonExportDocument, wroteCsv: boolean): string {
  const lines = [`${document.phoneE164}${document.contact?.name ? ` (${document.contact.name})` : ''}`];
  if (!document.contact) lines.push('  Not a contact (any messages and replies below are kept by number).');
  else lines.push(`  Contact since ${document.contact.createdAt}, ${Object.keys(document.contact.fields).length} field(s), lists: ${document.lists.map((list) => list.name).join(', ') || 'none'}`);
  lines.push(`  Consent records: ${document.consents.length}, messages: ${document.messages.length}, replies: ${document.replies.length}, automatic answers: ${document.autoReplies.length}`);
  lines.push(`  Opt-out list: ${document.optOut.onList ? `yes, since ${document.optOut.since} (${document.optOut.source})` : 'no'}; opt-out events: ${document.optOutEvents.length}`);
  if (!wroteCsv) lines.push('Add --json for the whole record on stdout, or --csv FILE for a spreadsheet.');
  return lines.join('\n');
}

function erase(written: string, options: EraseOptions): void {
  if (options.reason.trim() === '') throw new CliError('Give a reason with --reason; it is kept with the hash.');
  const store = openStoreForCli(options.db);
  try {
    const phoneE164 = numberOrExplain(store, written, options.country);
    const result = erasePerson(store, phoneE164, {
      reason: options.reason.trim(),
      actor: CLI_ACTOR,
      now: Date.now(),
      exportsDir: path.join(path.dirname(path.resolve(options.db)), 'exports'),
      audit: true,
    });
    const summary = { ok: true, ...erasureCounts(result), walTruncated: result.walTruncated };
    console.error(
      `Erased ${phoneE164}: ${result.contactsDeleted} contact, ${result.consentsDeleted} consent record(s), ${result.listMemberships} list membership(s), ` +
        `number and text of ${result.messagesScrubbed} message(s) and ${result.inboundScrubbed} reply(ies), ${result.autoRepliesDeleted} automatic answer(s), ${result.exportFilesDeleted} waiting export file(s).\n` +
        'Only a keyed hash stays on the opt-out list, so this number is never messaged again.' +
        (result.walTruncated ? '' : '\nAnother program was reading the database: old copies of the pages stay in its write-ahead log until the next checkpoint (when Fanout next closes or erases).'),
    );
    if (options.json) console.log(JSON.stringify(summary));
  } finally {
    store.database.close();
  }
}
