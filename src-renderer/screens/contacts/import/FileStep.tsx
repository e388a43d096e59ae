import { useRef, useState } from 'react';
import { Icon } from '../../../components/Icon';
import { ProgressBar } from '../../../components/ProgressBar';
import { useFormat } from '../../../i18n/use-format';
import { useTranslation } from '../../../i18n/use-translation';

/** Drop a CSV file here or pick one; shows the upload's progress for large files. */
export function FileStep({ uploading, onFile }: { uploading: { fileName: string; sent: number; total: number } | null; onFile: (file: File) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  if (uploading) {
    return (
      <div className="wizard-step" aria-live="polite">
        <p>
          {t('import.uploading', { name: uploading.fileName })} <span className="muted">({format.bytes(uploading.sent)} / {format.bytes(uploading.total)})</span>
        </p>
        <ProgressBar value={uploading.sent} max={uploading.total} label={t('import.uploadProgress')} />
      </div>
    );
  }

  return (
    <div className="wizard-step">
      <div
        className={over ? 'drop-zone drop-zone--over' : 'drop-zone'}
        data-testid="drop-zone"
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(event) => {
          event.preventDefault();
          setOver(false);
          const file = event.dataTransfer.files[0];
          if (file) onFile(file);
        }}
      >
        <span className="drop-zone__icon">
          <Icon name="upload" size={30} />
        </span>
        <p className="drop-zone__title">{t('import.dropHere')}</p>
        <p className="muted">{t('import.fileHelp')}</p>
        <button type="button" className="button" onClick={() => input.current?.click()} data-autofocus>
          {t('import.pick')}
        </button>
        <input
          ref={input}
          type="file"
          accept=".csv,.tsv,.txt,text/csv,text/plain"
          className="visually-hidden"
          aria-label={t('import.pick')}
          data-testid="import-file-input"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) onFile(file);
          }}
        />
      </div>
    </div>
  );
}
