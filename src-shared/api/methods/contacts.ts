import { z } from 'zod';
import { defineMethod } from './define';

/** Longest search text accepted; longer is never a real name or number. */
export const maxContactSearchText = 200;
/** Rows per page of the contacts table; the table asks for pages as the user scrolls. */
export const maxContactPageSize = 500;

const id = z.number().int().positive();
const fieldsSchema = z.record(
  z.string().trim().min(1, 'A field needs a name.').max(100),
  z.string().max(2000),
);

export const contactSchema = z.object({
  id: z.number().int(),
  phoneE164: z.string(),
  name: z.string().nullable(),
  fields: z.record(z.string(), z.string()),
  optedOut: z.boolean(),
  /** IANA zone set by hand for quiet hours; null: taken from the number (or the computer's zone). */
  timeZone: z.string().nullable(),
});
export type ContactRow = z.infer<typeof contactSchema>;

/** Everything needed to put a deleted contact back (undo). */
export const removedContactSchema = z.object({
  phoneE164: z.string().regex(/^\+\d{6,15}$/),
  name: z.string().nullable(),
  fields: z.record(z.string(), z.string()),
  tags: z.array(z.string()),
  listIds: z.array(z.number().int()),
});
export type RemovedContact = z.infer<typeof removedContactSchema>;

export const contactListSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  memberCount: z.number().int(),
  optedOutCount: z.number().int(),
});
export type ContactListSummary = z.infer<typeof contactListSchema>;

const contactFilter = {
  listId: id.optional(),
  text: z.string().max(maxContactSearchText).optional(),
  optedOut: z.boolean().optional(),
};

const listName = z
  .string()
  .trim()
  .min(1, 'Give the list a name.')
  .max(100, 'List names can be at most 100 characters long.');
const countryCode = z.string().regex(/^[A-Z]{2}$/, 'Choose a country from the list.');
const timeZoneName = z
  .string()
  .trim()
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'Choose a time zone from the list, e.g. Europe/Berlin.');

export const consentPurposes = ['service', 'marketing'] as const;
export const consentBases = ['consent', 'existing-customer'] as const;
export const consentRecordSchema = z.object({
  id: z.number().int(),
  purpose: z.enum(consentPurposes),
  basis: z.enum(consentBases),
  grantedAt: z.iso.datetime(),
  source: z.string(),
  wording: z.string().nullable(),
  recordedBy: z.string(),
  withdrawnAt: z.iso.datetime().nullable(),
  withdrawnSource: z.string().nullable(),
});
export type ConsentRecordRow = z.infer<typeof consentRecordSchema>;

/**
 * How an import proves the marketing basis of its contacts: none (service messages only), a
 * column whose yes/ja/1/x/true or a date means consent, or one basis declared for the whole file.
 */
export const importConsentSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({ kind: z.literal('column'), column: z.number().int().min(0), wording: z.string().trim().max(2000).nullable().default(null) }),
  z.strictObject({
    kind: z.literal('basis'),
    basis: z.enum(consentBases),
    wording: z.string().trim().max(2000).nullable().default(null),
  }),
]);
export type ImportConsent = z.infer<typeof importConsentSchema>;

export const importTargetSchema = z.union([z.strictObject({ listId: id }), z.strictObject({ listName })]);
export const csvEncodings = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export const csvDelimiters = [',', ';', '\t'] as const;

export const importProgressSchema = z.object({
  rowsRead: z.number().int(),
  bytesRead: z.number().int(),
  totalBytes: z.number().int(),
});
export const importResultSchema = z.object({
  imported: z.number().int(),
  newContacts: z.number().int(),
  duplicates: z.number().int(),
  invalid: z.number().int(),
  optedOut: z.number().int(),
  rows: z.number().int(),
  listId: z.number().int(),
  /** Consent records written for marketing (consent column or declared basis). */
  consentsRecorded: z.number().int().default(0),
  /** Rows whose consent cell was neither yes nor no (e.g. "maybe"): imported without consent. */
  consentUnclear: z.number().int().default(0),
  /** Set when some rows were rejected: fetch it with the bridge's download. */
  rejectedDownloadId: z.string().nullable(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

export const contactsMethods = {
  'contacts.lists': defineMethod({
    summary:
      'The contact lists with their sizes and merge fields, and the totals of all contacts and of the opt-out list.',
    args: z.strictObject({}),
    result: z.object({
      lists: z.array(contactListSchema),
      allContacts: z.number().int(),
      optOuts: z.number().int(),
    }),
  }),
  'contacts.listFields': defineMethod({
    summary: "The merge fields of a list's contacts (their CSV columns), for the composer's field picker.",
    args: z.strictObject({ listId: id }),
    result: z.object({ fields: z.array(z.string()) }),
  }),
  'contacts.search': defineMethod({
    summary:
      'One page of contacts, filtered in the database; ordered by number so any page is quick to reach.',
    args: z.strictObject({
      ...contactFilter,
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(maxContactPageSize),
    }),
    result: z.object({ offset: z.number().int(), contacts: z.array(contactSchema) }),
  }),
  'contacts.count': defineMethod({
    summary: 'How many contacts match a filter (asked separately: counting a million rows takes a moment).',
    args: z.strictObject(contactFilter),
    result: z.object({ total: z.number().int() }),
  }),
  'contacts.create': defineMethod({
    summary: 'Adds one contact by hand; the number is normalised with the default country.',
    args: z.strictObject({
      phone: z.string().trim().min(1, 'Enter a phone number.').max(40),
      country: countryCode.optional(),
      name: z.string().trim().max(200).nullable().optional(),
      fields: fieldsSchema.optional(),
      listIds: z.array(id).max(100).optional(),
    }),
    result: contactSchema,
  }),
  'contacts.update': defineMethod({
    summary: "Changes a contact's name, merge fields and (when given) own time zone.",
    args: z.strictObject({ id, name: z.string().trim().max(200).nullable(), fields: fieldsSchema, timeZone: timeZoneName.nullable().optional() }),
    result: contactSchema,
  }),
  'contacts.delete': defineMethod({
    summary:
      'Deletes contacts; answers with what is needed to restore them (undo). The opt-out list is not touched.',
    args: z.strictObject({ ids: z.array(id).min(1).max(1000) }),
    result: z.object({ deleted: z.number().int(), removed: z.array(removedContactSchema) }),
  }),
  'contacts.restore': defineMethod({
    summary: 'Puts deleted contacts back, with their fields and lists (undo of contacts.delete).',
    args: z.strictObject({ contacts: z.array(removedContactSchema).min(1).max(1000) }),
    result: z.object({ restored: z.number().int() }),
  }),
  'contacts.optOut': defineMethod({
    summary:
      'Puts a number on the opt-out list: it is never messaged again, and queued messages to it are skipped.',
    args: z.strictObject({
      phone: z.string().trim().min(1, 'Enter a phone number.').max(40),
      country: countryCode.optional(),
    }),
    result: z.object({ phoneE164: z.string(), added: z.boolean(), skippedMessages: z.number().int() }),
  }),
  'contacts.optIn': defineMethod({
    summary: 'Takes a number off the opt-out list (only when it was put there by mistake).',
    args: z.strictObject({
      phoneE164: z.string().regex(/^\+\d{6,15}$/, 'Not a number in international format.'),
    }),
    result: z.object({ removed: z.boolean() }),
  }),
  'contacts.optOuts': defineMethod({
    summary: 'One page of the opt-out list, newest first.',
    args: z.strictObject({
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(maxContactPageSize),
    }),
    result: z.object({
      total: z.number().int(),
      entries: z.array(
        z.object({
          id: z.number().int(),
          /** Null for people who were erased: only a hash of their number is kept. */
          phoneE164: z.string().nullable(),
          reason: z.string(),
          source: z.string(),
          createdAt: z.iso.datetime(),
        }),
      ),
    }),
  }),
  'contacts.consents': defineMethod({
    summary: "A contact's consent records, newest first, withdrawn ones included (the proof of consent).",
    args: z.strictObject({ contactId: id }),
    result: z.object({ records: z.array(consentRecordSchema) }),
  }),
  'contacts.recordConsent': defineMethod({
    summary: 'Records why a contact may be messaged for a purpose: their consent (with the wording shown) or an existing-customer relationship.',
    args: z.strictObject({
      contactId: id,
      purpose: z.enum(consentPurposes).default('marketing'),
      basis: z.enum(consentBases),
      /** When it was given; now when left out. */
      grantedAt: z.iso.datetime({ offset: true }).optional(),
      source: z.string().trim().min(1, 'Say where the consent came from, e.g. web form or paper.').max(200),
      wording: z.string().trim().max(2000).nullable().default(null),
    }),
    result: consentRecordSchema,
  }),
  'contacts.withdrawConsent': defineMethod({
    summary: "Withdraws a contact's standing consent records for a purpose (kept in the history with the date).",
    args: z.strictObject({
      contactId: id,
      purpose: z.enum(consentPurposes).default('marketing'),
      source: z.string().trim().min(1, 'Say how the person objected, e.g. phone call.').max(200),
    }),
    result: z.object({ withdrawn: z.number().int() }),
  }),
  'contacts.createList': defineMethod({
    summary: 'Creates an empty contact list.',
    args: z.strictObject({ name: listName }),
    result: z.object({ id: z.number().int(), name: z.string() }),
  }),
  'contacts.renameList': defineMethod({
    summary: 'Renames a contact list.',
    args: z.strictObject({ id, name: listName }),
    result: z.object({ id: z.number().int(), name: z.string() }),
  }),
  'contacts.deleteList': defineMethod({
    summary: 'Deletes a list; its contacts stay (in other lists and under "All contacts").',
    args: z.strictObject({ id }),
    result: z.object({ deleted: z.boolean() }),
  }),
  'contacts.previewImport': defineMethod({
    summary:
      'Reads the start of an uploaded CSV file: encoding, delimiter, columns, first rows and the guessed phone column.',
    args: z.strictObject({
      uploadId: z.string().min(1).max(100),
      country: countryCode.optional(),
      encoding: z.enum(csvEncodings).optional(),
      delimiter: z.enum(csvDelimiters).optional(),
      hasHeader: z.boolean().optional(),
    }),
    result: z.object({
      fileName: z.string(),
      encoding: z.enum(csvEncodings),
      delimiter: z.enum(csvDelimiters),
      hasHeader: z.boolean(),
      columns: z.array(z.string()),
      rows: z.array(z.array(z.string())),
      guessedPhoneColumn: z.number().int().nullable(),
      guessedNameColumns: z.array(z.number().int()),
      totalBytes: z.number().int(),
    }),
  }),
  'contacts.startImport': defineMethod({
    summary: 'Starts importing an uploaded CSV file into a list; follow it with contacts.importStatus.',
    args: z.strictObject({
      uploadId: z.string().min(1).max(100),
      list: importTargetSchema,
      country: countryCode,
      phoneColumn: z.number().int().min(0),
      nameColumns: z.array(z.number().int().min(0)).max(10),
      hasHeader: z.boolean(),
      encoding: z.enum(csvEncodings),
      delimiter: z.enum(csvDelimiters),
      consent: importConsentSchema.default({ kind: 'none' }),
    }),
    result: z.object({ importId: z.string() }),
  }),
  'contacts.importStatus': defineMethod({
    summary: 'How far an import has got; once finished, its result or the reason it stopped.',
    args: z.strictObject({ importId: z.string().min(1).max(100) }),
    result: z.object({
      state: z.enum(['running', 'done', 'failed', 'cancelled']),
      progress: importProgressSchema,
      result: importResultSchema.nullable(),
      error: z.string().nullable(),
    }),
  }),
  'contacts.cancelImport': defineMethod({
    summary: 'Stops an import; nothing of it is kept.',
    args: z.strictObject({ importId: z.string().min(1).max(100) }),
    result: z.object({ cancelled: z.boolean() }),
  }),
};
