// The contacts layer's public surface: CSV preview and import, phone number normalisation.
export { previewCsv, PREVIEW_ROWS, type CsvPreview } from './preview-csv';
export { importContacts, type ImportContactsOptions, type ImportContactsResult, type ImportProgress, type ImportConsentOption } from './import-contacts';
export { parseConsentCell, type ConsentCell } from './consent-cell';
export { ContactImportError, type ContactImportErrorCode } from './import-error';
export { normalisePhoneNumber, isSupportedCountry, DEFAULT_COUNTRY, PHONE_REJECTION_TEXT, type CountryCode, type NormalisedPhone, type PhoneRejection } from './phone-number';
export type { Delimiter } from './sniff-table';
export type { TextEncodingName } from './text-encoding';
