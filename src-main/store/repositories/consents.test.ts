import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore } from '../testing';

const T0 = Date.UTC(2026, 2, 1, 10, 0, 0);
let temp: TempStore;
beforeEach(() => {
  temp = openTempStore();
});
afterEach(() => temp.cleanup());

function contact(phoneE164: string) {
  const created = temp.store.contacts.create({ phoneE164, name: null, fields: {} }, T0);
  if (!created) throw new Error('contact not created');
  return created;
}

describe('consent records', () => {
  it('records, answers the standing basis per purpose, and keeps a withdrawn record in the history', () => {
    const { consents } = temp.store;
    const anna = contact('+4917012345601');
    expect(consents.basisFor(anna.id, 'marketing')).toBeUndefined();

    consents.record({ contactId: anna.id, purpose: 'marketing', basis: 'existing-customer', grantedAt: T0, source: 'customer since 2019', recordedBy: 'Eva' }, T0);
    expect(consents.basisFor(anna.id, 'marketing')).toBe('existing-customer');
    expect(consents.basisFor(anna.id, 'service')).toBeUndefined();
    const form = consents.record({ contactId: anna.id, purpose: 'marketing', basis: 'consent', grantedAt: T0 + 1000, source: 'web form', wording: 'Newsletter v3', recordedBy: 'Eva' }, T0 + 1000);
    expect(form).toMatchObject({ basis: 'consent', wording: 'Newsletter v3', withdrawnAt: null });
    // A consent needs no opt-out hint, so it is the basis named when both stand.
    expect(consents.basisFor(anna.id, 'marketing')).toBe('consent');

    expect(consents.withdraw({ contactId: anna.id, purpose: 'marketing', source: 'phone call' }, T0 + 2000)).toBe(2);
    expect(consents.basisFor(anna.id, 'marketing')).toBeUndefined();
    const history = consents.history(anna.id);
    expect(history.map((r) => [r.basis, r.withdrawnAt, r.withdrawnSource])).toEqual([
      ['consent', T0 + 2000, 'phone call'],
      ['existing-customer', T0 + 2000, 'phone call'],
    ]);
    expect(consents.withdraw({ contactId: anna.id, purpose: 'marketing', source: 'again' }, T0 + 3000)).toBe(0);
  });

  it('refuses a record for a contact that does not exist, and counts the bases of a list', () => {
    const { consents, lists, contacts } = temp.store;
    expect(consents.record({ contactId: 999, purpose: 'marketing', basis: 'consent', grantedAt: T0, source: 'x', recordedBy: 'x' }, T0)).toBeUndefined();
    const list = lists.ensure('Kunden', T0);
    const people = ['+4917012345611', '+4917012345612', '+4917012345613', '+4917012345614'].map(contact);
    for (const person of people) contacts.addToList(person.id, list.id, T0);
    const [a, b, c] = people;
    consents.record({ contactId: a?.id ?? 0, purpose: 'marketing', basis: 'consent', grantedAt: T0, source: 'paper', recordedBy: 'x' }, T0);
    consents.record({ contactId: b?.id ?? 0, purpose: 'marketing', basis: 'existing-customer', grantedAt: T0, source: 'paper', recordedBy: 'x' }, T0);
    consents.record({ contactId: c?.id ?? 0, purpose: 'marketing', basis: 'consent', grantedAt: T0, source: 'paper', recordedBy: 'x' }, T0);
    consents.withdraw({ contactId: c?.id ?? 0, purpose: 'marketing', source: 'STOP' }, T0);
    expect(consents.countInLists([list.id], 'marketing')).toEqual({ consent: 1, existingCustomer: 1, none: 2 });
  });

  it('goes with the contact when the contact is deleted', () => {
    const { consents, contacts } = temp.store;
    const gone = contact('+4917012345621');
    consents.record({ contactId: gone.id, purpose: 'marketing', basis: 'consent', grantedAt: T0, source: 'paper', recordedBy: 'x' }, T0);
    contacts.delete(gone.id);
    expect(consents.history(gone.id)).toEqual([]);
  });
});
