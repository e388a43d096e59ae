import { ScreenHeader } from '../components/ScreenHeader';
import { useTranslation } from '../i18n/use-translation';
import { AboutPanel } from './settings/AboutPanel';
import { AppearancePanel } from './settings/AppearancePanel';
import { ConnectionCheckPanel } from './settings/ConnectionCheckPanel';

export function SettingsScreen() {
  const { t } = useTranslation();
  return (
    <>
      <ScreenHeader title={t('settings.title')} />
      <div className="panels">
        <AppearancePanel />
        <ConnectionCheckPanel />
        <AboutPanel />
      </div>
    </>
  );
}
