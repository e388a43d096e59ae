// Reads the first part of a file and works out how to read the rest: encoding, delimiter, header
// row, columns. Shared by the preview and the import, so both see the file the same way.
import { open } from 'node:fs/promises';
import Papa from 'papaparse';
import { ContactImportError } from './import-error';
import type { CountryCode } from './phone-number';
import { detectDelimiter, guessColumns, type ColumnGuess, type Delimiter } from './sniff-table';
import { createDecoder, detectEncoding, looksBinary, type DetectedEncoding, type TextEncodingName } from './text-encoding';

export const SAMPLE_BYTES = 64 * 1024;

export interface SniffOverrides {
  encoding?: TextEncodingName;
  delimiter?: Delimiter;
  hasHeader?: boolean;
}

export interface SniffedFile extends DetectedEncoding {
  totalBytes: number;
  delimiter: Delimiter;
  guess: ColumnGuess;
  /** The first rows as parsed (header included), at most `sampleRows`. */
  rows: string[][];
}

export async function sniffFile(path: string, country: CountryCode, overrides: SniffOverrides = {}, sampleRows = 200): Promise<SniffedFile> {
  const { head, totalBytes } = await readHead(path);
  if (totalBytes === 0) throw new ContactImportError('empty-file', 'The file is empty. Choose the file that contains your contacts.');
  const detected = detectEncoding(head);
  const encoding = overrides.encoding ?? detected.encoding;
  const bomLength = overrides.encoding && overrides.encoding !== detected.encoding ? 0 : detected.bomLength;

  const complete = head.length === totalBytes;
  const text = decodeSample(head.subarray(bomLength), encoding, complete);
  if (looksBinary(text)) throw binaryFileError();
  if (text.trim() === '') throw new ContactImportError('empty-file', 'The file contains no rows. Choose the file that contains your contacts.');

  const delimiter = overrides.delimiter ?? detectDelimiter(text);
  // Keep only complete lines of a partial sample, so the last row is not cut in two.
  const sample = complete ? text : text.slice(0, Math.max(text.lastIndexOf('\n'), 0));
  const rows = Papa.parse<string[]>(sample, { delimiter, preview: sampleRows, skipEmptyLines: 'greedy' }).data;
  const guess = guessColumns(rows, country, overrides.hasHeader);
  return { encoding, bomLength, totalBytes, delimiter, guess, rows };
}

export function binaryFileError(): ContactImportError {
  return new ContactImportError(
    'binary-file',
    'This file does not look like a CSV or text table: it contains binary data. If it is an Excel workbook (.xlsx), open it in Excel and save it as "CSV UTF-8".',
  );
}

async function readHead(path: string): Promise<{ head: Uint8Array; totalBytes: number }> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (cause) {
    throw new ContactImportError('file-unreadable', `Cannot open ${path}: ${(cause as Error).message}. Check the path and that you may read the file.`, { cause });
  }
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(size, SAMPLE_BYTES));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return { head: buffer.subarray(0, bytesRead), totalBytes: size };
  } finally {
    await handle.close();
  }
}

function decodeSample(bytes: Uint8Array, encoding: TextEncodingName, complete: boolean): string {
  // Not fatal here: a sample that detectEncoding judged UTF-8 may still end inside a character.
  if (encoding === 'utf-8') return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes, { stream: !complete });
  const decoder = createDecoder(encoding);
  return decoder.write(bytes) + (complete ? decoder.end() : '');
}
