import { useTranslation } from '../../i18n/use-translation';
import { describeTimeZone, localStart, type ScheduleCheck, type ScheduleFields } from './schedule-time';

export type CampaignTiming = ScheduleFields & { mode: 'now' | 'later' };

/** Send now, or at a date and time of the person's own clock, with the time zone named. */
export function CampaignScheduleField({ timing, onChange, check }: { timing: CampaignTiming; onChange: (timing: CampaignTiming) => void; check: ScheduleCheck | null }) {
  const { t, language } = useTranslation();
  const chosen = localStart(timing);
  const problem = check && !check.ok ? check.problem : null;
  return (
    <fieldset className="campaign-schedule" data-testid="campaign-schedule">
      <legend>{t('campaigns.when')}</legend>
      <div className="radio-rows campaign-schedule__modes">
        <label className="radio-row">
          <input type="radio" name="campaign-timing" checked={timing.mode === 'now'} onChange={() => onChange({ ...timing, mode: 'now' })} />
          {t('campaigns.when.now')}
        </label>
        <label className="radio-row">
          <input type="radio" name="campaign-timing" checked={timing.mode === 'later'} onChange={() => onChange({ ...timing, mode: 'later' })} />
          {t('campaigns.when.later')}
        </label>
      </div>
      {timing.mode === 'later' ? (
        <div className="campaign-schedule__later">
          <div className="form-row">
            <div className="field">
              <label htmlFor="campaign-start-date">{t('campaigns.startDate')}</label>
              <input
                id="campaign-start-date"
                type="date"
                value={timing.date}
                aria-invalid={problem !== null}
                aria-describedby="campaign-start-help"
                onChange={(event) => onChange({ ...timing, date: event.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor="campaign-start-time">{t('campaigns.startTime')}</label>
              <input
                id="campaign-start-time"
                type="time"
                value={timing.time}
                aria-invalid={problem !== null}
                aria-describedby="campaign-start-help"
                onChange={(event) => onChange({ ...timing, time: event.target.value })}
              />
            </div>
          </div>
          <p id="campaign-start-help" className={problem ? 'field__error' : 'muted'} data-testid="campaign-start-help" role={problem ? 'alert' : undefined}>
            {problem === 'in-past'
              ? t('campaigns.startInPast')
              : problem === 'incomplete'
                ? t('campaigns.startIncomplete')
                : t('campaigns.startsAtZone', {
                    at: chosen ? chosen.toLocaleString(language, { dateStyle: 'full', timeStyle: 'short' }) : '',
                    zone: describeTimeZone(chosen ?? new Date(), language),
                  })}
          </p>
        </div>
      ) : null}
    </fieldset>
  );
}
