import { useMemo, useState } from 'react';
import type { AppSettings } from '../../../src-shared/api/methods/settings';
import { currencies } from '../../../src-shared/api/methods/settings';
import { useFormat } from '../../i18n/use-format';
import { useTranslation } from '../../i18n/use-translation';
import { RetentionLastRun } from './RetentionLastRun';
import { SettingsPanel } from './SettingsPanel';

export function DefaultCountryPanel({ settings, countries }: { settings: AppSettings; countries: { code: string; callingCode: string }[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [country, setCountry] = useState(settings.defaultCountry);
  const sorted = useMemo(
    () => countries.map((entry) => ({ ...entry, name: format.country(entry.code) })).sort((a, b) => a.name.localeCompare(b.name)),
    [countries, format],
  );
  return (
    <SettingsPanel id="country" title={t('settings.country')} help={t('settings.countryHelp')} changes={{ defaultCountry: country }} dirty={country !== settings.defaultCountry}>
      <div className="field">
        <label htmlFor="settings-country">{t('settings.countryLabel')}</label>
        <select id="settings-country" value={country} onChange={(event) => setCountry(event.target.value)}>
          {sorted.map((entry) => (
            <option key={entry.code} value={entry.code}>
              {entry.name} (+{entry.callingCode})
            </option>
          ))}
        </select>
      </div>
    </SettingsPanel>
  );
}

type QuietWindow = AppSettings['quietHours'];

/** Quiet hours per purpose: marketing on by default (21:00–08:00), service messages off by default. */
export function QuietHoursPanel({ settings }: { settings: AppSettings }) {
  const { t } = useTranslation();
  const [marketing, setMarketing] = useState(settings.marketingQuietHours);
  const [service, setService] = useState(settings.quietHours);
  const dirty = JSON.stringify(marketing) !== JSON.stringify(settings.marketingQuietHours) || JSON.stringify(service) !== JSON.stringify(settings.quietHours);
  return (
    <SettingsPanel id="quiet-hours" title={t('settings.quietHours')} help={t('consent.quiet.help')} changes={{ marketingQuietHours: marketing, quietHours: service }} dirty={dirty}>
      <QuietWindowFields idPrefix="quiet-marketing" title={t('consent.quiet.marketing')} switchLabel={t('consent.quiet.marketingOn')} value={marketing} onChange={setMarketing} />
      <QuietWindowFields idPrefix="quiet" title={t('consent.quiet.service')} switchLabel={t('consent.quiet.serviceOn')} value={service} onChange={setService} />
    </SettingsPanel>
  );
}

function QuietWindowFields({ idPrefix, title, switchLabel, value, onChange }: { idPrefix: string; title: string; switchLabel: string; value: QuietWindow; onChange: (value: QuietWindow) => void }) {
  const { t } = useTranslation();
  return (
    <div className="quiet-purpose" data-testid={`${idPrefix}-window`}>
      <h3>{title}</h3>
      <label className="checkbox">
        <input type="checkbox" checked={value.enabled} onChange={(event) => onChange({ ...value, enabled: event.target.checked })} />
        {switchLabel}
      </label>
      <div className="form-row">
        <div className="field">
          <label htmlFor={`${idPrefix}-start`}>{t('settings.quietFrom')}</label>
          <input id={`${idPrefix}-start`} type="time" value={value.start} disabled={!value.enabled} onChange={(event) => onChange({ ...value, start: event.target.value })} required />
        </div>
        <div className="field">
          <label htmlFor={`${idPrefix}-end`}>{t('settings.quietUntil')}</label>
          <input id={`${idPrefix}-end`} type="time" value={value.end} disabled={!value.enabled} onChange={(event) => onChange({ ...value, end: event.target.value })} required />
        </div>
      </div>
      {value.enabled && value.start > value.end ? <p className="muted small">{t('settings.quietOvernight', { start: value.start, end: value.end })}</p> : null}
    </div>
  );
}

export function PricePanel({ settings }: { settings: AppSettings }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [price, setPrice] = useState(String(settings.pricePerPart));
  const [currency, setCurrency] = useState(settings.currency);
  const parsed = Number(price.replace(',', '.'));
  const valid = price.trim() !== '' && Number.isFinite(parsed);
  const dirty = !valid || parsed !== settings.pricePerPart || currency !== settings.currency;
  return (
    <SettingsPanel id="price" title={t('settings.price')} help={t('settings.priceHelp')} changes={valid ? { pricePerPart: parsed, currency } : null} dirty={dirty}>
      <div className="form-row">
        <div className="field">
          <label htmlFor="settings-price">{t('settings.pricePerPart')}</label>
          <input id="settings-price" type="text" inputMode="decimal" value={price} onChange={(event) => setPrice(event.target.value)} className="input--short" />
        </div>
        <div className="field">
          <label htmlFor="settings-currency">{t('settings.currency')}</label>
          <select id="settings-currency" value={currency} onChange={(event) => setCurrency(event.target.value)}>
            {currencies.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </div>
      </div>
      {!valid ? <p className="field__help field__help--warn">{t('settings.priceInvalid')}</p> : <p className="muted small">{t('settings.priceExample', { cost: format.money(Math.round(parsed * 1000 * 100) / 100, currency) })}</p>}
    </SettingsPanel>
  );
}

export function RetentionPanel({ settings }: { settings: AppSettings }) {
  const { t } = useTranslation();
  const [keepForever, setKeepForever] = useState(settings.retentionDays === null);
  const [days, setDays] = useState(String(settings.retentionDays ?? 90));
  const parsed = Number(days);
  const value = keepForever ? null : parsed;
  const valid = keepForever || (days.trim() !== '' && Number.isFinite(parsed));
  return (
    <SettingsPanel
      id="retention"
      title={t('settings.retention')}
      help={t('settings.retentionHelp')}
      changes={valid ? { retentionDays: value } : null}
      dirty={!valid || value !== settings.retentionDays}
    >
      <div className="radio-rows">
        <label className="radio-row">
          <input type="radio" name="retention" checked={keepForever} onChange={() => setKeepForever(true)} />
          <span>{t('settings.retentionKeep')}</span>
        </label>
        <label className="radio-row">
          <input type="radio" name="retention" checked={!keepForever} onChange={() => setKeepForever(false)} />
          <span>{t('settings.retentionDelete')}</span>
          <input
            type="number"
            className="input--short"
            aria-label={t('settings.retentionDays')}
            value={days}
            disabled={keepForever}
            onChange={(event) => setDays(event.target.value)}
          />
          <span>{t('settings.retentionDaysUnit')}</span>
        </label>
      </div>
      <p className="muted small">{t('retention.explained')}</p>
      <RetentionLastRun />
    </SettingsPanel>
  );
}
