import { useState } from 'react';
import type { ImportResult } from '../../../../src-shared/api/methods/contacts';
import { saveDownloadedFile } from '../../../api/save-download';
import { useApi } from '../../../app/api-context';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { useFormat } from '../../../i18n/use-format';
import { useTranslation } from '../../../i18n/use-translation';

export function ResultStep({ result, listName, onDone }: { result: ImportResult; listName: string; onDone: () => void }) {
  const api = useApi();
  const { t } = useTranslation();
  const format = useFormat();
  const [error, setError] = useState<Error | null>(null);
  const rejected = result.duplicates + result.invalid;
  const figures = [
    { key: 'imported', label: t('import.result.imported'), value: result.imported, tone: 'ok' },
    { key: 'duplicates', label: t('import.result.duplicates'), value: result.duplicates, tone: 'neutral' },
    { key: 'invalid', label: t('import.result.invalid'), value: result.invalid, tone: result.invalid > 0 ? 'warn' : 'neutral' },
    { key: 'optedOut', label: t('import.result.optedOut'), value: result.optedOut, tone: result.optedOut > 0 ? 'danger' : 'neutral' },
    ...(result.consentsRecorded > 0 ? [{ key: 'consents', label: t('consent.import.recorded'), value: result.consentsRecorded, tone: 'ok' }] : []),
  ];
  const download = async () => {
    if (!result.rejectedDownloadId) return;
    try {
      saveDownloadedFile(await api.download(result.rejectedDownloadId));
    } catch (reason) {
      setError(reason instanceof Error ? reason : new Error(String(reason)));
    }
  };
  return (
    <div className="wizard-step" data-testid="import-result">
      <p className="wizard-step__lead">{t('import.result.title', { list: listName, rows: format.number(result.rows) })}</p>
      <dl className="figures">
        {figures.map((figure) => (
          <div key={figure.key} className={`figure figure--${figure.tone}`} data-testid={`import-${figure.key}`}>
            <dt>{figure.label}</dt>
            <dd>{format.number(figure.value)}</dd>
          </div>
        ))}
      </dl>
      {result.optedOut > 0 ? <p className="muted">{t('import.result.optedOutHelp')}</p> : null}
      {result.consentUnclear > 0 ? <p className="muted" data-testid="import-consent-unclear">{t('consent.import.unclear', { count: format.number(result.consentUnclear) })}</p> : null}
      {rejected > 0 ? <p className="muted">{t('import.result.rejectedHelp', { count: format.number(rejected) })}</p> : null}
      {error ? <ErrorNotice error={error} /> : null}
      <div className="wizard-actions">
        {result.rejectedDownloadId ? (
          <button type="button" className="button button--secondary" onClick={() => void download()}>
            {t('import.result.download')}
          </button>
        ) : null}
        <button type="button" className="button" onClick={onDone}>
          {t('import.result.done')}
        </button>
      </div>
    </div>
  );
}
