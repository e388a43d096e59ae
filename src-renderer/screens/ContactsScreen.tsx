import { EmptyState } from '../components/EmptyState';
import { ScreenHeader } from '../components/ScreenHeader';
import { useTranslation } from '../i18n/use-translation';

export function ContactsScreen() {
  const { t } = useTranslation();
  return (
    <>
      <ScreenHeader title={t('contacts.title')} />
      <EmptyState icon="contacts" title={t('contacts.empty.title')}>
        {t('contacts.empty.body')}
      </EmptyState>
    </>
  );
}
