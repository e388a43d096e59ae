// Test helper: a list of contacts with valid German mobile numbers.
import type { Store } from '../../store';

export function testNumber(index: number): string {
  return `+49151${String(10_000_000 + index).slice(-8)}`;
}

export function seedList(store: Store, name: string, count: number, options: { firstIndex?: number; fields?: (index: number) => Record<string, string> } = {}): { listId: number; numbers: string[] } {
  const now = Date.now();
  const list = store.lists.ensure(name, now);
  const numbers: string[] = [];
  store.database.sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const index = (options.firstIndex ?? 0) + i;
      const phoneE164 = testNumber(index);
      const contact = store.contacts.create({ phoneE164, name: `Person ${index}`, fields: options.fields?.(index) ?? { Vorname: `P${index}` } }, now) ?? store.contacts.getByPhone(phoneE164);
      if (!contact) throw new Error(`could not create contact ${phoneE164}`);
      store.contacts.addToList(contact.id, list.id, now);
      numbers.push(phoneE164);
    }
  })();
  return { listId: list.id, numbers };
}

/** A list with exactly these numbers (any country), in this order. */
export function seedNumbers(store: Store, name: string, numbers: readonly string[]): { listId: number } {
  const now = Date.now();
  const list = store.lists.ensure(name, now);
  numbers.forEach((phoneE164, index) => {
    const contact = store.contacts.create({ phoneE164, name: `Person ${index}`, fields: { Vorname: `P${index}` } }, now) ?? store.contacts.getByPhone(phoneE164);
    if (!contact) throw new Error(`could not create contact ${phoneE164}`);
    store.contacts.addToList(contact.id, list.id, now);
  });
  return { listId: list.id };
}

export { waitUntil } from '../../testing/wait-until';
