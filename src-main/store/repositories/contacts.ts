import type { FanoutDatabase } from '../open-database';
import type { PhoneHasher } from '../phone-hash';
import { mergeFieldsOf } from '../merge-fields';
import { visibleContactSql } from './contact-import-visibility';

export interface Contact {
  id: number;
  phoneE164: string;
  name: string | null;
  fields: Record<string, string>;
  tags: string[];
  optedOut: boolean;
  /** IANA zone set by hand for quiet hours; null: guessed from the number. */
  timeZone: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface NewContact {
  phoneE164: string;
  name?: string | null;
  fields?: Record<string, string>;
  tags?: string[];
}

export interface ContactPatch {
  name?: string | null;
  fields?: Record<string, string>;
  tags?: string[];
  /** null clears it (back to the zone of the number). */
  timeZone?: string | null;
}

export interface ContactQuery {
  listId?: number;
  /** Matched as a substring of the number, the name and the merge-field values. */
  text?: string;
  tag?: string;
  optedOut?: boolean;
}

export interface ContactPage {
  limit: number;
  offset?: number;
  orderBy?: 'name' | 'phone' | 'created';
  /**
   * Keyset paging for orderBy 'phone': the rows after this number. Walking a large list with
   * OFFSET re-reads every earlier row for each page; this reads each row once.
   */
  afterPhone?: string;
}

export interface ContactsRepository {
  /** Undefined when the number is already a contact. */
  create(contact: NewContact, now: number): Contact | undefined;
  get(id: number): Contact | undefined;
  getByPhone(phoneE164: string): Contact | undefined;
  search(query: ContactQuery, page: ContactPage): Contact[];
  count(query: ContactQuery): number;
  update(id: number, patch: ContactPatch, now: number): Contact | undefined;
  /** Deletes the contact and its memberships; its messages keep their text and number. */
  delete(id: number): boolean;
  addToList(contactId: number, listId: number, now: number): boolean;
  removeFromList(contactId: number, listId: number): boolean;
  listIdsOf(contactId: number): number[];
  /** The zone set by hand, for the send policy's quiet hours (a primary-key probe per message). */
  timeZoneOf(contactId: number): string | null;
}

/** A contacts row as the repositories select it (see CONTACT_COLUMNS). */
export interface ContactRow {
  id: number;
  phoneE164: string;
  name: string | null;
  fieldsJson: string;
  /** The names of fieldsJson's values when it is an array (an imported contact), else null. */
  fieldNamesJson: string | null;
  tagsJson: string;
  optedOut: number;
  timeZone: string | null;
  createdAt: number;
  updatedAt: number;
}

/** The columns of a ContactRow, from `contacts c`. */
export const CONTACT_COLUMNS = `c.id, c.phone_e164 AS phoneE164, c.name, c.fields_json AS fieldsJson,
  (SELECT f.names_json FROM field_names f WHERE f.id = c.field_names_id) AS fieldNamesJson, c.tags_json AS tagsJson,
  c.opted_out AS optedOut, c.time_zone AS timeZone, c.created_at AS createdAt, c.updated_at AS updatedAt`;

const ORDER_BY: Record<NonNullable<ContactPage['orderBy']>, string> = {
  name: 'c.name COLLATE NOCASE, c.id',
  phone: 'c.phone_e164, c.id',
  created: 'c.created_at DESC, c.id DESC',
};

export function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    phoneE164: row.phoneE164,
    name: row.name,
    fields: mergeFieldsOf(row.fieldsJson, row.fieldNamesJson),
    tags: JSON.parse(row.tagsJson) as string[],
    optedOut: row.optedOut === 1,
    timeZone: row.timeZone,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Text as search compares it: SQLite's LIKE and NOCASE fold only ASCII, so "MÜLLER" would not
 * find "Müller". NFC first (a decomposed ü, as macOS writes it), then full lower case, with the
 * final sigma folded to σ. İ is left as it is: its lower case is an ASCII i plus a dot, and no
 * folded character may become ASCII that was not (see foldedContains). Case only: "Muller" is
 * not "Müller", and "STRASSE" not "Straße".
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[^\u0130]+/g, (run) => run.toLowerCase())
    .replace(/ς/g, 'σ');
}

/** Registered on the connection by the repository, so every search on it folds the same way. */
const FOLD_FUNCTION = 'fanout_fold';

/**
 * `column` contains the folded `text`. A call into JavaScript per row costs several times
 * SQLite's LIKE, so SQLite decides what it can: a pure-ASCII value (as many bytes as characters)
 * by LIKE, which folds ASCII as foldForSearch does. Any other value is folded only if LIKE finds
 * the longest ASCII stretch of the search text in it: folding never turns a non-ASCII character
 * into ASCII, so a value without that stretch cannot match. (NFC's three singletons that do —
 * the Kelvin sign, the Greek question mark, U+1FEF — are no characters of names.)
 */
function foldedContains(column: string, folded: string): { sql: string; params: unknown[] } {
  const asciiQuery = !/[\u0080-\uffff]/.test(folded);
  const stretch = folded.split(/[\u0080-\uffff]+/).reduce((longest, run) => (run.length > longest.length ? run : longest), '');
  const ascii = asciiQuery ? `${column} LIKE ? ESCAPE '\\'` : '0';
  // CASE, not AND: SQLite evaluates both sides of an AND inside an expression, CASE only the branch taken.
  const notWorthFolding = stretch === '' ? '' : `WHEN NOT (${column} LIKE ? ESCAPE '\\') THEN 0 `;
  return {
    sql: `(CASE WHEN octet_length(${column}) = length(${column}) THEN ${ascii} ${notWorthFolding}ELSE instr(${FOLD_FUNCTION}(${column}), ?) > 0 END)`,
    params: [...(asciiQuery ? [likePattern(folded)] : []), ...(stretch === '' ? [] : [likePattern(stretch)]), folded],
  };
}

/**
 * One of the contact's merge field values contains the folded `text`. The stored JSON is not
 * searched as it is: the field names a hand-edited contact keeps beside its values ("Vorname"
 * would find every such contact) and its punctuation (a comma, a quotation mark) are no match.
 * The stored text is checked first, for the search text as JSON escapes it (cheap, and every
 * contact with a matching value passes: a value's escaped text contains the escaped search
 * text), and only the contacts that pass have their values read one by one.
 */
function mergeFieldContains(folded: string): { sql: string; params: unknown[] } {
  const stored = foldedContains('c.fields_json', JSON.stringify(folded).slice(1, -1));
  const value = foldedContains('f.value', folded);
  return {
    sql: `(CASE WHEN ${stored.sql} THEN EXISTS (SELECT 1 FROM json_each(c.fields_json) f WHERE ${value.sql}) ELSE 0 END)`,
    params: [...stored.params, ...value.params],
  };
}

/** WHERE clause and parameters for a query; every value is a bound parameter. */
function whereClause(query: ContactQuery): { sql: string; params: unknown[] } {
  const conditions: string[] = [visibleContactSql('c')];
  const params: unknown[] = [];
  if (query.listId !== undefined) {
    conditions.push('EXISTS (SELECT 1 FROM list_members m WHERE m.list_id = ? AND m.contact_id = c.id)');
    params.push(query.listId);
  }
  const text = query.text?.trim();
  if (text) {
    const folded = foldForSearch(text);
    // People type numbers with spaces and dashes; the stored number has none.
    const digits = text.replace(/[\s\-/().]/g, '');
    const phoneLike = /^\+?\d+$/.test(digits) ? likePattern(digits) : likePattern(text);
    const name = foldedContains('c.name', folded);
    const fields = mergeFieldContains(folded);
    conditions.push(`(c.phone_e164 LIKE ? ESCAPE '\\' OR ${name.sql} OR ${fields.sql})`);
    params.push(phoneLike, ...name.params, ...fields.params);
  }
  if (query.tag !== undefined) {
    conditions.push('EXISTS (SELECT 1 FROM json_each(c.tags_json) t WHERE t.value = ?)');
    params.push(query.tag);
  }
  if (query.optedOut !== undefined) {
    conditions.push('c.opted_out = ?');
    params.push(query.optedOut ? 1 : 0);
  }
  return { sql: `WHERE ${conditions.join(' AND ')}`, params };
}

export function createContactsRepository(db: FanoutDatabase, hasher: PhoneHasher): ContactsRepository {
  const { sqlite } = db;
  sqlite.function(FOLD_FUNCTION, { deterministic: true }, (value: unknown) => (typeof value === 'string' ? foldForSearch(value) : null));
  const insert = sqlite.prepare(
    `INSERT INTO contacts (phone_e164, name, fields_json, tags_json, opted_out, created_at, updated_at)
     VALUES (@phoneE164, @name, @fieldsJson, @tagsJson,
             EXISTS (SELECT 1 FROM suppressions WHERE phone_hash = @phoneHash), @now, @now)
     ON CONFLICT (phone_e164) DO NOTHING
     RETURNING id`,
  );
  const byId = sqlite.prepare<[number], ContactRow>(`SELECT ${CONTACT_COLUMNS} FROM contacts c WHERE c.id = ? AND ${visibleContactSql('c')}`);
  const byPhone = sqlite.prepare<[string], ContactRow>(`SELECT ${CONTACT_COLUMNS} FROM contacts c WHERE c.phone_e164 = ? AND ${visibleContactSql('c')}`);
  const update = sqlite.prepare(
    `UPDATE contacts SET name = coalesce(@name, name), fields_json = coalesce(@fieldsJson, fields_json),
            field_names_id = CASE WHEN @fieldsJson IS NULL THEN field_names_id END,
            tags_json = coalesce(@tagsJson, tags_json), updated_at = @now
      WHERE id = @id`,
  );
  const clearName = sqlite.prepare('UPDATE contacts SET name = NULL WHERE id = ?');
  const setTimeZone = sqlite.prepare('UPDATE contacts SET time_zone = ? WHERE id = ?');
  const timeZoneOf = sqlite.prepare<[number], { timeZone: string | null }>('SELECT time_zone AS timeZone FROM contacts WHERE id = ?');
  const remove = sqlite.prepare('DELETE FROM contacts WHERE id = ?');
  const addMember = sqlite.prepare('INSERT INTO list_members (list_id, contact_id, added_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
  const removeMember = sqlite.prepare('DELETE FROM list_members WHERE list_id = ? AND contact_id = ?');
  const listIds = sqlite.prepare<[number], { listId: number }>('SELECT list_id AS listId FROM list_members WHERE contact_id = ? ORDER BY list_id');

  const updateTransaction = sqlite.transaction((id: number, patch: ContactPatch, now: number) => {
    const changes = update.run({
      id,
      now,
      name: patch.name ?? null,
      fieldsJson: patch.fields === undefined ? null : JSON.stringify(patch.fields),
      tagsJson: patch.tags === undefined ? null : JSON.stringify(patch.tags),
    }).changes;
    if (changes > 0 && patch.name === null) clearName.run(id);
    if (changes > 0 && patch.timeZone !== undefined) setTimeZone.run(patch.timeZone, id);
    return changes > 0;
  });

  return {
    create(contact, now) {
      const row = insert.get({
        phoneE164: contact.phoneE164,
        phoneHash: hasher.hash(contact.phoneE164),
        name: contact.name ?? null,
        fieldsJson: JSON.stringify(contact.fields ?? {}),
        tagsJson: JSON.stringify(contact.tags ?? []),
        now,
      }) as { id: number } | undefined;
      return row === undefined ? undefined : toContact(byId.get(row.id) as ContactRow);
    },
    get(id) {
      const row = byId.get(id);
      return row && toContact(row);
    },
    getByPhone(phoneE164) {
      const row = byPhone.get(phoneE164);
      return row && toContact(row);
    },
    search(query, page) {
      const where = whereClause(query);
      if (page.afterPhone !== undefined) {
        if ((page.orderBy ?? 'name') !== 'phone') throw new RangeError("afterPhone needs orderBy 'phone'");
        where.sql = `${where.sql} AND c.phone_e164 > ?`;
        where.params.push(page.afterPhone);
      }
      const rows = sqlite
        .prepare<unknown[], ContactRow>(`SELECT ${CONTACT_COLUMNS} FROM contacts c ${where.sql} ORDER BY ${ORDER_BY[page.orderBy ?? 'name']} LIMIT ? OFFSET ?`)
        .all(...where.params, page.limit, page.offset ?? 0);
      return rows.map(toContact);
    },
    count(query) {
      const where = whereClause(query);
      const row = sqlite.prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM contacts c ${where.sql}`).get(...where.params);
      return row?.n ?? 0;
    },
    update(id, patch, now) {
      return updateTransaction(id, patch, now) ? toContact(byId.get(id) as ContactRow) : undefined;
    },
    delete(id) {
      return remove.run(id).changes > 0;
    },
    addToList(contactId, listId, now) {
      return addMember.run(listId, contactId, now).changes > 0;
    },
    removeFromList(contactId, listId) {
      return removeMember.run(listId, contactId).changes > 0;
    },
    listIdsOf(contactId) {
      return listIds.all(contactId).map((r) => r.listId);
    },
    timeZoneOf: (contactId) => timeZoneOf.get(contactId)?.timeZone ?? null,
  };
}
