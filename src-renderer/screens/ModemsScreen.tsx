import { EmptyState } from '../components/EmptyState';
import { ScreenHeader } from '../components/ScreenHeader';
import { useTranslation } from '../i18n/use-translation';

export function ModemsScreen() {
  const { t } = useTranslation();
  return (
    <>
      <ScreenHeader title={t('modems.title')} />
      <EmptyState icon="modem" title={t('modems.empty.title')}>
        {t('modems.empty.body')}
      </EmptyState>
    </>
  );
}
