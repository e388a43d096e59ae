import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore } from '../store/testing';
import { parseConsentCell } from './consent-cell';
import { importContacts, type ImportContactsOptions } from './import-contacts';
import { ContactImportError } from './import-error';

const T0 = Date.UTC(2026, 2, 10, 9, 0, 0);
let temp: TempStore;
beforeEach(() => {
  temp = openTempStore('fanout-import-consent-');
});
afterEach(() => temp.cleanup());

function csv(name: string, text: string): string {
  const file = path.join(temp.dir, name);
  writeFileSync(file, text);
  return file;
}

function run(file: string, options: Partial<ImportContactsOptions>) {
  return importContacts({
    store: temp.store,
    path: file,
    list: { listName: 'Kunden' },
    defaultCountry: 'DE',
    rejectedCsvPath: path.join(temp.dir, 'rejected.csv'),
    recordedBy: 'Eva Office',
    now: () => T0,
    ...options,
  });
}

const basisOf = (phone: string) => {
  const contact = temp.store.contacts.getByPhone(phone);
  return contact ? temp.store.consents.basisFor(contact.id, 'marketing') : 'no contact';
};
const historyOf = (phone: string) => temp.store.consents.history(temp.store.contacts.getByPhone(phone)?.id ?? 0);

describe('consent cells', () => {
  it.each([
    ['ja', { kind: 'yes', grantedAt: null }],
    [' X ', { kind: 'yes', grantedAt: null }],
    ['TRUE', { kind: 'yes', grantedAt: null }],
    ['1', { kind: 'yes', grantedAt: null }],
    ['2025-03-01', { kind: 'yes', grantedAt: Date.UTC(2025, 2, 1) }],
    ['2025-03-01T10:15:00+01:00', { kind: 'yes', grantedAt: Date.UTC(2025, 2, 1, 9, 15) }],
    ['01.02.2024', { kind: 'yes', grantedAt: Date.UTC(2024, 1, 1) }],
    ['', { kind: 'no' }],
    ['Nein', { kind: 'no' }],
    ['0', { kind: 'no' }],
    ['vielleicht', { kind: 'unclear' }],
    ['31.02.2024', { kind: 'unclear' }],
    ['2027-01-01', { kind: 'unclear' }],
  ])('%j', (cell, expected) => {
    expect(parseConsentCell(cell, T0)).toEqual(expected);
  });
});

describe('import with consent', () => {
  it('records consent per row from a consent column, with file, row, date, wording and who imported', async () => {
    const file = csv(
      'kunden.csv',
      'Telefon;Name;Einwilligung\n0170 1111111;Anna;ja\n0170 2222222;Ben;nein\n0170 3333333;Cem;01.02.2024\n0170 4444444;Dora;vielleicht\n0170 5555555;Emil;\n0170 6666666;Fay;x\n',
    );
    const result = await run(file, { consent: { kind: 'column', column: 'Einwilligung', wording: 'Newsletter-Einwilligung v2' } });
    expect(result).toMatchObject({ imported: 6, consentsRecorded: 3, consentUnclear: 1 });
    expect(['+491701111111', '+491702222222', '+491703333333', '+491704444444', '+491705555555', '+491706666666'].map(basisOf)).toEqual([
      'consent',
      undefined,
      'consent',
      undefined,
      undefined,
      'consent',
    ]);
    expect(historyOf('+491703333333')).toEqual([
      expect.objectContaining({ basis: 'consent', grantedAt: Date.UTC(2024, 1, 1), source: 'import kunden.csv row 4', wording: 'Newsletter-Einwilligung v2', recordedBy: 'Eva Office' }),
    ]);
    expect(historyOf('+491701111111')[0]).toMatchObject({ grantedAt: T0, source: 'import kunden.csv row 2' });
  });

  it('records a basis declared for the whole file; importing again adds no second record and never undoes a withdrawal', async () => {
    const text = 'Telefon,Name\n+49 170 1111111,Anna\n+49 170 2222222,Ben\n';
    const first = await run(csv('bestand.csv', text), { consent: { kind: 'basis', basis: 'existing-customer', wording: null }, fileLabel: 'Bestandskunden 2026.csv' });
    expect(first.consentsRecorded).toBe(2);
    expect(basisOf('+491701111111')).toBe('existing-customer');
    expect(historyOf('+491702222222')[0]).toMatchObject({ source: 'import Bestandskunden 2026.csv row 3', basis: 'existing-customer' });

    const ben = temp.store.contacts.getByPhone('+491702222222');
    temp.store.consents.withdraw({ contactId: ben?.id ?? 0, purpose: 'marketing', source: 'phone call' }, T0 + 1);
    const again = await run(csv('bestand2.csv', text), { list: { listName: 'Kunden 2' }, consent: { kind: 'basis', basis: 'existing-customer' } });
    expect(again.consentsRecorded).toBe(0);
    expect(historyOf('+491701111111')).toHaveLength(1);
    expect(basisOf('+491702222222')).toBeUndefined();
  });

  it('records nothing without a consent choice (service messages only), and refuses the phone column as consent column', async () => {
    const file = csv('plain.csv', 'Telefon;Einwilligung\n0170 1111111;ja\n');
    expect(await run(file, {})).toMatchObject({ consentsRecorded: 0, consentUnclear: 0 });
    expect(basisOf('+491701111111')).toBeUndefined();
    await expect(run(file, { consent: { kind: 'column', column: 0 } })).rejects.toBeInstanceOf(ContactImportError);
    await expect(run(file, { consent: { kind: 'column', column: 'Zustimmung' } })).rejects.toThrow(/no column "Zustimmung" for the consent/);
  });
});
