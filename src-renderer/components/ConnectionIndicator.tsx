import { useTranslation } from '../i18n/use-translation';
import { useConnectionStore } from '../state/connection-store';

export function ConnectionIndicator() {
  const { t } = useTranslation();
  const link = useConnectionStore((state) => state.link);
  const label = t(`connection.${link}`);
  return (
    <div
      className={`connection connection--${link}`}
      role="status"
      aria-live="polite"
      data-testid="connection-indicator"
      data-state={link}
      title={link === 'disconnected' ? t('connection.disconnectedHelp') : label}
    >
      <span className="connection__dot" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}
