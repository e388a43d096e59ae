import type { RecipientPreview } from '../../src-shared/api/methods/compose';
import { renderForContact } from '../engine/campaign-builder';
import { countMessage } from '../../src-shared/sms';
import { parseTemplate, type ParsedTemplate } from '../../src-shared/template';
import type { Contact, Store } from '../store';
import { readAppSettings } from './app-settings';
import type { DomainHandlers } from './handlers';
import { ServiceError } from './service-error';

/**
 * Recipients rendered for an estimate. Larger lists are estimated from this many and scaled up:
 * paging a million contacts for every keystroke would keep the service busy for minutes.
 */
export const ESTIMATE_SAMPLE = 5000;
const PAGE = 1000;

/** The engine's own rendering of what this contact will get, plus the name for the screen. */
function previewFor(template: ParsedTemplate, contact: Contact): RecipientPreview {
  const sent = renderForContact(template, contact);
  return { ...sent, name: contact.name, missingFields: [...sent.missingFields] };
}

function requireList(store: Store, listId: number) {
  const list = store.lists.list().find((candidate) => candidate.id === listId);
  if (!list) throw new ServiceError('not-found', 'The chosen list no longer exists. Choose another list.');
  return list;
}

export function createComposeHandlers(store: Store): DomainHandlers<'compose.preview' | 'compose.estimate'> {
  return {
    'compose.preview': ({ template, listId, limit }) => {
      requireList(store, listId);
      const parsed = parseTemplate(template);
      const contacts = store.contacts.search({ listId }, { limit, orderBy: 'phone' });
      return { recipients: contacts.map((contact) => previewFor(parsed, contact)) };
    },
    'compose.estimate': ({ template, listId }) => {
      const list = requireList(store, listId);
      const { pricePerPart, currency } = readAppSettings(store.settings);
      const parsed = parseTemplate(template);
      const sendable = list.memberCount - list.optedOutCount;
      let sampled = 0;
      let parts = 0;
      let maxParts = 0;
      let ucs2 = 0;
      let missing = 0;
      if (parsed.fields.length === 0) {
        // Everyone gets the same text: one count is exact for the whole list.
        const count = countMessage(template);
        sampled = sendable;
        parts = count.parts * sendable;
        maxParts = sendable > 0 ? count.parts : 0;
        ucs2 = count.encoding === 'ucs2' ? sendable : 0;
      } else {
        for (let offset = 0; sampled < ESTIMATE_SAMPLE; offset += PAGE) {
          const page = store.contacts.search(
            { listId, optedOut: false },
            { limit: PAGE, offset, orderBy: 'phone' },
          );
          for (const contact of page) {
            if (sampled >= ESTIMATE_SAMPLE) break;
            const preview = previewFor(parsed, contact);
            sampled++;
            parts += preview.parts;
            maxParts = Math.max(maxParts, preview.parts);
            if (preview.encoding === 'ucs2') ucs2++;
            if (preview.missingFields.length > 0) missing++;
          }
          if (page.length < PAGE) break;
        }
      }
      const exact = sampled >= sendable;
      const scale = exact || sampled === 0 ? 1 : sendable / sampled;
      const totalParts = Math.round(parts * scale);
      return {
        recipients: sendable,
        optedOut: list.optedOutCount,
        totalParts,
        maxParts,
        ucs2Count: Math.round(ucs2 * scale),
        withMissingFields: Math.round(missing * scale),
        exact,
        pricePerPart,
        currency,
        // Rounded to the cent here so every window shows the same figure.
        cost: Math.round(totalParts * pricePerPart * 100) / 100,
      };
    },
  };
}
