import { Icon } from '../components/Icon';
import { useTranslation } from '../i18n/use-translation';
import { useTheme } from './use-theme';

export function MissingTokenPage() {
  useTheme();
  const { t } = useTranslation();
  return (
    <main className="standalone">
      <section className="empty-state" aria-label={t('missingToken.title')}>
        <div className="empty-state__icon">
          <Icon name="key" size={40} />
        </div>
        <h1>{t('missingToken.title')}</h1>
        <p>{t('missingToken.body')}</p>
      </section>
    </main>
  );
}
