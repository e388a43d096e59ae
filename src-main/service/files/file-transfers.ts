import { readFile } from 'node:fs/promises';
import { errorEnvelope, okEnvelope, transferIdPattern, uploadChunkBytes, type Envelope } from '../../../src-shared/api';
import { ServiceError } from '../service-error';
import type { DownloadRegistry, RegisteredDownload } from './download-registry';
import type { UploadStore } from './upload-store';

export interface DownloadContent {
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

/**
 * The byte-carrying side of uploads and downloads, which the transports reach directly (bytes do
 * not fit the JSON contract). Every argument is checked here, whatever the transport.
 */
export interface FileTransfers {
  writeChunk(uploadId: unknown, offset: unknown, bytes: unknown): Promise<Envelope<{ received: number }>>;
  readDownload(downloadId: unknown): Promise<Envelope<DownloadContent>>;
  /** For transports that stream the file instead of reading it whole. */
  findDownload(downloadId: unknown): RegisteredDownload | undefined;
}

export function createFileTransfers(uploads: UploadStore, downloads: DownloadRegistry): FileTransfers {
  return {
    async writeChunk(uploadId, offset, bytes) {
      if (typeof uploadId !== 'string' || !transferIdPattern.test(uploadId)) {
        return errorEnvelope('bad-request', 'The upload id is not valid.');
      }
      if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) {
        return errorEnvelope('bad-request', 'The upload offset is not valid.');
      }
      const chunk = bytes instanceof Uint8Array ? bytes : bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : null;
      if (!chunk) return errorEnvelope('bad-request', 'An upload chunk must be binary data.');
      if (chunk.byteLength > uploadChunkBytes) return errorEnvelope('bad-request', 'An upload chunk is larger than allowed.');
      try {
        return okEnvelope(await uploads.writeChunk(uploadId, offset, chunk));
      } catch (error) {
        return failure(error);
      }
    },
    findDownload(downloadId) {
      return typeof downloadId === 'string' && transferIdPattern.test(downloadId) ? downloads.get(downloadId) : undefined;
    },
    async readDownload(downloadId) {
      const entry = this.findDownload(downloadId);
      if (!entry) return errorEnvelope('not-found', 'That file is no longer available. Create it again.');
      try {
        return okEnvelope({ name: entry.name, contentType: entry.contentType, bytes: new Uint8Array(await readFile(entry.path)) });
      } catch {
        return errorEnvelope('not-found', 'That file is no longer on this PC. Create it again.');
      }
    },
  };
}

function failure(error: unknown): Envelope<never> {
  if (error instanceof ServiceError) return errorEnvelope(error.code, error.message, error.details);
  console.error('Fanout: an upload failed:', error);
  return errorEnvelope('internal', 'The file could not be saved. Check that the disk is not full, then try again.');
}
