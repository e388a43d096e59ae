import { ApiCallError } from '../api/api-call-error';
import { useTranslation } from '../i18n/use-translation';

/** Shows the service's message as it is: it already says what happened and what to do. */
export function ErrorNotice({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useTranslation();
  const details = error instanceof ApiCallError ? error.details : [];
  return (
    <div className="notice notice--error" role="alert">
      <strong>{t('error.title')}</strong>
      <p>{error.message}</p>
      {details.length > 0 ? (
        <ul>
          {details.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      {onRetry ? (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('common.tryAgain')}
        </button>
      ) : null}
    </div>
  );
}
