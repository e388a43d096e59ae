// A person is found by their number, written however the user writes it: "0170 1234567",
// "+49 170 1234567" and "0049170…" are one person (the default country fills in the rest).
import { normalisePhoneNumber, PHONE_REJECTION_TEXT, type CountryCode } from '../../contacts';
import type { Store } from '../../store';
import { readAppSettings } from '../app-settings';
import { ServiceError } from '../service-error';

export function personNumber(store: Store, written: string, country?: string): string {
  const normalised = normalisePhoneNumber(written, (country ?? readAppSettings(store.settings).defaultCountry) as CountryCode);
  if (!normalised.ok) {
    throw new ServiceError(
      'bad-request',
      `"${written}" cannot be used: ${PHONE_REJECTION_TEXT[normalised.reason]}. Write the number with its country code, for example +49 170 1234567.`,
    );
  }
  return normalised.e164;
}

/** The number of a contact, or of a number given directly. */
export function personNumberOf(store: Store, who: { contactId?: number | undefined; phone?: string | undefined; country?: string | undefined }): string {
  if (who.contactId !== undefined) {
    const contact = store.contacts.get(who.contactId);
    if (!contact) throw new ServiceError('not-found', 'This contact no longer exists. It may have been erased or deleted in another window.');
    return contact.phoneE164;
  }
  if (who.phone === undefined) throw new ServiceError('bad-request', 'Name a contact or a phone number.');
  return personNumber(store, who.phone, who.country);
}
