// The send-time policy through whole campaigns, checked where it matters: what reached the
// virtual modems' network.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importContacts } from '../contacts';
import { normalisePhoneNumber } from '../contacts/phone-number';
import { createContactsHandlers } from '../service/contacts-handlers';
import { createPhoneHasher } from '../store';
import { openTempStore, TEST_HASH_SECRET, type TempStore } from '../store/testing';
import { createEngine, type Engine } from './engine';
import { SKIP_NO_MARKETING_BASIS } from './send-policy';
import { auditCampaign } from './testing/campaign-audit';
import { seedList } from './testing/seed';
import { openVirtualModems, type VirtualModemSetup } from './testing/virtual-modems';

let temp: TempStore | undefined;
let modems: VirtualModemSetup | undefined;
const engines: Engine[] = [];

afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.stop();
  await modems?.close();
  temp?.cleanup();
  modems = temp = undefined;
});

async function startEngine(store: TempStore['store'], modemCount: number): Promise<{ engine: Engine; setup: VirtualModemSetup }> {
  modems = await openVirtualModems({ count: modemCount });
  const engine = createEngine({ store });
  engines.push(engine);
  for (const modem of modems.modems) engine.attachModem(modem);
  engine.start();
  return { engine, setup: modems };
}

/** "+4915110000005" written three other ways, as people type and spreadsheets keep them. */
function otherNotations(e164: string): [string, string, string] {
  const national = e164.slice(3);
  return [`0${national.slice(0, 3)} ${national.slice(3)}`, `+49 ${national.slice(0, 3)} ${national.slice(3)}`, `0049${national}`];
}

describe('send policy in campaigns', () => {
  it('never sends to 10 of 1,000 contacts whose opt-outs were entered as 0151…, +49 151… and 0049151…', async () => {
    temp = openTempStore('fanout-policy-');
    const { store } = temp;
    const { listId, numbers } = seedList(store, 'Tausend', 1000);
    const blocked = Array.from({ length: 10 }, (_, i) => numbers[37 + i * 97] as string);
    const hasher = createPhoneHasher(TEST_HASH_SECRET);

    // Manual opt-out, each number in one of the other notations (default country DE from Settings).
    const contactsApi = createContactsHandlers(store);
    const typed = blocked.map((number, i) => otherNotations(number)[i % 3] as string);
    for (const [i, phone] of typed.entries()) {
      const answer = await contactsApi['contacts.optOut']({ phone }, { transport: 'test' });
      expect(answer).toMatchObject({ phoneE164: blocked[i], added: true });
    }
    // Every notation of every blocked number is one E.164 form and one hash: what the queue and the list compare.
    for (const number of blocked) {
      for (const notation of otherNotations(number)) {
        const normalised = normalisePhoneNumber(notation, 'DE');
        expect(normalised).toEqual({ ok: true, e164: number });
        expect(store.suppressions.isHashSuppressed(hasher.hash(normalised.ok ? normalised.e164 : ''))).toBe(true);
      }
    }
    // An import that writes them yet another way flags them as opted out.
    const csv = path.join(temp.dir, 'nachtrag.csv');
    writeFileSync(csv, `Telefon;Name\n${blocked.map((number, i) => `${otherNotations(number)[(i + 1) % 3]};Nachtrag ${i}`).join('\n')}\n`);
    const imported = await importContacts({ store, path: csv, list: { listName: 'Nachtrag' }, defaultCountry: 'DE', rejectedCsvPath: path.join(temp.dir, 'rejected.csv') });
    expect(imported.optedOut).toBe(10);

    const { engine, setup } = await startEngine(store, 4);
    const { campaign } = await engine.createCampaign({ name: 'Tausend', template: 'Hallo {{Vorname}}', listIds: [listId, imported.listId] });
    engine.startCampaign(campaign.id);
    await expect(engine.whenFinished(campaign.id)).resolves.toBe('completed');

    const reached = new Set(setup.network.submittedMessages().map((message) => message.to));
    expect(reached.size).toBe(990);
    for (const number of blocked) expect(reached.has(number), number).toBe(false);
    const audit = auditCampaign(store, campaign.id, setup.network);
    expect(audit.duplicates).toEqual([]);
    expect(audit.rows.filter((row) => row.state === 'skipped').map((row) => [row.recipient, row.reason])).toEqual(blocked.map((number) => [number, 'opted out']));
    expect(store.queue.blockedCounts(campaign.id)).toEqual([{ state: 'skipped', reason: 'opted out', count: 10 }]);
  });

  it('sends marketing only to contacts with a standing consent or an existing-customer basis; service goes to all', async () => {
    temp = openTempStore('fanout-policy-');
    const { store } = temp;
    const { listId, numbers } = seedList(store, 'Werbung', 40);
    const contactId = (number: string) => store.contacts.getByPhone(number)?.id ?? 0;
    const consent = numbers.slice(0, 10);
    const customers = numbers.slice(10, 20);
    const withdrawn = numbers.slice(20, 25);
    const serviceOnly = numbers.slice(25, 30);
    const now = Date.now();
    const record = (number: string, basis: 'consent' | 'existing-customer', purpose: 'marketing' | 'service' = 'marketing') =>
      store.consents.record({ contactId: contactId(number), purpose, basis, grantedAt: now, source: 'web form', wording: 'Newsletter v1', recordedBy: 'Test' }, now);
    consent.forEach((number) => record(number, 'consent'));
    customers.forEach((number) => record(number, 'existing-customer'));
    withdrawn.forEach((number) => {
      record(number, 'consent');
      store.consents.withdraw({ contactId: contactId(number), purpose: 'marketing', source: 'phone call' }, now);
    });
    serviceOnly.forEach((number) => record(number, 'consent', 'service'));

    const { engine, setup } = await startEngine(store, 2);
    const marketing = (await engine.createCampaign({ name: 'Sale', template: 'Sale! STOP an 0151 1234567', listIds: [listId], purpose: 'marketing' })).campaign;
    engine.startCampaign(marketing.id);
    await expect(engine.whenFinished(marketing.id)).resolves.toBe('completed');

    const reached = setup.network.submittedMessages().map((message) => message.to).sort();
    expect(reached).toEqual([...consent, ...customers].sort());
    const skipped = auditCampaign(store, marketing.id, setup.network).rows.filter((row) => row.state === 'skipped');
    expect(skipped.map((row) => row.recipient).sort()).toEqual(numbers.slice(20).sort());
    expect(skipped.every((row) => row.reason === SKIP_NO_MARKETING_BASIS)).toBe(true);
    expect(store.queue.blockedCounts(marketing.id)).toEqual([{ state: 'skipped', reason: SKIP_NO_MARKETING_BASIS, count: 20 }]);

    const service = (await engine.createCampaign({ name: 'Termin', template: 'Ihr Termin morgen', listIds: [listId], purpose: 'service' })).campaign;
    engine.startCampaign(service.id);
    await expect(engine.whenFinished(service.id)).resolves.toBe('completed');
    expect(setup.network.submittedMessages().filter((message) => message.text === 'Ihr Termin morgen')).toHaveLength(40);
  });
});
