import { useState, type KeyboardEvent } from 'react';
import { consentBases, consentPurposes } from '../../../src-shared/api/methods/contacts';
import { useApi } from '../../app/api-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useTranslation } from '../../i18n/use-translation';

type Purpose = (typeof consentPurposes)[number];
type Basis = (typeof consentBases)[number];

const asError = (reason: unknown) => (reason instanceof Error ? reason : new Error(String(reason)));

/** Today as the value of a date input, in this computer's calendar. */
function localToday(): string {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Enter in a field would submit the contact dialog's form around the privacy panel. */
export function keepEnterInside(event: KeyboardEvent<HTMLElement>) {
  if (event.key === 'Enter' && event.target instanceof HTMLInputElement) event.preventDefault();
}

/**
 * Records a consent given outside Fanout (paper form, phone, web form): the proof the law asks
 * for, with where it came from and what the person was shown.
 */
export function ConsentForm({ contactId, onRecorded, onCancel }: { contactId: number; onRecorded: () => void; onCancel: () => void }) {
  const api = useApi();
  const { t } = useTranslation();
  const [purpose, setPurpose] = useState<Purpose>('marketing');
  const [basis, setBasis] = useState<Basis>('consent');
  const [source, setSource] = useState('');
  const [wording, setWording] = useState('');
  const [date, setDate] = useState(localToday);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  const record = async () => {
    setBusy(true);
    setError(null);
    try {
      // Today means now (the exact moment); an earlier day is taken as its local midnight.
      const grantedAt = date === localToday() || date === '' ? undefined : new Date(`${date}T00:00:00`).toISOString();
      await api.call('contacts.recordConsent', { contactId, purpose, basis, source: source.trim(), wording: wording.trim() === '' ? null : wording.trim(), ...(grantedAt ? { grantedAt } : {}) });
      onRecorded();
    } catch (reason) {
      setError(asError(reason));
      setBusy(false);
    }
  };

  return (
    // Not a <form>: the privacy panel sits inside the contact dialog's form, and forms cannot nest.
    <div className="consent-form" role="group" aria-label={t('consent.record.open')} data-testid="consent-form" onKeyDown={keepEnterInside}>
      <div className="form-row">
        <fieldset className="field">
          <legend>{t('consent.record.purpose')}</legend>
          <div className="segmented">
            {consentPurposes.map((choice) => (
              <label key={choice} className={choice === purpose ? 'segmented__option segmented__option--on' : 'segmented__option'}>
                <input type="radio" name="consent-purpose" value={choice} checked={choice === purpose} onChange={() => setPurpose(choice)} />
                {t(`privacy.consentPurpose.${choice}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="field">
          <legend>{t('consent.record.basis')}</legend>
          <div className="segmented">
            {consentBases.map((choice) => (
              <label key={choice} className={choice === basis ? 'segmented__option segmented__option--on' : 'segmented__option'}>
                <input type="radio" name="consent-basis" value={choice} checked={choice === basis} onChange={() => setBasis(choice)} />
                {t(`privacy.consentBasis.${choice}`)}
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      <div className="form-row">
        <label className="field consent-form__source">
          <span className="field__label">{t('consent.record.source')}</span>
          <input type="text" value={source} maxLength={200} placeholder={t('consent.record.sourcePlaceholder')} onChange={(event) => setSource(event.target.value)} required />
        </label>
        <label className="field">
          <span className="field__label">{t('consent.record.date')}</span>
          <input type="date" value={date} max={localToday()} onChange={(event) => setDate(event.target.value)} />
        </label>
      </div>
      <label className="field">
        <span className="field__label">{t('consent.record.wording')}</span>
        <textarea rows={2} value={wording} maxLength={2000} onChange={(event) => setWording(event.target.value)} />
        <span className="field__help">{t('consent.record.wordingHelp')}</span>
      </label>
      {error ? <ErrorNotice error={error} /> : null}
      <div className="notice__actions">
        <button type="button" className="button button--small button--secondary" onClick={onCancel} disabled={busy}>
          {t('consent.record.cancel')}
        </button>
        <button type="button" className="button button--small" disabled={busy || source.trim() === ''} onClick={() => void record()}>
          {busy ? t('consent.record.saving') : t('consent.record.save')}
        </button>
      </div>
    </div>
  );
}
