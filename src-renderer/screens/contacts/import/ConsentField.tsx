import type { ImportConsent } from '../../../../src-shared/api/methods/contacts';
import { useTranslation } from '../../../i18n/use-translation';

type Choice = 'none' | 'column' | 'consent' | 'existing-customer';

function choiceOf(consent: ImportConsent): Choice {
  if (consent.kind === 'basis') return consent.basis;
  return consent.kind;
}

/** A file's marketing basis: none, a column saying who agreed, or one basis for every row. */
export function ConsentField({
  columns,
  phoneColumn,
  value,
  onChange,
}: {
  columns: string[];
  phoneColumn: number | null;
  value: ImportConsent;
  onChange: (value: ImportConsent) => void;
}) {
  const { t } = useTranslation();
  const choice = choiceOf(value);
  const wording = value.kind === 'none' ? '' : (value.wording ?? '');
  const candidates = columns.map((title, index) => ({ title, index })).filter(({ index }) => index !== phoneColumn);
  const guessed = candidates.find(({ title }) => /einwillig|consent|zustimm|newsletter|opt.?in|werbung|marketing|同意/i.test(title)) ?? candidates[0];

  const choose = (next: Choice) => {
    if (next === 'none') onChange({ kind: 'none' });
    else if (next === 'column') onChange({ kind: 'column', column: value.kind === 'column' ? value.column : (guessed?.index ?? 0), wording: wording || null });
    else onChange({ kind: 'basis', basis: next, wording: wording || null });
  };
  const setWording = (text: string) => {
    if (value.kind !== 'none') onChange({ ...value, wording: text || null });
  };

  const wordingField = (
    <div className="field">
      <label htmlFor="import-consent-wording">{t('consent.import.wording')}</label>
      <input id="import-consent-wording" type="text" value={wording} onChange={(event) => setWording(event.target.value)} required={choice === 'consent'} data-testid="import-consent-wording" />
      <span className="field__help">{t('consent.import.wordingHelp')}</span>
    </div>
  );

  return (
    <fieldset className="field consent-field" data-testid="import-consent">
      <legend>{t('consent.import.title')}</legend>
      <span className="field__help">{t('consent.import.help')}</span>
      <div className="radio-rows">
        <label className="radio-row">
          <input type="radio" name="import-consent" checked={choice === 'none'} onChange={() => choose('none')} />
          <span>{t('consent.import.none')}</span>
        </label>
        <label className="radio-row">
          <input type="radio" name="import-consent" checked={choice === 'column'} disabled={candidates.length === 0} onChange={() => choose('column')} data-testid="import-consent-column-choice" />
          <span>{t('consent.import.column')}</span>
        </label>
        {value.kind === 'column' ? (
          <div className="consent-field__details">
            <div className="field">
              <label htmlFor="import-consent-column">{t('consent.import.columnLabel')}</label>
              <select id="import-consent-column" value={value.column} onChange={(event) => onChange({ ...value, column: Number(event.target.value) })} data-testid="import-consent-column">
                {candidates.map(({ title, index }) => (
                  <option key={index} value={index}>
                    {title}
                  </option>
                ))}
              </select>
              <span className="field__help">{t('consent.import.columnHelp')}</span>
            </div>
            {wordingField}
          </div>
        ) : null}
        <label className="radio-row">
          <input type="radio" name="import-consent" checked={choice === 'consent'} onChange={() => choose('consent')} data-testid="import-consent-basis-consent" />
          <span>{t('consent.import.basisConsent')}</span>
        </label>
        {choice === 'consent' ? <div className="consent-field__details">{wordingField}</div> : null}
        <label className="radio-row">
          <input type="radio" name="import-consent" checked={choice === 'existing-customer'} onChange={() => choose('existing-customer')} data-testid="import-consent-basis-customer" />
          <span>{t('consent.import.basisCustomer')}</span>
        </label>
      </div>
    </fieldset>
  );
}
