// The CSV of rows an import did not take, written while the import runs (never held in memory).
// UTF-8 with BOM and the input's delimiter, so Excel opens it as it opened the original.
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import Papa from 'papaparse';
import type { Delimiter } from './sniff-table';

export interface RejectedRow {
  rowNumber: number;
  reason: string;
  cells: readonly string[];
}

export class RejectedRowsWriter {
  private fd: number | undefined;
  private count = 0;

  constructor(
    readonly path: string,
    private readonly columns: readonly string[],
    private readonly delimiter: Delimiter,
  ) {}

  get written(): number {
    return this.count;
  }

  write(rows: readonly RejectedRow[]): void {
    if (rows.length === 0) return;
    if (this.fd === undefined) {
      this.fd = openSync(this.path, 'w', 0o600);
      writeSync(this.fd, `\ufeff${this.line(['Row', 'Reason', ...this.columns])}`);
    }
    const lines = rows.map((row) => this.line([String(row.rowNumber), row.reason, ...row.cells]));
    writeSync(this.fd, lines.join(''));
    this.count += rows.length;
  }

  /** The file's path when any row was rejected. */
  close(): string | undefined {
    if (this.fd === undefined) return undefined;
    closeSync(this.fd);
    this.fd = undefined;
    return this.path;
  }

  discard(): void {
    this.close();
    rmSync(this.path, { force: true });
  }

  private line(cells: readonly string[]): string {
    return `${Papa.unparse([cells as string[]], { delimiter: this.delimiter, newline: '\r\n' })}\r\n`;
  }
}
