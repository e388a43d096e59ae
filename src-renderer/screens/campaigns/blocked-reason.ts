// The reasons the send policy stores on a message (src-main/engine/send-policy.ts) are English
// sentences; the monitor shows them in the reader's language when it knows their form, and as
// stored otherwise (a modem's own error text, say).
import type { Translate } from '../../i18n/use-translation';

export function translateBlockedReason(reason: string, t: Translate): string {
  if (reason === 'opted out') return t('consent.reason.optedOut');
  if (reason === 'no consent for marketing') return t('consent.reason.noConsent');
  if (reason === 'cancelled') return t('consent.reason.cancelled');
  if (reason === 'Fanout stopped while the modem had this message; it may or may not have been sent') return t('consent.reason.interrupted');
  const afterOne = /^Fanout stopped while the modem had part 2 of (\d+); part 1 was accepted by the network/.exec(reason);
  if (afterOne?.[1]) return t('consent.reason.interruptedAfterOne', { total: afterOne[1] });
  const afterSome = /^Fanout stopped while the modem had part (\d+) of (\d+); parts 1–(\d+) were accepted by the network/.exec(reason);
  if (afterSome?.[1] && afterSome[2] && afterSome[3]) return t('consent.reason.interruptedAfterSome', { part: afterSome[1], total: afterSome[2], accepted: afterSome[3] });
  const quiet = /^quiet hours \((\d{1,2}:\d{2})–(\d{1,2}:\d{2}) recipient's time\)$/.exec(reason);
  if (quiet?.[1] && quiet[2]) return t('consent.reason.quietHours', { start: quiet[1], end: quiet[2] });
  const limit = /^SIM limit of (.+) reached$/.exec(reason);
  if (limit?.[1]) return t('consent.reason.simLimit', { limit: limit[1] });
  return reason;
}
