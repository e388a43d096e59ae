import { languageNames, languages, type Language } from '../../i18n/languages';
import { useTranslation } from '../../i18n/use-translation';
import { usePreferencesStore, type ThemeChoice } from '../../state/preferences-store';

const themes: ThemeChoice[] = ['system', 'light', 'dark'];

export function AppearancePanel() {
  const { t } = useTranslation();
  const { theme, language, setTheme, setLanguage } = usePreferencesStore();
  return (
    <section className="panel" aria-labelledby="appearance-title">
      <h2 id="appearance-title">{t('settings.appearance')}</h2>
      <fieldset className="field">
        <legend>{t('settings.theme')}</legend>
        <div className="segmented">
          {themes.map((choice) => (
            <label key={choice} className={choice === theme ? 'segmented__option segmented__option--on' : 'segmented__option'}>
              <input type="radio" name="theme" value={choice} checked={choice === theme} onChange={() => setTheme(choice)} />
              {t(`settings.theme.${choice}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="language">{t('settings.language')}</label>
        <select id="language" value={language} onChange={(event) => setLanguage(event.target.value as Language)}>
          {languages.map((code) => (
            <option key={code} value={code}>
              {languageNames[code]}
            </option>
          ))}
        </select>
      </div>
    </section>
  );
}
