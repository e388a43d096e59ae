import { z } from 'zod';
import { defineMethod } from './define';

/** Uploads go in chunks so a 50 MB contact file shows progress and never sits in one message. */
export const maxUploadBytes = 2 * 1024 ** 3;
export const uploadChunkBytes = 4 * 1024 * 1024;
export const transferIdPattern = /^[a-f0-9]{32}$/;
export const transferIdSchema = z.string().regex(transferIdPattern, 'not a Fanout transfer id');

export const filesMethods = {
  'files.beginUpload': defineMethod({
    summary: 'Starts an upload of a file the user picked; the bytes follow in chunks over the transport.',
    args: z.strictObject({
      name: z.string().trim().min(1).max(255),
      size: z.number().int().min(0).max(maxUploadBytes, 'Files over 2 GB cannot be uploaded.'),
    }),
    result: z.object({ uploadId: transferIdSchema, chunkBytes: z.number().int().positive() }),
  }),
  'files.finishUpload': defineMethod({
    summary: 'Checks that every byte arrived; after this the upload can be used (e.g. imported).',
    args: z.strictObject({ uploadId: transferIdSchema }),
    result: z.object({ uploadId: transferIdSchema, name: z.string(), size: z.number().int() }),
  }),
  'files.discardUpload': defineMethod({
    summary: 'Deletes an upload that is no longer needed.',
    args: z.strictObject({ uploadId: transferIdSchema }),
    result: z.object({ discarded: z.boolean() }),
  }),
};
