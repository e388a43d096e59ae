import { ApiCallError } from '../api/api-call-error';
import { useTranslation } from '../i18n/use-translation';

/** "args.retentionDays: Keep message texts for at least 1 day…" → the part a person needs. */
function withoutFieldPath(line: string): string {
  return line.replace(/^[\w$.[\]-]+: /, '');
}

/**
 * Shows the service's message as it is: it already says what happened and what to do. When the
 * contract refused what was entered, the per-field messages are the useful part, so they replace
 * the generic "request was refused" sentence, without the technical field paths.
 */
export function ErrorNotice({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useTranslation();
  const refusedInput = error instanceof ApiCallError && error.code === 'bad-request' && error.details.length > 0;
  const details = error instanceof ApiCallError ? [...new Set(error.details.map(withoutFieldPath))] : [];
  const generic = refusedInput && error.message.startsWith('The request "');
  const lines = details.filter((line) => line !== error.message);
  return (
    <div className="notice notice--error" role="alert">
      <strong>{refusedInput ? t('error.checkInput') : t('error.title')}</strong>
      {generic ? null : <p>{error.message}</p>}
      {lines.length > 0 ? (
        <ul>
          {lines.map((line) => (
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
