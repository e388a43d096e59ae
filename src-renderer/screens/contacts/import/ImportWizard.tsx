import { useEffect, useRef, useState } from 'react';
import type { ApiResult } from '../../../../src-shared/api';
import type { ContactListSummary, ImportResult } from '../../../../src-shared/api/methods/contacts';
import { useApi } from '../../../app/api-context';
import { Dialog } from '../../../components/Dialog';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { useTranslation } from '../../../i18n/use-translation';
import { useSettingsStore } from '../../../state/settings-store';
import { FileStep } from './FileStep';
import { MappingStep, type ImportMapping } from './MappingStep';
import { ProgressStep } from './ProgressStep';
import { ResultStep } from './ResultStep';

export type CsvPreview = ApiResult<'contacts.previewImport'>;
type Progress = ApiResult<'contacts.importStatus'>['progress'];

type Step =
  | { kind: 'file' }
  | { kind: 'uploading'; fileName: string; sent: number; total: number }
  | { kind: 'mapping'; uploadId: string; preview: CsvPreview }
  | { kind: 'importing'; uploadId: string; importId: string; progress: Progress; preview: CsvPreview }
  | { kind: 'done'; result: ImportResult; listName: string };

/** File → preview and mapping → progress → result: a CSV becomes a contact list. */
export function ImportWizard({
  lists,
  initialFile,
  onClose,
  onImported,
}: {
  lists: ContactListSummary[];
  /** A file dropped on the Contacts screen: the wizard starts with it. */
  initialFile?: File;
  onClose: () => void;
  onImported: (listId: number) => void;
}) {
  const api = useApi();
  const { t } = useTranslation();
  const { loaded, load } = useSettingsStore();
  const [step, setStep] = useState<Step>(initialFile ? { kind: 'uploading', fileName: initialFile.name, sent: 0, total: initialFile.size } : { kind: 'file' });
  const [error, setError] = useState<Error | null>(null);
  const [starting, setStarting] = useState(false);
  const importIdRef = useRef<string | null>(null);

  useEffect(() => {
    if (!loaded) void load(api);
  }, [api, loaded, load]);

  const fail = (reason: unknown) => setError(reason instanceof Error ? reason : new Error(String(reason)));

  const pickFile = async (file: File) => {
    if (!/\.(csv|tsv|txt)$/i.test(file.name) && !file.type.startsWith('text/')) {
      fail(new Error(t('import.notCsv', { name: file.name })));
      return;
    }
    setError(null);
    setStep({ kind: 'uploading', fileName: file.name, sent: 0, total: file.size });
    try {
      const { uploadId } = await api.upload(file, (sent, total) => setStep({ kind: 'uploading', fileName: file.name, sent, total }));
      const preview = await api.call('contacts.previewImport', { uploadId });
      setStep({ kind: 'mapping', uploadId, preview });
    } catch (reason) {
      fail(reason);
      setStep({ kind: 'file' });
    }
  };

  const rereadWith = async (uploadId: string, overrides: Partial<Pick<CsvPreview, 'encoding' | 'delimiter' | 'hasHeader'>>, current: CsvPreview) => {
    try {
      const preview = await api.call('contacts.previewImport', {
        uploadId,
        encoding: overrides.encoding ?? current.encoding,
        delimiter: overrides.delimiter ?? current.delimiter,
        hasHeader: overrides.hasHeader ?? current.hasHeader,
      });
      setStep({ kind: 'mapping', uploadId, preview });
    } catch (reason) {
      fail(reason);
    }
  };

  const start = async (uploadId: string, preview: CsvPreview, mapping: ImportMapping) => {
    setError(null);
    setStarting(true);
    try {
      const { importId } = await api.call('contacts.startImport', {
        uploadId,
        list: mapping.list,
        country: mapping.country,
        phoneColumn: mapping.phoneColumn,
        nameColumns: mapping.nameColumns,
        hasHeader: preview.hasHeader,
        encoding: preview.encoding,
        delimiter: preview.delimiter,
        consent: mapping.consent,
      });
      importIdRef.current = importId;
      const listName = 'listName' in mapping.list ? mapping.list.listName : (lists.find((list) => 'listId' in mapping.list && list.id === mapping.list.listId)?.name ?? '');
      setStep({ kind: 'importing', uploadId, importId, preview, progress: { rowsRead: 0, bytesRead: 0, totalBytes: preview.totalBytes } });
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        const status = await api.call('contacts.importStatus', { importId });
        if (status.state === 'running') {
          setStep({ kind: 'importing', uploadId, importId, preview, progress: status.progress });
          continue;
        }
        importIdRef.current = null;
        if (status.state === 'done' && status.result) {
          setStep({ kind: 'done', result: status.result, listName });
          onImported(status.result.listId);
        } else if (status.state === 'cancelled') {
          setStep({ kind: 'mapping', uploadId, preview });
        } else {
          fail(new Error(status.error ?? t('import.failed')));
          setStep({ kind: 'mapping', uploadId, preview });
        }
        return;
      }
    } catch (reason) {
      fail(reason);
    } finally {
      setStarting(false);
    }
  };

  const cancel = () => {
    const importId = importIdRef.current;
    if (importId) void api.call('contacts.cancelImport', { importId }).catch(fail);
  };

  const started = useRef(false);
  useEffect(() => {
    if (!initialFile || started.current) return;
    started.current = true;
    void Promise.resolve().then(() => pickFile(initialFile));
    // Runs once for the dropped file; pickFile is recreated every render on purpose.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initialFile]);

  const stepNumber = { file: 1, uploading: 1, mapping: 2, importing: 3, done: 3 }[step.kind];

  return (
    <Dialog
      title={t('import.title')}
      wide
      testId="import-wizard"
      onClose={() => {
        // Closing mid-import would leave it running unseen: cancel it first.
        if (step.kind === 'importing') cancel();
        onClose();
      }}
    >
      <ol className="steps" aria-label={t('import.steps')}>
        {[t('import.step.file'), t('import.step.columns'), t('import.step.import')].map((label, index) => (
          <li key={label} className={index + 1 === stepNumber ? 'steps__item steps__item--on' : index + 1 < stepNumber ? 'steps__item steps__item--done' : 'steps__item'} aria-current={index + 1 === stepNumber ? 'step' : undefined}>
            <span className="steps__number">{index + 1}</span>
            {label}
          </li>
        ))}
      </ol>
      {error ? <ErrorNotice error={error} /> : null}
      {step.kind === 'file' || step.kind === 'uploading' ? (
        <FileStep uploading={step.kind === 'uploading' ? step : null} onFile={(file) => void pickFile(file)} />
      ) : null}
      {step.kind === 'mapping' && loaded ? (
        <MappingStep
          preview={step.preview}
          lists={lists}
          countries={loaded.countries.map((country) => country.code)}
          defaultCountry={loaded.settings.defaultCountry}
          starting={starting}
          onReread={(overrides) => void rereadWith(step.uploadId, overrides, step.preview)}
          onBack={() => setStep({ kind: 'file' })}
          onStart={(mapping) => void start(step.uploadId, step.preview, mapping)}
        />
      ) : null}
      {step.kind === 'importing' ? <ProgressStep progress={step.progress} onCancel={cancel} /> : null}
      {step.kind === 'done' ? <ResultStep result={step.result} listName={step.listName} onDone={onClose} /> : null}
    </Dialog>
  );
}
