import { getCountryCallingCode } from 'libphonenumber-js/min';
import { normalisePhoneNumber, PHONE_REJECTION_TEXT, type CountryCode } from '../contacts';
import type { ContactRow, ContactListSummary, RemovedContact } from '../../src-shared/api/methods/contacts';
import type { Contact, Store } from '../store';
import { readAppSettings } from './app-settings';
import type { DomainHandlers } from './handlers';
import { ServiceError } from './service-error';

/** Contacts looked at to tell a list's merge fields: one import gives every row the same columns. */
const FIELD_SAMPLE = 50;

export function toContactRow(contact: Contact): ContactRow {
  return {
    id: contact.id,
    phoneE164: contact.phoneE164,
    name: contact.name,
    fields: contact.fields,
    optedOut: contact.optedOut,
    timeZone: contact.timeZone,
  };
}

function fieldsOfList(store: Store, listId: number): string[] {
  const names = new Set<string>();
  for (const contact of store.contacts.search({ listId }, { limit: FIELD_SAMPLE, orderBy: 'phone' })) {
    for (const name of Object.keys(contact.fields)) names.add(name);
  }
  return [...names];
}

function normaliseOrRefuse(store: Store, phone: string, country: string | undefined): string {
  const normalised = normalisePhoneNumber(
    phone,
    (country ?? readAppSettings(store.settings).defaultCountry) as CountryCode,
  );
  if (!normalised.ok) {
    throw new ServiceError(
      'bad-request',
      `"${phone}" cannot be used: ${PHONE_REJECTION_TEXT[normalised.reason]}. Write the number with its country code, for example +49 151 23456789.`,
    );
  }
  return normalised.e164;
}

/**
 * Numbers are stored in international form, but people search the way they dial: "0151 234"
 * becomes "+49151234" with the default country, "0044 7911" becomes "+447911".
 */
export function searchTextForNumbers(text: string | undefined, defaultCountry: string): string | undefined {
  if (text === undefined) return undefined;
  const digits = text.trim().replace(/[\s\-/().]/g, '');
  if (/^00\d+$/.test(digits)) return `+${digits.slice(2)}`;
  if (/^0\d+$/.test(digits)) {
    try {
      return `+${getCountryCallingCode(defaultCountry as CountryCode)}${digits.slice(1)}`;
    } catch {
      return text;
    }
  }
  return text;
}

function requireListsExist(store: Store, listIds: readonly number[]): void {
  for (const listId of listIds) {
    if (!store.lists.get(listId))
      throw new ServiceError(
        'not-found',
        'One of the chosen lists no longer exists. Reload the lists and choose again.',
      );
  }
}

function refuseTakenListName(store: Store, name: string, exceptId?: number): void {
  const existing = store.lists.getByName(name);
  if (existing && existing.id !== exceptId)
    throw new ServiceError('conflict', `There is already a list called "${name}". Choose another name.`);
}

export type ContactsCrudMethods =
  | 'contacts.lists'
  | 'contacts.listFields'
  | 'contacts.search'
  | 'contacts.count'
  | 'contacts.create'
  | 'contacts.update'
  | 'contacts.delete'
  | 'contacts.restore'
  | 'contacts.optOut'
  | 'contacts.optIn'
  | 'contacts.optOuts'
  | 'contacts.createList'
  | 'contacts.renameList'
  | 'contacts.deleteList';

export function createContactsHandlers(store: Store): DomainHandlers<ContactsCrudMethods> {
  const fieldsCache = new Map<number, { size: number; fields: string[] }>();
  const transaction = <T>(work: () => T): T => store.database.sqlite.transaction(work).immediate();
  const withNumberSearch = <F extends { text?: string | undefined }>(filter: F): F => {
    const text = searchTextForNumbers(filter.text, readAppSettings(store.settings).defaultCountry);
    return text === undefined ? filter : { ...filter, text };
  };

  return {
    'contacts.lists': () => {
      const lists: ContactListSummary[] = store.lists.list().map((list) => ({
        id: list.id,
        name: list.name,
        memberCount: list.memberCount,
        optedOutCount: list.optedOutCount,
      }));
      return { lists, allContacts: store.contacts.count({}), optOuts: store.suppressions.count() };
    },
    'contacts.listFields': ({ listId }) => {
      // Sampling a small list among a million contacts walks the whole table: remember the answer until the list changes.
      const size = store.lists.list().find((list) => list.id === listId)?.memberCount;
      if (size === undefined) throw new ServiceError('not-found', 'This list no longer exists. Choose another list.');
      const cached = fieldsCache.get(listId);
      if (cached && cached.size === size) return { fields: cached.fields };
      const fields = fieldsOfList(store, listId);
      fieldsCache.set(listId, { size, fields });
      return { fields };
    },
    'contacts.search': ({ offset, limit, ...filter }) => ({
      offset,
      // By number: the unique index keeps any page quick to reach, even at a million contacts.
      contacts: store.contacts
        .search(withNumberSearch(filter), { offset, limit, orderBy: 'phone' })
        .map(toContactRow),
    }),
    'contacts.count': (filter) => {
      const plainList = filter.listId !== undefined && !filter.text?.trim() && filter.optedOut === undefined;
      if (plainList) {
        // The lists' member counts come from one grouped query, quicker than counting one list by its members.
        const list = store.lists.list().find((candidate) => candidate.id === filter.listId);
        return { total: list?.memberCount ?? 0 };
      }
      return { total: store.contacts.count(withNumberSearch(filter)) };
    },
    'contacts.create': ({ phone, country, name, fields, listIds }) => {
      const phoneE164 = normaliseOrRefuse(store, phone, country);
      requireListsExist(store, listIds ?? []);
      return transaction(() => {
        const now = Date.now();
        const created = store.contacts.create({ phoneE164, name: name || null, fields: fields ?? {} }, now);
        if (!created) {
          const existing = store.contacts.getByPhone(phoneE164);
          // Not found although the number is taken: it is in a file being imported right now.
          if (!existing) {
            throw new ServiceError(
              'conflict',
              `${phoneE164} is in a file being imported right now. It will be among your contacts when the import has finished; change it there.`,
            );
          }
          throw new ServiceError(
            'conflict',
            `${phoneE164} is already a contact${existing.name ? ` (${existing.name})` : ''}. Search for it to change it.`,
          );
        }
        for (const listId of listIds ?? []) store.contacts.addToList(created.id, listId, now);
        return toContactRow(created);
      });
    },
    'contacts.update': ({ id, name, fields, timeZone }) => {
      const updated = store.contacts.update(id, { name: name || null, fields, ...(timeZone !== undefined ? { timeZone: timeZone || null } : {}) }, Date.now());
      if (!updated)
        throw new ServiceError(
          'not-found',
          'This contact no longer exists. It may have been deleted in another window.',
        );
      return toContactRow(updated);
    },
    'contacts.delete': ({ ids }) =>
      transaction(() => {
        const removed: RemovedContact[] = [];
        for (const id of ids) {
          const contact = store.contacts.get(id);
          if (!contact) continue;
          const listIds = store.contacts.listIdsOf(id);
          if (store.contacts.delete(id)) {
            removed.push({
              phoneE164: contact.phoneE164,
              name: contact.name,
              fields: contact.fields,
              tags: contact.tags,
              listIds,
            });
          }
        }
        return { deleted: removed.length, removed };
      }),
    'contacts.restore': ({ contacts }) =>
      transaction(() => {
        const now = Date.now();
        let restored = 0;
        for (const entry of contacts) {
          const created = store.contacts.create(
            { phoneE164: entry.phoneE164, name: entry.name, fields: entry.fields, tags: entry.tags },
            now,
          );
          if (!created) continue;
          restored++;
          for (const listId of entry.listIds)
            if (store.lists.get(listId)) store.contacts.addToList(created.id, listId, now);
        }
        return { restored };
      }),
    'contacts.optOut': ({ phone, country }) => {
      const phoneE164 = normaliseOrRefuse(store, phone, country);
      const result = store.suppressions.add(
        { phoneE164, reason: 'added by hand', source: 'manual' },
        Date.now(),
      );
      return { phoneE164, ...result };
    },
    'contacts.optIn': ({ phoneE164 }) => ({ removed: store.suppressions.remove(phoneE164) }),
    'contacts.optOuts': ({ offset, limit }) => ({
      total: store.suppressions.count(),
      entries: store.suppressions.list({ offset, limit }).map((entry) => ({
        id: entry.id,
        phoneE164: entry.phoneE164,
        reason: entry.reason,
        source: entry.source,
        createdAt: new Date(entry.createdAt).toISOString(),
      })),
    }),
    'contacts.createList': ({ name }) => {
      refuseTakenListName(store, name);
      const list = store.lists.create(name, Date.now());
      return { id: list.id, name: list.name };
    },
    'contacts.renameList': ({ id, name }) => {
      refuseTakenListName(store, name, id);
      if (!store.lists.rename(id, name, Date.now()))
        throw new ServiceError('not-found', 'This list no longer exists.');
      return { id, name };
    },
    'contacts.deleteList': ({ id }) => ({ deleted: store.lists.delete(id) }),
  };
}
