import type { CountryCode } from 'libphonenumber-js';
import { normalisePhoneNumber, PHONE_REJECTION_TEXT } from '../../contacts/phone-number';
import type { Store } from '../../store';
import { readAppSettings } from '../app-settings';
import type { DomainHandlers } from '../handlers';
import { ServiceError } from '../service-error';
import type { SendingRuntime } from './sending-runtime';

/** "Send a test to…" of the Compose screen: one message, one number, the first ready modem. */
export function createTestSendHandler(store: Store, runtime: SendingRuntime): DomainHandlers<'compose.testSend'> {
  return {
    'compose.testSend': async ({ to, text }) => {
      // The settings contract only accepts countries libphonenumber knows.
      const country = readAppSettings(store.settings).defaultCountry as CountryCode;
      const phone = normalisePhoneNumber(to, country);
      if (!phone.ok)
        throw new ServiceError('bad-request', `"${to}" cannot be used: ${PHONE_REJECTION_TEXT[phone.reason]}. Enter the number with its country code, e.g. +49 151 23456789.`);
      if (store.suppressions.isSuppressed(phone.e164))
        throw new ServiceError('conflict', `${phone.e164} is on the opt-out list, so Fanout sends it nothing, not even a test. Use another number.`);
      const { modemLabel, result } = await runtime.sendOne(phone.e164, text);
      if (result.outcome !== 'accepted') {
        const why = result.error?.userMessage ?? 'The network did not accept it.';
        const unknown = result.outcome === 'unknown' ? ' It may still arrive; check the phone before sending again.' : '';
        throw new ServiceError('unavailable', `The test was not sent through ${modemLabel}: ${why}${unknown}`);
      }
      return {
        to: phone.e164,
        modemLabel,
        parts: result.parts.length,
        references: result.parts.flatMap((part) => (part.reference === null ? [] : [part.reference])),
      };
    },
  };
}
