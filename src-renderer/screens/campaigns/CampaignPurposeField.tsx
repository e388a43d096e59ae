import { useTranslation } from '../../i18n/use-translation';

export type CampaignPurpose = 'service' | 'marketing';

/**
 * Service or marketing, chosen by the person every time (nothing is pre-selected): for marketing
 * the law asks for consent or an existing-customer basis and an opt-out hint (UWG §7, GDPR Art. 21).
 */
export function CampaignPurposeField({ purpose, onChange, optOutHintMissing }: { purpose: CampaignPurpose | null; onChange: (purpose: CampaignPurpose) => void; optOutHintMissing: boolean }) {
  const { t } = useTranslation();
  return (
    <fieldset className="campaign-purpose" data-testid="campaign-purpose">
      <legend>{t('campaigns.purpose')}</legend>
      <div className="campaign-purpose__choices">
        {(['service', 'marketing'] as const).map((choice) => (
          <label key={choice} className={`campaign-purpose__choice${purpose === choice ? ' campaign-purpose__choice--on' : ''}`}>
            <input type="radio" name="campaign-purpose" value={choice} checked={purpose === choice} onChange={() => onChange(choice)} />
            <span>
              <strong>{t(`campaigns.purpose.${choice}`)}</strong>
              <span className="muted">{t(`campaigns.purpose.${choice}Help`)}</span>
            </span>
          </label>
        ))}
      </div>
      {purpose === 'marketing' ? (
        <p className="notice notice--info" data-testid="marketing-consent">
          {t('campaigns.purpose.marketingConsent')}
        </p>
      ) : null}
      {purpose === 'marketing' && optOutHintMissing ? (
        <p className="notice notice--warn" role="status" data-testid="opt-out-hint-missing">
          {t('campaigns.purpose.optOutMissing')}
        </p>
      ) : null}
    </fieldset>
  );
}
