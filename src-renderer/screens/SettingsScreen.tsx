import { useEffect } from 'react';
import { useApi } from '../app/api-context';
import { ErrorNotice } from '../components/ErrorNotice';
import { ScreenHeader } from '../components/ScreenHeader';
import { useTranslation } from '../i18n/use-translation';
import { useSettingsStore } from '../state/settings-store';
import { useHasRole } from './auth/auth-store';
import { ChangePasswordPanel } from './auth/ChangePasswordPanel';
import { AboutPanel } from './settings/AboutPanel';
import { AppearancePanel } from './settings/AppearancePanel';
import { ConnectionCheckPanel } from './settings/ConnectionCheckPanel';
import { DataLocationPanel } from './settings/DataLocationPanel';
import { EncryptionPanel } from './settings/EncryptionPanel';
import { OperatorsPanel } from './settings/OperatorsPanel';
import { OptOutHintsPanel } from './settings/OptOutHintsPanel';
import { KeywordsPanel } from './settings/KeywordsPanel';
import { DefaultCountryPanel, PricePanel, QuietHoursPanel, RetentionPanel } from './settings/SendingPanels';

export function SettingsScreen() {
  const api = useApi();
  const { t } = useTranslation();
  const { loaded, error, load } = useSettingsStore();
  const isAdmin = useHasRole('admin');

  useEffect(() => {
    void load(api);
  }, [api, load]);

  return (
    <>
      <ScreenHeader title={t('settings.title')} />
      <div className="panels panels--two">
        <div className="panels__column">
          <AppearancePanel />
          {error ? <ErrorNotice error={error} onRetry={() => void load(api)} /> : null}
          {loaded ? (
            <>
              <DefaultCountryPanel settings={loaded.settings} countries={loaded.countries} />
              <QuietHoursPanel settings={loaded.settings} />
              <PricePanel settings={loaded.settings} />
            </>
          ) : (
            <p className="muted">{t('common.loading')}</p>
          )}
        </div>
        <div className="panels__column">
          {loaded ? (
            <>
              <KeywordsPanel />
              <OptOutHintsPanel settings={loaded.settings} />
              <RetentionPanel settings={loaded.settings} />
            </>
          ) : null}
          <ChangePasswordPanel />
          <DataLocationPanel />
          <ConnectionCheckPanel />
          <AboutPanel />
        </div>
      </div>
      {isAdmin ? (
        <div className="panels panels--wide">
          <OperatorsPanel />
          <EncryptionPanel />
        </div>
      ) : null}
    </>
  );
}
