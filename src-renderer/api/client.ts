import { z } from 'zod';
import {
  apiMethods,
  envelopeSchema,
  errorEnvelope,
  parseApiEvent,
  type ApiArgs,
  type ApiEventMessage,
  type ApiMethodName,
  type ApiResult,
  type DownloadedFile,
  type FanoutBridge,
} from '../../src-shared/api';
import { ApiCallError } from './api-call-error';
import { reportSignInNeeded } from './auth-errors';

/**
 * The renderer's only way to the main process. Results and events are checked against the
 * contract here too: the window trusts nothing it did not validate.
 */
export interface ApiClient {
  call<M extends ApiMethodName>(method: M, args: ApiArgs<M>): Promise<ApiResult<M>>;
  onEvent(listener: (event: ApiEventMessage) => void): () => void;
  /** Sends a file the user picked to Fanout in chunks; resolves to the id handlers take. */
  upload(file: Blob & { name: string }, onProgress?: (sentBytes: number, totalBytes: number) => void): Promise<{ uploadId: string }>;
  /** Fetches a file the service prepared (e.g. rejected rows). */
  download(downloadId: string): Promise<DownloadedFile>;
}

const downloadSchema = z.object({ name: z.string(), contentType: z.string(), bytes: z.instanceof(Uint8Array) });

function unwrap(raw: unknown): unknown {
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) throw new ApiCallError({ code: 'internal', message: 'Fanout sent an answer this window cannot read.' });
  if (!envelope.data.ok) {
    const { code } = envelope.data.error;
    if (code === 'not-signed-in' || code === 'locked') reportSignInNeeded(code);
    throw new ApiCallError(envelope.data.error);
  }
  return envelope.data.value;
}

export function createApiClient(bridge: FanoutBridge): ApiClient {
  const noAnswer = () => errorEnvelope('unavailable', 'Fanout did not answer. Try again; if it keeps happening, restart Fanout.');
  const client: ApiClient = {
    async call(method, args) {
      const value = unwrap(await bridge.call(method, args).catch(noAnswer));
      const result = apiMethods[method].result.safeParse(value);
      if (!result.success) throw new ApiCallError({ code: 'internal', message: 'Fanout sent an answer this window cannot read.' });
      return result.data as ApiResult<typeof method>;
    },
    async upload(file, onProgress) {
      const { uploadId, chunkBytes } = await client.call('files.beginUpload', { name: file.name, size: file.size });
      try {
        for (let offset = 0; offset < file.size; offset += chunkBytes) {
          const bytes = await file.slice(offset, offset + chunkBytes).arrayBuffer();
          unwrap(await bridge.uploadChunk(uploadId, offset, bytes).catch(noAnswer));
          onProgress?.(Math.min(offset + chunkBytes, file.size), file.size);
        }
        await client.call('files.finishUpload', { uploadId });
      } catch (error) {
        await client.call('files.discardUpload', { uploadId }).catch(() => undefined);
        throw error;
      }
      onProgress?.(file.size, file.size);
      return { uploadId };
    },
    async download(downloadId) {
      const parsed = downloadSchema.safeParse(unwrap(await bridge.download(downloadId).catch(noAnswer)));
      if (!parsed.success) throw new ApiCallError({ code: 'internal', message: 'Fanout sent a file this window cannot read.' });
      return parsed.data;
    },
    onEvent(listener) {
      return bridge.subscribe((name, payload) => {
        const event = parseApiEvent(name, payload);
        if (event) listener(event);
        else console.warn(`Fanout: ignored an event that does not match the contract: ${name}`);
      });
    },
  };
  return client;
}
