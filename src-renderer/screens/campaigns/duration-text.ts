import type { Translate } from '../../i18n/use-translation';

/** "12 min", "3 h 20 min", "2 d 4 h": rounded the way a plan is talked about. */
export function durationText(ms: number, t: Translate): string {
  const minutes = Math.ceil(ms / 60_000);
  if (minutes < 1) return t('duration.lessThanMinute');
  if (minutes < 60) return t('duration.minutes', { minutes });
  if (minutes < 48 * 60) return t('duration.hours', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
  const hours = Math.ceil(minutes / 60);
  return t('duration.days', { days: Math.floor(hours / 24), hours: hours % 24 });
}
