// A person with something in every table that can hold them, written through the real
// repositories the way a campaign, a reply and an opt-out write it.
import type { Store } from '../../../store';

export const ANNA = {
  e164: '+4917012345678',
  name: 'Anna Privat',
  /** Notations a user might type or import. */
  written: ['+49 170 1234567 8', '0170 12345678', '004917012345678', '+49 (170) 123-456-78'],
};
export const BERT = { e164: '+4917098765432', name: 'Bert Bleibt' };

export interface SeededPerson {
  contactId: number;
  campaignId: number;
  deliveredMessageId: number;
  queuedCampaignId: number;
}

export function seedPerson(store: Store, person: { e164: string; name: string }, now: number): SeededPerson {
  const list = store.lists.getByName('Kunden') ?? store.lists.create('Kunden', now);
  const contact = store.contacts.create({ phoneE164: person.e164, name: person.name, fields: { Notiz: `Allergie; ruft an von ${person.e164}`, Kundennummer: '=1+2' }, tags: ['vip'] }, now);
  if (!contact) throw new Error(`${person.e164} exists already`);
  store.contacts.addToList(contact.id, list.id, now);
  store.consents.record({ contactId: contact.id, purpose: 'marketing', basis: 'consent', grantedAt: now - 86_400_000, source: 'web form', wording: 'Ja, ich möchte Angebote per SMS.', recordedBy: 'Praxis' }, now);
  store.consents.withdraw({ contactId: contact.id, purpose: 'marketing', source: 'phone call' }, now - 3_600_000);
  store.consents.record({ contactId: contact.id, purpose: 'service', basis: 'existing-customer', grantedAt: now - 86_400_000, source: 'import kunden.csv row 2', recordedBy: 'CLI' }, now);

  const sim = store.sims.recordSeen({ iccid: '89490200001234567890', imsi: '262011234567890', imei: '860000000000001' }, now);
  const campaign = store.campaigns.create({ name: 'Termine März', template: 'Hallo {{Name}}', listIds: [list.id] }, now);
  store.queue.enqueueRecipients(campaign.id, [{ contactId: contact.id, recipientE164: person.e164, body: `Hallo ${person.name}, Ihr Termin ist am Montag. Rückruf an ${person.e164}`, partCount: 1, dueAt: now }], now);
  store.campaigns.setState(campaign.id, 'running', { now });
  const claimed = store.queue.claimNext({ simId: sim.id, now, campaignIds: [campaign.id] });
  if (!claimed) throw new Error('nothing to claim');
  store.queue.recordHandover(claimed.id, [{ partNumber: 1, reference: 42 }], now + 1_000);
  store.queue.recordPartStatus({ reference: 42, recipientE164: person.e164, simId: sim.id, outcome: 'delivered', statusCode: 0, at: now + 5_000 });

  const queuedCampaign = store.campaigns.create({ name: 'Später', template: 'Später {{Name}}', listIds: [list.id] }, now);
  store.queue.enqueueRecipients(queuedCampaign.id, [{ contactId: contact.id, recipientE164: person.e164, body: `Später, ${person.name}`, partCount: 1, dueAt: now + 86_400_000 }], now);

  const reply = store.inbound.record({ simId: sim.id, senderE164: person.e164, senderRaw: null, body: `Danke! ${person.name} kommt.`, sentAt: now + 60_000, receivedAt: now + 61_000, keyword: null });
  const help = store.inbound.record({ simId: sim.id, senderE164: person.e164, senderRaw: null, body: 'HELP', sentAt: now + 62_000, receivedAt: now + 63_000, keyword: 'help' });
  const answer = store.autoReplies.queue({ inboundId: help.id, recipientE164: person.e164, kind: 'help', body: `Praxis Müller, Rückruf an ${person.e164}` }, now + 63_000);
  store.autoReplies.handOver(answer, sim.id);
  store.autoReplies.markSent(answer, now + 64_000);
  store.suppressions.add({ phoneE164: person.e164, reason: 'STOP reply', source: 'stop-reply' }, now + 70_000);
  store.suppressions.recordEvent({ phoneHash: store.suppressions.phoneHashOf(person.e164), event: 'opt-out', source: 'stop-reply', reason: 'STOP', at: now + 70_000, actor: 'Fanout' });
  void reply;
  return { contactId: contact.id, campaignId: campaign.id, deliveredMessageId: claimed.id, queuedCampaignId: queuedCampaign.id };
}
