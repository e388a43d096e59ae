// The reasons the send policy stores on a message (src-main/engine/send-policy.ts) are English
// sentences; the monitor shows them in the reader's language when it knows their form, and as
// stored otherwise (a modem's own error text, say).
import type { Translate } from '../../i18n/use-translation';

export function translateBlockedReason(reason: string, t: Translate): string {
  if (reason === 'opted out') return t('consent.reason.optedOut');
  if (reason === 'no consent for marketing') return t('consent.reason.noConsent');
  if (reason === 'cancelled') return t('consent.reason.cancelled');
  const quiet = /^quiet hours \((\d{1,2}:\d{2})–(\d{1,2}:\d{2}) recipient's time\)$/.exec(reason);
  if (quiet?.[1] && quiet[2]) return t('consent.reason.quietHours', { start: quiet[1], end: quiet[2] });
  const limit = /^SIM limit of (.+) reached$/.exec(reason);
  if (limit?.[1]) return t('consent.reason.simLimit', { limit: limit[1] });
  return reason;
}
