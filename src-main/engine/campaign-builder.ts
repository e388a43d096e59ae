// Turning lists and a template into queued messages: each recipient's text is rendered and its
// parts counted with the codec before anything is sent, so the user sees the cost up front and
// the engine never renders at send time. Enqueued in batches: short write transactions keep a
// running campaign's claims flowing while a big one is built.
import { templateValuesOf } from '../../src-shared/api/methods/compose';
import { countMessage, MAX_PARTS } from '../../src-shared/sms';
import { parseTemplate, renderTemplate, type ParsedTemplate } from '../../src-shared/template';
import type { Campaign, Contact, NewCampaign, RecipientToEnqueue, Store } from '../store';

export interface RecipientPreview {
  readonly contactId: number;
  readonly phoneE164: string;
  readonly text: string;
  readonly parts: number;
  readonly encoding: 'gsm7' | 'ucs2';
  readonly missingFields: readonly string[];
  readonly optedOut: boolean;
}

export interface CampaignEstimate {
  /** Distinct numbers across the chosen lists. */
  readonly recipients: number;
  readonly optedOut: number;
  /** SMS parts to send (opted-out recipients excluded): what the campaign costs. */
  readonly totalParts: number;
  readonly maxParts: number;
  readonly ucs2Count: number;
  /** Recipients whose text exceeds the longest message a phone reassembles. */
  readonly tooLong: number;
  /** Recipients with at least one merge field that had no value and no fallback. */
  readonly withMissingFields: number;
}

export interface CreatedCampaign {
  readonly campaign: Campaign;
  readonly estimate: CampaignEstimate;
  readonly enqueued: number;
}

const PAGE_SIZE = 1000;

export function renderForContact(template: ParsedTemplate, contact: Contact): RecipientPreview {
  // The same values the composer's preview uses, so what is sent is what was shown.
  const rendered = renderTemplate(template, templateValuesOf(contact));
  const count = countMessage(rendered.text);
  return {
    contactId: contact.id,
    phoneE164: contact.phoneE164,
    text: rendered.text,
    parts: count.parts,
    encoding: count.encoding,
    missingFields: rendered.missingFields,
    optedOut: contact.optedOut,
  };
}

function* contactsOf(store: Store, listIds: readonly number[]): Generator<Contact> {
  const seen = new Set<number>();
  for (const listId of listIds) {
    for (let offset = 0; ; offset += PAGE_SIZE) {
      const page = store.contacts.search({ listId }, { limit: PAGE_SIZE, offset, orderBy: 'phone' });
      for (const contact of page) {
        if (seen.has(contact.id)) continue;
        seen.add(contact.id);
        yield contact;
      }
      if (page.length < PAGE_SIZE) break;
    }
  }
}

class EstimateTally {
  recipients = 0;
  optedOut = 0;
  totalParts = 0;
  maxParts = 0;
  ucs2Count = 0;
  tooLong = 0;
  withMissingFields = 0;

  add(preview: RecipientPreview): void {
    this.recipients += 1;
    if (preview.optedOut) {
      this.optedOut += 1;
      return;
    }
    this.totalParts += preview.parts;
    this.maxParts = Math.max(this.maxParts, preview.parts);
    if (preview.encoding === 'ucs2') this.ucs2Count += 1;
    if (preview.parts > MAX_PARTS) this.tooLong += 1;
    if (preview.missingFields.length > 0) this.withMissingFields += 1;
  }

  result(): CampaignEstimate {
    const { recipients, optedOut, totalParts, maxParts, ucs2Count, tooLong, withMissingFields } = this;
    return { recipients, optedOut, totalParts, maxParts, ucs2Count, tooLong, withMissingFields };
  }
}

/** Lets serial reads and the window's requests in between batches of a big list. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The first `limit` recipients rendered, and the estimate over all of them; nothing is written. */
export async function previewCampaign(store: Store, draft: Pick<NewCampaign, 'template' | 'listIds'>, limit = 20): Promise<{ samples: RecipientPreview[]; estimate: CampaignEstimate }> {
  const template = parseTemplate(draft.template);
  const tally = new EstimateTally();
  const samples: RecipientPreview[] = [];
  for (const contact of contactsOf(store, draft.listIds)) {
    const preview = renderForContact(template, contact);
    tally.add(preview);
    if (samples.length < limit) samples.push(preview);
    if (tally.recipients % PAGE_SIZE === 0) await yieldToEventLoop();
  }
  return { samples, estimate: tally.result() };
}

/**
 * Creates the campaign as a draft and queues one message per distinct recipient (opted-out ones
 * too: the claim marks them skipped with the reason, so the campaign's report accounts for them).
 */
export async function createCampaignFromLists(store: Store, draft: NewCampaign, now: number): Promise<CreatedCampaign> {
  if (draft.listIds.length === 0) throw new RangeError('A campaign needs at least one list');
  const template = parseTemplate(draft.template);
  const campaign = store.campaigns.create(draft, now);
  const dueAt = draft.startAt ?? now;
  const tally = new EstimateTally();
  let enqueued = 0;
  let batch: RecipientToEnqueue[] = [];
  const flush = () => {
    if (batch.length === 0) return;
    enqueued += store.queue.enqueueRecipients(campaign.id, batch, now).enqueued;
    batch = [];
  };
  for (const contact of contactsOf(store, draft.listIds)) {
    const preview = renderForContact(template, contact);
    tally.add(preview);
    batch.push({ contactId: contact.id, recipientE164: contact.phoneE164, body: preview.text, partCount: preview.parts, dueAt });
    if (batch.length >= PAGE_SIZE) {
      flush();
      await yieldToEventLoop();
    }
  }
  flush();
  return { campaign, estimate: tally.result(), enqueued };
}
