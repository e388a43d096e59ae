import { useState } from 'react';
import type { AppSettings } from '../../../src-shared/api/methods/settings';
import { DEFAULT_OPT_OUT_HINTS } from '../../../src-shared/template/opt-out-hint';
import { useTranslation } from '../../i18n/use-translation';
import { SettingsPanel } from './SettingsPanel';

const BUILT_IN = Object.values(DEFAULT_OPT_OUT_HINTS).flat();

/**
 * The office's own phrases that count as "how to object" in marketing to existing customers
 * (UWG §7(3)), on top of the built-in ones; the composer and the service check against both.
 */
export function OptOutHintsPanel({ settings }: { settings: AppSettings }) {
  const { t } = useTranslation();
  const [hints, setHints] = useState(settings.optOutHints);
  const [entry, setEntry] = useState('');
  const dirty = JSON.stringify(hints) !== JSON.stringify(settings.optOutHints);
  const add = () => {
    const phrase = entry.trim();
    if (phrase === '' || hints.some((existing) => existing.toLowerCase() === phrase.toLowerCase())) return;
    setHints([...hints, phrase]);
    setEntry('');
  };
  return (
    <SettingsPanel id="opt-out-hints" title={t('consent.optOutHints.title')} help={t('consent.optOutHints.help')} changes={{ optOutHints: hints }} dirty={dirty}>
      <div className="opt-out-hints">
        <span className="field__label">{t('consent.optOutHints.builtIn')}</span>
        <div className="chips">
          {BUILT_IN.map((phrase) => (
            <span key={phrase} className="chip chip--fixed" lang={/[\u3400-\u9fff]/.test(phrase) ? 'zh' : undefined}>
              {phrase}
            </span>
          ))}
        </div>
        <span className="field__label">{t('consent.optOutHints.yours')}</span>
        <div className="chips" data-testid="opt-out-hints-yours">
          {hints.length === 0 ? <span className="muted small">{t('consent.optOutHints.none')}</span> : null}
          {hints.map((phrase) => (
            <span key={phrase} className="chip chip--on">
              {phrase}
              <button type="button" className="chip__remove" aria-label={t('consent.optOutHints.remove', { phrase })} onClick={() => setHints(hints.filter((other) => other !== phrase))}>
                ×
              </button>
            </span>
          ))}
        </div>
        <div className="inline-form">
          <label htmlFor="opt-out-hint-new" className="visually-hidden">
            {t('consent.optOutHints.addLabel')}
          </label>
          <input
            id="opt-out-hint-new"
            type="text"
            value={entry}
            maxLength={60}
            placeholder={t('consent.optOutHints.placeholder')}
            onChange={(event) => setEntry(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                add();
              }
            }}
          />
          <button type="button" className="button button--secondary" onClick={add} disabled={entry.trim().length < 2}>
            {t('consent.optOutHints.add')}
          </button>
        </div>
      </div>
    </SettingsPanel>
  );
}
