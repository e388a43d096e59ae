// The rows of an import as the reader hands them to the store (contact-import.ts). Plain data
// with no database code, so the reader's worker thread can build them without loading the store.
import { jsonString } from './json-text';

export interface StagedContact {
  rowNumber: number;
  phoneE164: string;
  name: string | null;
  /** The merge field values as a JSON array text, `["Anna",…]`, in the order of the import's field names: stored as it is. */
  fieldsJson: string;
  /** When this row's marketing basis was given (UTC ms); null or absent: none in the file. */
  consentAt?: number | null;
}

/**
 * A batch of rows as one JSON array text, a row per element: `[phoneE164, name, field values,
 * rowNumber, consentAt]`, which the store's statements read as it is. Built on the reader's
 * thread: handing a batch over as a million separate strings cost both threads more (cloning
 * them out of one heap and into the other) than building and parsing the text does.
 */
export interface StagedContacts {
  readonly rowsJson: string;
  readonly count: number;
  /** Whether any row has a consentAt. */
  readonly anyConsent: boolean;
}

/** The element of StagedContacts.rowsJson for one row; the number is E.164 (needs no escaping). */
export function stagedRowJson(phoneE164: string, name: string | null, fieldsJson: string, rowNumber: number, consentAt: number | null): string {
  return `["${phoneE164}",${name === null ? 'null' : jsonString(name)},${fieldsJson},${rowNumber},${consentAt === null ? 'null' : consentAt}]`;
}

export function toStagedContacts(rows: readonly StagedContact[]): StagedContacts {
  return {
    rowsJson: `[${rows.map((row) => stagedRowJson(row.phoneE164, row.name, row.fieldsJson, row.rowNumber, row.consentAt ?? null)).join(',')}]`,
    count: rows.length,
    anyConsent: rows.some((row) => row.consentAt != null),
  };
}
