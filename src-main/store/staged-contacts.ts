// The rows of an import as the reader hands them to the store (contact-import.ts). Plain data
// with no database code, so the reader's worker thread can build them without loading the store.

export interface StagedContact {
  rowNumber: number;
  phoneE164: string;
  name: string | null;
  /** The merge fields as a JSON object text, `{"Vorname":"Anna",…}`: stored as it is. */
  fieldsJson: string;
  /** When this row's marketing basis was given (UTC ms); null or absent: none in the file. */
  consentAt?: number | null;
}

/**
 * A batch of rows, column by column, as it crosses from the reader's worker thread: a million row
 * objects cost the thread that writes half a second more to take in than their columns do.
 */
export interface StagedContacts {
  readonly rowNumber: readonly number[];
  readonly phoneE164: readonly string[];
  readonly name: readonly (string | null)[];
  readonly fieldsJson: readonly string[];
  /** Per row, as StagedContact.consentAt; null when no row of the batch has one. */
  readonly consentAt: readonly (number | null)[] | null;
}

export function toStagedContacts(rows: readonly StagedContact[]): StagedContacts {
  return {
    rowNumber: rows.map((row) => row.rowNumber),
    phoneE164: rows.map((row) => row.phoneE164),
    name: rows.map((row) => row.name),
    fieldsJson: rows.map((row) => row.fieldsJson),
    consentAt: rows.some((row) => row.consentAt != null) ? rows.map((row) => row.consentAt ?? null) : null,
  };
}
