import type { ApiResult } from '../../../../src-shared/api';
import { ProgressBar } from '../../../components/ProgressBar';
import { useFormat } from '../../../i18n/use-format';
import { useTranslation } from '../../../i18n/use-translation';

export function ProgressStep({ progress, onCancel }: { progress: ApiResult<'contacts.importStatus'>['progress']; onCancel: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="wizard-step" aria-live="polite" data-testid="import-progress">
      <p>{t('import.importing', { rows: format.number(progress.rowsRead) })}</p>
      <ProgressBar value={progress.bytesRead} max={progress.totalBytes} label={t('import.importProgress')} />
      <p className="muted">{t('import.importingHelp')}</p>
      <div className="wizard-actions">
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('import.cancel')}
        </button>
      </div>
    </div>
  );
}
