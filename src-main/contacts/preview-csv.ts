import { DEFAULT_COUNTRY, type CountryCode } from './phone-number';
import { sniffFile, type SniffOverrides } from './sniff-file';
import type { Delimiter } from './sniff-table';
import type { TextEncodingName } from './text-encoding';

export interface CsvPreview {
  encoding: TextEncodingName;
  delimiter: Delimiter;
  hasHeader: boolean;
  columns: string[];
  /** The first data rows (after the header), at most 20. */
  rows: string[][];
  /** Index into `columns`, undefined when no column looks like phone numbers. */
  guessedPhoneColumn: number | undefined;
  guessedNameColumns: number[];
  totalBytes: number;
}

export const PREVIEW_ROWS = 20;

/** What the import wizard shows before importing; throws ContactImportError for unusable files. */
export async function previewCsv(path: string, options: { defaultCountry?: CountryCode } & SniffOverrides = {}): Promise<CsvPreview> {
  const sniffed = await sniffFile(path, options.defaultCountry ?? DEFAULT_COUNTRY, options);
  const { guess } = sniffed;
  const dataRows = guess.hasHeader ? sniffed.rows.slice(1) : sniffed.rows;
  return {
    encoding: sniffed.encoding,
    delimiter: sniffed.delimiter,
    hasHeader: guess.hasHeader,
    columns: guess.columns,
    rows: dataRows.slice(0, PREVIEW_ROWS),
    guessedPhoneColumn: guess.phoneColumn,
    guessedNameColumns: guess.nameColumns,
    totalBytes: sniffed.totalBytes,
  };
}
