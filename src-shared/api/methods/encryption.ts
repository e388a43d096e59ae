import { z } from 'zod';
import { defineMethod } from './define';

/** How the database is encrypted and where its key is kept, as Settings → Encryption shows it. */
export const encryptionStatusSchema = z.object({
  databasePath: z.string(),
  databaseBytes: z.number().int().nullable(),
  /** 'plain' only for a database an earlier version left, until Fanout opens it again. */
  state: z.enum(['missing', 'empty', 'plain', 'encrypted']),
  cipher: z.literal('chacha20').nullable(),
  cipherLabel: z.string().nullable(),
  keyFile: z.string(),
  keyFilePresent: z.boolean(),
  keyFilePrivate: z.boolean().nullable(),
  /** file: the key file alone (0600); passphrase: sealed with one; os: sealed by the desktop app's secret store. */
  keyStorage: z.enum(['file', 'passphrase', 'os']).nullable(),
  /** The OS secret store (desktop app), e.g. 'keychain', 'dpapi', 'gnome_libsecret', 'basic_text'. */
  backend: z.string().nullable(),
  /** Linux's basic_text: the seal uses a key built into Chromium, so it does not protect. */
  backendUnprotected: z.boolean(),
});
export type EncryptionStatus = z.infer<typeof encryptionStatusSchema>;

export const minPassphraseLength = 8;

export const encryptionMethods = {
  'encryption.status': defineMethod({
    summary: 'How the database is encrypted, where its key is kept, and by which secret store.',
    args: z.strictObject({}),
    result: encryptionStatusSchema,
  }),
  'encryption.protectWithPassphrase': defineMethod({
    summary: 'Seals the key file with a passphrase (or a new one); from then on Fanout asks for it when it starts.',
    args: z.strictObject({
      passphrase: z
        .string()
        .max(1024)
        .refine((value) => [...value].length >= minPassphraseLength, `Choose a passphrase of at least ${minPassphraseLength} characters; several words are easiest to remember.`),
      /** Needed only when the key already has a passphrase. */
      currentPassphrase: z.string().max(1024).optional(),
    }),
    result: encryptionStatusSchema,
  }),
  'encryption.backup': defineMethod({
    summary: 'Writes an encrypted copy of the database (same key) into the backups folder of the data folder, and offers it as a download.',
    args: z.strictObject({}),
    result: z.object({ path: z.string(), name: z.string(), bytes: z.number().int(), downloadId: z.string() }),
  }),
};
