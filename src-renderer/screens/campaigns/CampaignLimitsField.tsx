import { FieldError } from '../../components/FieldError';
import { useTranslation } from '../../i18n/use-translation';
import { limitWindows, type LimitTexts, type LimitWindow } from './campaign-sims';

const labels = { perMinute: 'modems.perMinute', perHour: 'modems.perHour', perDay: 'modems.perDay' } as const;

/**
 * How many SMS parts each SIM may send for this campaign per minute, hour and day. Empty fields
 * keep each SIM's own limit, which the placeholder shows.
 */
export function CampaignLimitsField({
  texts,
  onChange,
  placeholders,
  errors,
}: {
  texts: LimitTexts;
  onChange: (texts: LimitTexts) => void;
  placeholders: Record<LimitWindow, string>;
  /** Beside each field: what the service (or the typing) refused, already worded. */
  errors: Partial<Record<LimitWindow, string>>;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="campaign-limits" data-testid="campaign-limits">
      <legend>{t('campaignLimits.title')}</legend>
      <p className="field__help" id="campaign-limits-help">
        {t('campaignLimits.help')}
      </p>
      <div className="campaign-limits__fields">
        {limitWindows.map((window) => {
          const errorId = `campaign-limit-${window}-error`;
          return (
            <div className="field" key={window}>
              <label htmlFor={`campaign-limit-${window}`}>{t(labels[window])}</label>
              <input
                id={`campaign-limit-${window}`}
                type="text"
                inputMode="numeric"
                autoComplete="off"
                value={texts[window]}
                placeholder={placeholders[window]}
                aria-invalid={errors[window] ? true : undefined}
                aria-describedby={errors[window] ? `${errorId} campaign-limits-help` : 'campaign-limits-help'}
                onChange={(event) => onChange({ ...texts, [window]: event.target.value })}
              />
              <FieldError id={errorId} text={errors[window]} />
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
