import { EmptyState } from '../components/EmptyState';
import { ScreenHeader } from '../components/ScreenHeader';
import { useTranslation } from '../i18n/use-translation';

export function InboxScreen() {
  const { t } = useTranslation();
  return (
    <>
      <ScreenHeader title={t('inbox.title')} />
      <EmptyState icon="inbox" title={t('inbox.empty.title')}>
        {t('inbox.empty.body')}
      </EmptyState>
    </>
  );
}
