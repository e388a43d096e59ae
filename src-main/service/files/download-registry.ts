import { randomBytes } from 'node:crypto';
import path from 'node:path';

export interface RegisteredDownload {
  path: string;
  /** The name the user's browser saves it under. */
  name: string;
  contentType: string;
}

/**
 * Files the service offers the window (rejected rows, exported results). The window only ever
 * learns a random id, never a path, so it cannot ask for any other file on the PC.
 */
export class DownloadRegistry {
  private readonly downloads = new Map<string, RegisteredDownload>();

  register(file: string, name: string, contentType = 'text/csv; charset=utf-8'): string {
    const downloadId = randomBytes(16).toString('hex');
    this.downloads.set(downloadId, { path: path.resolve(file), name: path.basename(name), contentType });
    return downloadId;
  }

  get(downloadId: string): RegisteredDownload | undefined {
    return this.downloads.get(downloadId);
  }
}
