import { EmptyState } from '../components/EmptyState';
import { ScreenHeader } from '../components/ScreenHeader';
import { useTranslation } from '../i18n/use-translation';

export function CampaignsScreen() {
  const { t } = useTranslation();
  return (
    <>
      <ScreenHeader title={t('campaigns.title')} />
      <EmptyState icon="campaigns" title={t('campaigns.empty.title')}>
        {t('campaigns.empty.body')}
      </EmptyState>
    </>
  );
}
