import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { transferIdPattern, uploadChunkBytes } from '../../../src-shared/api';
import { ServiceError } from '../service-error';

interface UploadInProgress {
  name: string;
  size: number;
  received: number;
  /** Chunks are written one at a time, in order; a second writer waits for the first. */
  writing: Promise<void>;
}

export interface FinishedUpload {
  uploadId: string;
  name: string;
  size: number;
  path: string;
}

/**
 * Files the user picked in the window, received in chunks into the data folder's uploads/ so a
 * large contact list never sits in memory. A chunk must continue exactly where the last ended:
 * a lost or repeated chunk is an error the window can see, not a silently corrupted file.
 */
export class UploadStore {
  private readonly inProgress = new Map<string, UploadInProgress>();
  private readonly finished = new Map<string, FinishedUpload>();

  constructor(private readonly directory: string) {}

  begin(name: string, size: number): { uploadId: string; chunkBytes: number } {
    mkdirSync(this.directory, { recursive: true });
    const uploadId = randomBytes(16).toString('hex');
    this.inProgress.set(uploadId, { name: path.basename(name), size, received: 0, writing: Promise.resolve() });
    return { uploadId, chunkBytes: uploadChunkBytes };
  }

  async writeChunk(uploadId: string, offset: number, bytes: Uint8Array): Promise<{ received: number }> {
    const upload = this.requireInProgress(uploadId);
    const write = upload.writing.then(async () => {
      if (offset !== upload.received) {
        throw new ServiceError('conflict', `Part of the file went missing on the way (expected byte ${upload.received}, got ${offset}). Please pick the file again.`);
      }
      if (bytes.byteLength > uploadChunkBytes) throw new ServiceError('bad-request', 'An upload chunk is larger than allowed.');
      if (upload.received + bytes.byteLength > upload.size) {
        throw new ServiceError('bad-request', 'The file is larger than announced. Please pick the file again.');
      }
      const handle = await open(this.partPath(uploadId), upload.received === 0 ? 'w' : 'a', 0o600);
      try {
        await handle.write(bytes);
      } finally {
        await handle.close();
      }
      upload.received += bytes.byteLength;
    });
    upload.writing = write.catch(() => undefined);
    await write;
    return { received: upload.received };
  }

  async finish(uploadId: string): Promise<FinishedUpload> {
    const upload = this.requireInProgress(uploadId);
    await upload.writing;
    if (upload.received !== upload.size) {
      throw new ServiceError('conflict', `Only ${upload.received} of ${upload.size} bytes arrived. Please pick the file again.`);
    }
    const finalPath = path.join(this.directory, `${uploadId}.upload`);
    if (upload.size === 0) await (await open(finalPath, 'w', 0o600)).close();
    else await rename(this.partPath(uploadId), finalPath);
    this.inProgress.delete(uploadId);
    const finished = { uploadId, name: upload.name, size: upload.size, path: finalPath };
    this.finished.set(uploadId, finished);
    return finished;
  }

  /** The file behind a finished upload, for the handler that uses it. */
  resolve(uploadId: string): FinishedUpload {
    const finished = this.finished.get(uploadId);
    if (!finished) throw new ServiceError('not-found', 'That uploaded file is no longer available. Please pick the file again.');
    return finished;
  }

  async discard(uploadId: string): Promise<boolean> {
    const known = this.inProgress.delete(uploadId) || this.finished.delete(uploadId);
    await rm(this.partPath(uploadId), { force: true });
    await rm(path.join(this.directory, `${uploadId}.upload`), { force: true });
    return known;
  }

  /** Removes uploads left behind by an earlier run (crash, closed window). */
  sweepLeftovers(olderThanMs: number, now = Date.now()): number {
    let removed = 0;
    let entries: string[];
    try {
      entries = readdirSync(this.directory);
    } catch {
      return 0;
    }
    for (const entry of entries) {
      const id = entry.replace(/\.(part|upload)$/, '');
      if (!transferIdPattern.test(id) || this.inProgress.has(id) || this.finished.has(id)) continue;
      const file = path.join(this.directory, entry);
      if (now - statSync(file).mtimeMs > olderThanMs) {
        void rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }

  private requireInProgress(uploadId: string): UploadInProgress {
    const upload = this.inProgress.get(uploadId);
    if (!upload) throw new ServiceError('not-found', 'That upload is not in progress any more. Please pick the file again.');
    return upload;
  }

  private partPath(uploadId: string): string {
    return path.join(this.directory, `${uploadId}.part`);
  }
}
