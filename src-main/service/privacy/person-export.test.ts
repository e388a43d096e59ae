import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore } from '../../store/testing';
import { ANNA, BERT, seedPerson } from './__fixtures__/seed-person';
import { PERSON_CSV_HEADER, personCsv, personExportDocument } from './person-export';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
let temp: TempStore;
beforeEach(() => {
  temp = openTempStore('fanout-person-export-');
  seedPerson(temp.store, { e164: ANNA.e164, name: ANNA.name }, T0);
  seedPerson(temp.store, BERT, T0);
});
afterEach(() => temp.cleanup());

describe('person export (JSON)', () => {
  it('holds everything about the number and nothing about anyone else', () => {
    const document = personExportDocument(temp.store.personData.collect(ANNA.e164), T0 + 100_000);
    expect(document).toMatchObject({
      format: 'fanout-person-export',
      version: 1,
      exportedAt: new Date(T0 + 100_000).toISOString(),
      phoneE164: ANNA.e164,
      contact: { name: ANNA.name, fields: { Kundennummer: '=1+2' }, tags: ['vip'], optedOut: true, timeZone: null },
      lists: [{ name: 'Kunden', addedAt: new Date(T0).toISOString() }],
      optOut: { onList: true, source: 'stop-reply', reason: 'STOP reply' },
      optOutEvents: [{ event: 'opt-out', source: 'stop-reply', reason: 'STOP', by: 'Fanout' }],
    });
    expect(document.consents).toEqual([
      expect.objectContaining({ purpose: 'marketing', basis: 'consent', source: 'web form', wording: 'Ja, ich möchte Angebote per SMS.', withdrawnAt: new Date(T0 - 3_600_000).toISOString(), withdrawnSource: 'phone call' }),
      expect.objectContaining({ purpose: 'service', basis: 'existing-customer', withdrawnAt: null }),
    ]);
    expect(document.messages).toEqual([
      expect.objectContaining({
        campaign: expect.objectContaining({ name: 'Termine März', purpose: 'service' }),
        state: 'delivered',
        text: `Hallo ${ANNA.name}, Ihr Termin ist am Montag. Rückruf an ${ANNA.e164}`,
        sim: expect.any(String),
        parts: [expect.objectContaining({ part: 1, state: 'delivered', reportStatus: 0 })],
      }),
      // A STOP reply after enqueueing skipped the later campaign's message: its status is part of the record.
      expect.objectContaining({ campaign: expect.objectContaining({ name: 'Später' }), state: 'skipped', reason: 'opted out', text: `Später, ${ANNA.name}`, parts: [] }),
    ]);
    expect(document.replies.map((reply) => [reply.text, reply.keyword])).toEqual([
      [`Danke! ${ANNA.name} kommt.`, null],
      ['HELP', 'help'],
    ]);
    expect(document.autoReplies).toEqual([expect.objectContaining({ kind: 'help', state: 'sent', text: `Praxis Müller, Rückruf an ${ANNA.e164}` })]);
    const text = JSON.stringify(document);
    expect(text).not.toContain(BERT.e164);
    expect(text).not.toContain(BERT.name);
    // The keyed hash is Fanout's internal pseudonym, not the person's data.
    expect(text).not.toContain(temp.store.suppressions.phoneHashOf(ANNA.e164));
  });

  it('finds messages and replies by the number even when the contact was deleted', () => {
    const contact = temp.store.contacts.getByPhone(ANNA.e164);
    temp.store.contacts.delete(contact?.id ?? 0);
    const document = personExportDocument(temp.store.personData.collect(ANNA.e164), T0);
    expect(document.contact).toBeNull();
    expect(document.consents).toEqual([]);
    expect(document.messages).toHaveLength(2);
    expect(document.replies).toHaveLength(2);
  });

  it('counts what the privacy panel shows', () => {
    expect(temp.store.personData.counts(ANNA.e164)).toEqual({ messages: 2, replies: 2, autoReplies: 1, suppressionEvents: 1, onOptOutList: true });
    expect(temp.store.personData.counts('+4915199999999')).toEqual({ messages: 0, replies: 0, autoReplies: 0, suppressionEvents: 0, onOptOutList: false });
  });
});

describe('person export (CSV)', () => {
  const parse = (csv: string, delimiter = ',') => {
    expect(csv.startsWith('\ufeff')).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1), { delimiter, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    return parsed.data;
  };

  it('has one row per item with its section, every kind present', () => {
    const rows = parse(personCsv(temp.store.personData.collect(ANNA.e164)));
    expect(rows[0]).toEqual([...PERSON_CSV_HEADER]);
    const sections = new Set(rows.slice(1).map((row) => row[0]));
    expect([...sections]).toEqual(['Contact', 'Contact field', 'Tag', 'List', 'Consent', 'Opt-out list', 'Opt-out history', 'Message', 'Message part', 'Reply', 'Automatic answer']);
    const message = rows.find((row) => row[0] === 'Message' && row[3] === 'delivered');
    expect(message?.[5]).toBe(`Hallo ${ANNA.name}, Ihr Termin ist am Montag. Rückruf an ${ANNA.e164}`);
  });

  it('defuses cells a spreadsheet would run as formulas, numbers in E.164 included', () => {
    const rows = parse(personCsv(temp.store.personData.collect(ANNA.e164), ';'), ';');
    expect(rows.find((row) => row[2] === 'Number')?.[5]).toBe(`'${ANNA.e164}`);
    expect(rows.find((row) => row[2] === 'Kundennummer')?.[5]).toBe("'=1+2");
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('keeps line breaks and quotes inside their cell', () => {
    temp.store.inbound.record({ simId: null, senderE164: ANNA.e164, senderRaw: null, body: 'Zeile 1\n"Zeile 2"; Ende', sentAt: null, receivedAt: T0 + 90_000, keyword: null });
    const rows = parse(personCsv(temp.store.personData.collect(ANNA.e164)));
    expect(rows.filter((row) => row[0] === 'Reply').map((row) => row[5])).toContain('Zeile 1\n"Zeile 2"; Ende');
  });
});
