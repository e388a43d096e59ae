import { describeError } from '../app/error-text';
import { useTranslation } from '../i18n/use-translation';

/**
 * What failed and what to do, in the window's language (see describeError). When the contract
 * refused what was entered, the per-field messages are the useful part, without field paths.
 */
export function ErrorNotice({ error, onRetry, shownBesideFields }: { error: Error; onRetry?: () => void; shownBesideFields?: readonly string[] }) {
  const { t, language } = useTranslation();
  // Fields the form marks beside their inputs are not listed again here.
  const text = describeError(error, language, { shownBesideFields });
  return (
    <div className="notice notice--error" role="alert">
      <strong>{text.refusedInput ? t('error.checkInput') : t('error.title')}</strong>
      <p>{text.message}</p>
      {text.details.length > 0 ? (
        <ul>
          {text.details.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      {text.serviceText ? <p className="notice__service-text">{t('error.serviceSaid', { text: text.serviceText })}</p> : null}
      {onRetry ? (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('common.tryAgain')}
        </button>
      ) : null}
    </div>
  );
}
