// Guesses about a table from its first rows: which delimiter, whether the first row holds titles,
// which column has the phone numbers and which the names.
import Papa from 'papaparse';
import { FIRST_NAME_HEADERS, FULL_NAME_HEADERS, LAST_NAME_HEADERS, canonicalHeader, isKnownHeader, phoneHeaderRank } from './header-names';
import { normalisePhoneNumber, type CountryCode } from './phone-number';

export type Delimiter = ',' | ';' | '\t';
export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];

/**
 * The delimiter that splits the sample's lines into the most columns, consistently: the same
 * count on most lines wins over a higher count on a few (a "," inside a ";" file's names).
 */
export function detectDelimiter(sample: string): Delimiter {
  let best: { delimiter: Delimiter; score: number } = { delimiter: ',', score: 0 };
  for (const delimiter of DELIMITERS) {
    const rows = Papa.parse<string[]>(sample, { delimiter, preview: 50, skipEmptyLines: 'greedy' }).data;
    if (rows.length === 0) continue;
    const counts = new Map<number, number>();
    for (const row of rows) counts.set(row.length, (counts.get(row.length) ?? 0) + 1);
    const [fields, lines] = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] ?? [1, 0];
    if (fields < 2) continue;
    const score = (lines / rows.length) * 10 + Math.min(fields, 10) / 10;
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

export interface ColumnGuess {
  hasHeader: boolean;
  /** Titles from the header row, or "Column 1", "Column 2", … */
  columns: string[];
  phoneColumn: number | undefined;
  /** A full-name column, or first and last name columns to join. */
  nameColumns: number[];
}

/** Share of a column's sample cells that are valid phone numbers. */
function phoneShare(rows: readonly string[][], column: number, country: CountryCode): number {
  let filled = 0;
  let valid = 0;
  for (const row of rows) {
    const cell = row[column]?.trim();
    if (!cell) continue;
    filled++;
    if (normalisePhoneNumber(cell, country).ok) valid++;
  }
  return filled === 0 ? 0 : valid / filled;
}

function bestByContent(rows: readonly string[][], width: number, country: CountryCode): { column: number; share: number } | undefined {
  let best: { column: number; share: number } | undefined;
  for (let column = 0; column < width; column++) {
    const share = phoneShare(rows, column, country);
    if (share >= 0.5 && (!best || share > best.share)) best = { column, share };
  }
  return best;
}

export function guessColumns(rows: readonly string[][], country: CountryCode, forcedHeader?: boolean): ColumnGuess {
  const first = rows[0] ?? [];
  const width = Math.max(0, ...rows.map((r) => r.length));
  const body = rows.slice(1);
  const byContent = bestByContent(body, width, country);
  const hasHeader =
    forcedHeader ??
    (first.some((cell) => isKnownHeader(cell)) ||
      // No title row would have a phone number where the rest of the column has them.
      (byContent !== undefined && !normalisePhoneNumber(first[byContent.column] ?? '', country).ok) ||
      (body.length === 0 && first.length > 0 && first.every((cell) => !/\d/.test(cell))));

  // The header decides how many fields a row has; without one, the most common row length does
  // (a ragged row in the sample must not widen the table).
  const tableWidth = hasHeader ? first.length : mostCommonLength(rows);
  const columns = uniqueTitles(Array.from({ length: tableWidth }, (_, i) => (hasHeader ? first[i]?.trim() || `Column ${i + 1}` : `Column ${i + 1}`)));
  const dataRows = hasHeader ? body : rows;

  let phoneColumn: number | undefined;
  if (hasHeader) {
    const named = columns
      .map((title, index) => ({ index, rank: phoneHeaderRank(title) }))
      .filter((c): c is { index: number; rank: number } => c.rank !== undefined)
      // A titled column whose cells are not numbers ("Telefon-Art: privat") does not count.
      .filter((c) => dataRows.length === 0 || phoneShare(dataRows, c.index, country) >= 0.3)
      .sort((a, b) => a.rank - b.rank || a.index - b.index);
    phoneColumn = named[0]?.index;
  }
  phoneColumn ??= bestByContent(dataRows, width, country)?.column;

  if (phoneColumn !== undefined && phoneColumn >= tableWidth) phoneColumn = undefined;
  const canonical = columns.map(canonicalHeader);
  const full = hasHeader ? canonical.findIndex((c) => FULL_NAME_HEADERS.includes(c)) : -1;
  const firstName = hasHeader ? canonical.findIndex((c) => FIRST_NAME_HEADERS.includes(c)) : -1;
  const lastName = hasHeader ? canonical.findIndex((c) => LAST_NAME_HEADERS.includes(c)) : -1;
  const nameColumns = full >= 0 ? [full] : [firstName, lastName].filter((i) => i >= 0);

  return { hasHeader, columns, phoneColumn, nameColumns };
}

/** Merge fields are keyed by title, so two "Telefon" columns become "Telefon" and "Telefon (2)". */
function uniqueTitles(titles: string[]): string[] {
  const seen = new Set<string>();
  return titles.map((title) => {
    let unique = title;
    for (let n = 2; seen.has(unique); n++) unique = `${title} (${n})`;
    seen.add(unique);
    return unique;
  });
}

function mostCommonLength(rows: readonly string[][]): number {
  const counts = new Map<number, number>();
  for (const row of rows) {
    counts.set(row.length, (counts.get(row.length) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 0;
}
