// The results of a campaign as a CSV file for Excel: one row per recipient, written a page at a
// time so a million recipients never sit in memory, with pauses between pages so the service
// keeps serving the window and the modems while it writes.
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { Store } from '../../store';

type CampaignMessage = ReturnType<Store['queue']['listMessages']>['messages'][number];

const PAGE_SIZE = 2_000;

export const exportLanguages = ['en', 'de', 'zh'] as const;
export type ExportLanguage = (typeof exportLanguages)[number];

/** The file is read by people in a spreadsheet, so its headings and states are in their language. */
const exportTexts: Record<ExportLanguage, { header: readonly string[]; states: Record<CampaignMessage['state'], string>; results: string }> = {
  en: {
    header: ['Number', 'Name', 'State', 'Reason', 'Sent at', 'Delivered at', 'Parts', 'Text'],
    states: { queued: 'waiting', sending: 'sending', sent: 'sent', delivered: 'delivered', failed: 'failed', unknown: 'unknown', skipped: 'skipped' },
    results: 'results',
  },
  de: {
    header: ['Nummer', 'Name', 'Status', 'Grund', 'Gesendet am', 'Zugestellt am', 'Teile', 'Text'],
    states: { queued: 'wartet', sending: 'wird gesendet', sent: 'gesendet', delivered: 'zugestellt', failed: 'fehlgeschlagen', unknown: 'unbekannt', skipped: 'ausgelassen' },
    results: 'Ergebnisse',
  },
  zh: {
    header: ['号码', '姓名', '状态', '原因', '发送时间', '送达时间', '条数', '文本'],
    states: { queued: '等待中', sending: '发送中', sent: '已发送', delivered: '已送达', failed: '失败', unknown: '未知', skipped: '已跳过' },
    results: '结果',
  },
};

/**
 * One CSV cell, safe to open in a spreadsheet. A cell starting with = + - @ (or tab / carriage
 * return, which some spreadsheets skip before looking) would be run as a formula, so it gets a
 * leading single quote, as the OWASP "CSV Injection" guidance recommends; that includes numbers
 * in E.164 form, which Excel would otherwise turn into 4.9E+11. Every cell is quoted, with its
 * quotes doubled (RFC 4180), so the delimiter and line breaks inside texts stay in their cell.
 */
export function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  const defused = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${defused.replace(/"/g, '""')}"`;
}

/** The service computer's local time in a form every spreadsheet reads as a date. */
export function spreadsheetTime(epochMs: number | null): string {
  if (epochMs === null) return '';
  const at = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`;
}

function resultRow(message: CampaignMessage, language: ExportLanguage): (string | number | null)[] {
  return [
    message.recipientE164,
    message.contactName,
    exportTexts[language].states[message.state],
    message.reason,
    spreadsheetTime(message.sentAt),
    message.state === 'delivered' ? spreadsheetTime(message.finishedAt) : '',
    message.partCount,
    message.body,
  ];
}

/** Writes the campaign's results to `file` (UTF-8 with BOM, so Excel reads umlauts right); returns the rows written. */
export async function writeCampaignResults(store: Store, campaignId: number, file: string, delimiter: ',' | ';', language: ExportLanguage = 'en'): Promise<number> {
  mkdirSync(path.dirname(file), { recursive: true });
  const handle = await open(file, 'w', 0o600);
  let rows = 0;
  const line = (cells: readonly (string | number | null)[]) => `${cells.map(csvCell).join(delimiter)}\r\n`;
  try {
    await handle.write(`\ufeff${line(exportTexts[language].header)}`);
    for (const page of store.queue.messagePages({ campaignId }, PAGE_SIZE)) {
      await handle.write(page.map((message) => line(resultRow(message, language))).join(''));
      rows += page.length;
    }
  } finally {
    await handle.close();
  }
  return rows;
}

/** "Termine März - Ergebnisse 2026-01-05.csv" with the characters Windows refuses in file names replaced. */
export function exportFileName(campaignName: string, now: Date, language: ExportLanguage = 'en'): string {
  const safe =
    [...campaignName]
      .map((char) => (char < ' ' || '\\/:*?"<>|'.includes(char) ? '_' : char))
      .join('')
      .trim()
      .slice(0, 100) || 'Campaign';
  return `${safe} - ${exportTexts[language].results} ${spreadsheetTime(now.getTime()).slice(0, 10)}.csv`;
}

/** How long a file waits in exports/ for its download: a day (the download ids live only as long as the service). */
export const EXPORT_MAX_AGE_MS = 24 * 3600_000;

/**
 * Deletes exports older than `maxAgeMs`: they hold personal data, and the window can only fetch
 * them while this service runs (download ids live in memory), so they are no use after a day.
 */
export function sweepOldExports(dir: string, maxAgeMs: number, now: number): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!name.endsWith('.csv')) continue;
    const file = path.join(dir, name);
    if (now - statSync(file).mtimeMs > maxAgeMs) {
      rmSync(file, { force: true });
      removed++;
    }
  }
  return removed;
}
