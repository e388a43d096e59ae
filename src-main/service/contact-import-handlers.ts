// The import wizard's service side: preview an uploaded CSV, import it as a background job the
// window polls (progress survives a reconnect of the window), and offer the rejected rows.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ImportResult } from '../../src-shared/api/methods/contacts';
import {
  ContactImportError,
  importContacts,
  previewCsv,
  type CountryCode,
  type ImportProgress,
} from '../contacts';
import type { Store } from '../store';
import { readAppSettings } from './app-settings';
import { actorOf } from './call-context';
import type { DownloadRegistry } from './files/download-registry';
import type { UploadStore } from './files/upload-store';
import type { CallContext } from './call-context';
import type { DomainHandlers } from './handlers';
import { EXPORT_MAX_AGE_MS, sweepOldExports } from './sending/campaign-export';
import { ServiceError } from './service-error';

interface ImportJob {
  state: 'running' | 'done' | 'failed' | 'cancelled';
  progress: ImportProgress;
  result: ImportResult | null;
  error: string | null;
  abort: AbortController;
}

export type ContactImportMethods =
  'contacts.previewImport' | 'contacts.startImport' | 'contacts.importStatus' | 'contacts.cancelImport';

function asServiceError(error: unknown): ServiceError {
  if (error instanceof ServiceError) return error;
  if (error instanceof ContactImportError)
    return new ServiceError('bad-request', error.message, undefined, { cause: error });
  return new ServiceError(
    'internal',
    'The file could not be read. Check that it is a CSV file, then try again.',
    undefined,
    { cause: error },
  );
}

export function createContactImportHandlers(
  store: Store,
  uploads: Pick<UploadStore, 'resolve' | 'discard'>,
  downloads: Pick<DownloadRegistry, 'register'>,
  /**
   * The data folder's exports/, where the rejected rows wait for their download: they hold
   * people's numbers and fields, so they live where an erasure and the daily sweep find them.
   */
  exportsDir: string,
): DomainHandlers<ContactImportMethods> {
  const jobs = new Map<string, ImportJob>();
  // The store takes one import at a time (ImportInProgressError): a file started while another
  // is being imported waits for it here, showing no progress yet, instead of being refused.
  let lastImport: Promise<void> = Promise.resolve();

  const rejectedRowsFile = (importId: string): string => {
    mkdirSync(exportsDir, { recursive: true });
    sweepOldExports(exportsDir, EXPORT_MAX_AGE_MS, Date.now());
    return path.join(exportsDir, `rejected-rows-${importId}.csv`);
  };

  const run = async (
    job: ImportJob,
    options: Parameters<typeof importContacts>[0],
    upload: { uploadId: string; name: string },
    context: CallContext,
  ) => {
    const { uploadId, name: fileName } = upload;
    try {
      const result = await importContacts(options);
      if (result.consentsRecorded > 0) {
        // Counts only: who the consents belong to is in the consents table, not in the log.
        try {
          store.audit.append({
            actor: actorOf(context),
            action: 'consent.record',
            subject: `list ${result.listId}`,
            details: {
              source: 'import',
              basis: options.consent?.kind === 'basis' ? options.consent.basis : 'consent',
              records: result.consentsRecorded,
            },
          });
        } catch (error) {
          // The import is committed; failing the job now would tell the user it was not.
          console.error('Fanout: the audit entry for imported consents could not be written:', error);
        }
      }
      const base = fileName.replace(/\.[^.]*$/, '');
      job.result = {
        imported: result.imported,
        newContacts: result.newContacts,
        duplicates: result.duplicates,
        invalid: result.invalid,
        optedOut: result.optedOut,
        rows: result.rows,
        listId: result.listId,
        consentsRecorded: result.consentsRecorded,
        consentUnclear: result.consentUnclear,
        rejectedDownloadId: result.rejectedCsvPath
          ? downloads.register(result.rejectedCsvPath, `${base} - rejected rows.csv`)
          : null,
      };
      job.state = 'done';
      // The uploaded file is a plain copy of the list beside the encrypted database: once its rows
      // are in, it goes (after a failure or a cancel the wizard offers the same upload again).
      await uploads.discard(uploadId).catch((error: unknown) => console.error('Fanout: an imported upload could not be removed:', error));
    } catch (error) {
      if (job.abort.signal.aborted) {
        job.state = 'cancelled';
        return;
      }
      if (!(error instanceof ContactImportError)) console.error('Fanout: contact import failed:', error);
      job.state = 'failed';
      job.error = asServiceError(error).message;
    }
  };

  return {
    'contacts.previewImport': async ({ uploadId, country, ...overrides }) => {
      const upload = uploads.resolve(uploadId);
      try {
        const preview = await previewCsv(upload.path, {
          defaultCountry: (country ?? readAppSettings(store.settings).defaultCountry) as CountryCode,
          ...overrides,
        });
        return {
          fileName: upload.name,
          encoding: preview.encoding,
          delimiter: preview.delimiter,
          hasHeader: preview.hasHeader,
          columns: preview.columns,
          rows: preview.rows,
          guessedPhoneColumn: preview.guessedPhoneColumn ?? null,
          guessedNameColumns: preview.guessedNameColumns,
          totalBytes: preview.totalBytes,
        };
      } catch (error) {
        throw asServiceError(error);
      }
    },
    'contacts.startImport': (
      { uploadId, list, country, phoneColumn, nameColumns, hasHeader, encoding, delimiter, consent },
      context,
    ) => {
      const upload = uploads.resolve(uploadId);
      if ('listId' in list && !store.lists.get(list.listId))
        throw new ServiceError('not-found', 'The chosen list no longer exists. Choose another list.');
      const importId = randomBytes(12).toString('hex');
      const job: ImportJob = {
        state: 'running',
        progress: { rowsRead: 0, bytesRead: 0, totalBytes: upload.size },
        result: null,
        error: null,
        abort: new AbortController(),
      };
      jobs.set(importId, job);
      const start = () =>
        run(
          job,
          {
            store,
            path: upload.path,
            list,
            defaultCountry: country as CountryCode,
            mapping: { phoneColumn, nameColumns, hasHeader, encoding, delimiter },
            consent,
            recordedBy: actorOf(context).name,
            fileLabel: upload.name,
            signal: job.abort.signal,
            rejectedCsvPath: rejectedRowsFile(importId),
            onProgress: (progress) => {
              job.progress = progress;
            },
          },
          upload,
          context,
        );
      // `run` settles every job (done, failed or cancelled); it never rejects.
      lastImport = lastImport.then(start);
      return { importId };
    },
    'contacts.importStatus': ({ importId }) => {
      const job = jobs.get(importId);
      if (!job)
        throw new ServiceError(
          'not-found',
          'Fanout knows no such import. It may have been started before Fanout was restarted.',
        );
      return { state: job.state, progress: job.progress, result: job.result, error: job.error };
    },
    'contacts.cancelImport': ({ importId }) => {
      const job = jobs.get(importId);
      if (!job || job.state !== 'running') return { cancelled: false };
      job.abort.abort();
      return { cancelled: true };
    },
  };
}
