import type { DomainHandlers } from '../handlers';
import type { UploadStore } from './upload-store';

export function createFilesHandlers(uploads: UploadStore): DomainHandlers<'files.beginUpload' | 'files.finishUpload' | 'files.discardUpload'> {
  return {
    'files.beginUpload': ({ name, size }) => uploads.begin(name, size),
    'files.finishUpload': async ({ uploadId }) => {
      const { name, size } = await uploads.finish(uploadId);
      return { uploadId, name, size };
    },
    'files.discardUpload': async ({ uploadId }) => ({ discarded: await uploads.discard(uploadId) }),
  };
}
