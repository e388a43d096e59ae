// The right of access (GDPR Art. 15) as files: one JSON document with everything Fanout holds
// about a number, and the same as a CSV for a spreadsheet, one row per item with a Section column.
import { open } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PersonData } from '../../store';
import { csvCell, spreadsheetTime } from '../sending/campaign-export';

export const PERSON_EXPORT_FORMAT = 'fanout-person-export';
export const PERSON_EXPORT_VERSION = 1;

const iso = (epochMs: number | null) => (epochMs === null ? null : new Date(epochMs).toISOString());

/** The JSON document: times in ISO 8601 UTC, every text in full. The keyed hash is Fanout's internal pseudonym and stays out. */
export function personExportDocument(data: PersonData, exportedAt: number) {
  return {
    format: PERSON_EXPORT_FORMAT,
    version: PERSON_EXPORT_VERSION,
    exportedAt: iso(exportedAt),
    phoneE164: data.phoneE164,
    contact: data.contact
      ? {
          name: data.contact.name,
          fields: data.contact.fields,
          tags: data.contact.tags,
          optedOut: data.contact.optedOut,
          timeZone: data.contact.timeZone,
          createdAt: iso(data.contact.createdAt),
          updatedAt: iso(data.contact.updatedAt),
        }
      : null,
    lists: data.lists.map((list) => ({ name: list.listName, addedAt: iso(list.addedAt) })),
    consents: data.consents.map((consent) => ({
      purpose: consent.purpose,
      basis: consent.basis,
      grantedAt: iso(consent.grantedAt),
      source: consent.source,
      wording: consent.wording,
      recordedBy: consent.recordedBy,
      withdrawnAt: iso(consent.withdrawnAt),
      withdrawnSource: consent.withdrawnSource,
    })),
    optOut: data.suppression ? { onList: true, since: iso(data.suppression.createdAt), source: data.suppression.source, reason: data.suppression.reason } : { onList: false },
    optOutEvents: data.suppressionEvents.map((event) => ({ event: event.event, at: iso(event.at), source: event.source, reason: event.reason, by: event.actor })),
    messages: data.messages.map((message) => ({
      campaign: { id: message.campaignId, name: message.campaignName, purpose: message.purpose },
      state: message.state,
      reason: message.reason,
      text: message.body,
      textPurged: message.body === null,
      partCount: message.partCount,
      attempts: message.attempts,
      sim: message.sim,
      createdAt: iso(message.createdAt),
      sentAt: iso(message.sentAt),
      finishedAt: iso(message.finishedAt),
      parts: message.parts.map((part) => ({
        part: part.partNumber,
        state: part.state,
        sentAt: iso(part.sentAt),
        sim: part.sim,
        reportStatus: part.reportStatus,
        reportAt: iso(part.reportAt),
      })),
    })),
    replies: data.replies.map((reply) => ({
      text: reply.body,
      textPurged: reply.body === null,
      keyword: reply.keyword,
      sentAt: iso(reply.sentAt),
      receivedAt: iso(reply.receivedAt),
      reviewedAt: iso(reply.reviewedAt),
      reviewedBy: reply.reviewedBy,
      sim: reply.sim,
    })),
    autoReplies: data.autoReplies.map((reply) => ({
      kind: reply.kind,
      text: reply.body,
      state: reply.state,
      reason: reply.reason,
      createdAt: iso(reply.createdAt),
      sentAt: iso(reply.sentAt),
    })),
  };
}

export type PersonExportDocument = ReturnType<typeof personExportDocument>;

export const PERSON_CSV_HEADER = ['Section', 'Date', 'Item', 'State', 'Details', 'Text'] as const;
type CsvRow = [section: string, date: string, item: string, state: string, details: string, text: string | null];

const joined = (...parts: (string | false | null | undefined)[]) => parts.filter((part): part is string => typeof part === 'string' && part !== '').join('; ');

/** One row per item; Section says what it is (the CSV stands in for a zip of several tables). */
export function personCsvRows(data: PersonData): CsvRow[] {
  const rows: CsvRow[] = [['Contact', '', 'Number', '', '', data.phoneE164]];
  const contact = data.contact;
  if (contact) {
    rows.push(['Contact', spreadsheetTime(contact.createdAt), 'Created', '', '', '']);
    rows.push(['Contact', '', 'Name', '', '', contact.name]);
    for (const [field, value] of Object.entries(contact.fields)) rows.push(['Contact field', '', field, '', '', value]);
    for (const tag of contact.tags) rows.push(['Tag', '', tag, '', '', '']);
    if (contact.timeZone) rows.push(['Contact', '', 'Time zone', '', '', contact.timeZone]);
  }
  for (const list of data.lists) rows.push(['List', spreadsheetTime(list.addedAt), list.listName, '', '', '']);
  for (const consent of data.consents) {
    rows.push([
      'Consent',
      spreadsheetTime(consent.grantedAt),
      `${consent.purpose} (${consent.basis})`,
      consent.withdrawnAt === null ? 'in force' : `withdrawn ${spreadsheetTime(consent.withdrawnAt)}`,
      joined(consent.source, `recorded by ${consent.recordedBy}`, consent.withdrawnSource && `withdrawn via ${consent.withdrawnSource}`),
      consent.wording,
    ]);
  }
  if (data.suppression) rows.push(['Opt-out list', spreadsheetTime(data.suppression.createdAt), data.suppression.source, 'on the list', data.suppression.reason, '']);
  for (const event of data.suppressionEvents) rows.push(['Opt-out history', spreadsheetTime(event.at), event.event, '', joined(event.source, event.reason, `by ${event.actor}`), '']);
  for (const message of data.messages) {
    const campaign = `${message.campaignName} (campaign ${message.campaignId}, ${message.purpose})`;
    rows.push([
      'Message',
      spreadsheetTime(message.sentAt ?? message.createdAt),
      campaign,
      message.state,
      joined(message.reason, `${message.partCount} part(s)`, `${message.attempts} attempt(s)`, message.sim && `SIM ${message.sim}`, message.finishedAt !== null && `finished ${spreadsheetTime(message.finishedAt)}`, message.body === null && 'text deleted (retention)'),
      message.body,
    ]);
    for (const part of message.parts) {
      rows.push([
        'Message part',
        spreadsheetTime(part.sentAt),
        `${campaign} part ${part.partNumber} of ${message.partCount}`,
        part.state,
        joined(part.sim && `SIM ${part.sim}`, part.reportStatus !== null && `status report ${part.reportStatus} at ${spreadsheetTime(part.reportAt)}`),
        '',
      ]);
    }
  }
  for (const reply of data.replies) {
    rows.push([
      'Reply',
      spreadsheetTime(reply.receivedAt),
      reply.keyword ?? '',
      reply.reviewedAt === null ? '' : `reviewed ${spreadsheetTime(reply.reviewedAt)}`,
      joined(reply.sim && `SIM ${reply.sim}`, reply.reviewedBy && `by ${reply.reviewedBy}`, reply.body === null && 'text deleted (retention)'),
      reply.body,
    ]);
  }
  for (const reply of data.autoReplies) rows.push(['Automatic answer', spreadsheetTime(reply.sentAt ?? reply.createdAt), reply.kind, reply.state, reply.reason ?? '', reply.body]);
  return rows;
}

/** The CSV text: UTF-8 with BOM for Excel, every cell quoted and formula-like cells defused (see csvCell). */
export function personCsv(data: PersonData, delimiter: ',' | ';' = ','): string {
  const line = (cells: readonly (string | null)[]) => `${cells.map(csvCell).join(delimiter)}\r\n`;
  return `\ufeff${line(PERSON_CSV_HEADER)}${personCsvRows(data).map(line).join('')}`;
}

/** Writes a file only its owner can read: it holds one person's data. */
export async function writePrivateFile(file: string, content: string): Promise<void> {
  mkdirSync(path.dirname(file), { recursive: true });
  const handle = await open(file, 'w', 0o600);
  try {
    await handle.write(content);
  } finally {
    await handle.close();
  }
}
