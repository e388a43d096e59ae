import { EmptyState } from '../components/EmptyState';
import { ScreenHeader } from '../components/ScreenHeader';
import { useTranslation } from '../i18n/use-translation';

export function ComposeScreen() {
  const { t } = useTranslation();
  return (
    <>
      <ScreenHeader title={t('compose.title')} />
      <EmptyState icon="compose" title={t('compose.empty.title')}>
        {t('compose.empty.body')}
      </EmptyState>
    </>
  );
}
