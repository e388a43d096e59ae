import { useCallback, useEffect, useState } from 'react';
import type { ApiResult } from '../../../src-shared/api';
import { minPassphraseLength } from '../../../src-shared/api/methods/encryption';
import { saveDownloadedFile } from '../../api/save-download';
import { useApi } from '../../app/api-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import type { MessageKey } from '../../i18n/en';
import { useFormat } from '../../i18n/use-format';
import { useTranslation } from '../../i18n/use-translation';
import { PasswordField } from '../auth/PasswordField';

type Status = ApiResult<'encryption.status'>;

const KNOWN_BACKENDS = ['keychain', 'dpapi', 'gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6', 'basic_text'] as const;

/** Settings → Encryption (admins): how the data is protected, a passphrase for the key, encrypted backups. */
export function EncryptionPanel() {
  const api = useApi();
  const { t } = useTranslation();
  const format = useFormat();
  const [status, setStatus] = useState<Status | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [editing, setEditing] = useState(false);
  const [backup, setBackup] = useState<{ busy: boolean; done?: ApiResult<'encryption.backup'>; error?: Error }>({ busy: false });

  const load = useCallback(() => {
    setError(null);
    api.call('encryption.status', {}).then(setStatus, (reason: unknown) => setError(asError(reason)));
  }, [api]);
  useEffect(load, [load]);

  const makeBackup = async () => {
    setBackup({ busy: true });
    try {
      const done = await api.call('encryption.backup', {});
      setBackup({ busy: false, done });
      saveDownloadedFile(await api.download(done.downloadId));
    } catch (reason) {
      setBackup((current) => ({ ...current, busy: false, error: asError(reason) }));
    }
  };

  const backendName = (backend: string) => t(`encryption.backend.${(KNOWN_BACKENDS as readonly string[]).includes(backend) ? backend : 'unknown'}` as MessageKey);

  return (
    <section className="panel encryption-panel" aria-labelledby="encryption-title" data-testid="encryption-panel">
      <h2 id="encryption-title">{t('encryption.title')}</h2>
      <p className="muted">{t('encryption.intro')}</p>
      {error ? <ErrorNotice error={error} onRetry={load} /> : null}
      {!status ? (
        error ? null : <p className="muted">{t('common.loading')}</p>
      ) : (
        <>
          <dl className="facts">
            <dt>{t('encryption.cipher')}</dt>
            <dd data-testid="encryption-cipher">{status.state === 'plain' ? t('encryption.state.plain') : status.cipherLabel}</dd>
            <dt>{t('encryption.keyKept')}</dt>
            <dd data-testid="encryption-key-storage">{status.keyStorage ? t(`encryption.keyStorage.${status.keyStorage}`) : '—'}</dd>
            {status.backend ? (
              <>
                <dt>{t('encryption.backend')}</dt>
                <dd data-testid="encryption-backend">{backendName(status.backend)}</dd>
              </>
            ) : null}
            <dt>{t('encryption.keyFile')}</dt>
            <dd className="mono">
              {status.keyFile}
              {status.keyFilePresent ? '' : ` (${t('encryption.keyFile.missing')})`}
            </dd>
            <dt>{t('encryption.database')}</dt>
            <dd className="mono">{status.databasePath}</dd>
          </dl>

          {status.backendUnprotected ? (
            <div className="notice notice--warn" role="status" data-testid="encryption-basic-text">
              <strong>{t('encryption.basicText.title')}</strong>
              <p>{t('encryption.basicText.body')}</p>
            </div>
          ) : status.keyStorage === 'file' ? (
            <p className="muted">{t('encryption.fileOnly.body')}</p>
          ) : null}

          {editing ? (
            <PassphraseForm
              needsCurrent={status.keyStorage === 'passphrase'}
              onDone={(next) => {
                setStatus(next);
                setEditing(false);
              }}
              onCancel={() => setEditing(false)}
            />
          ) : status.state === 'encrypted' && status.keyFilePresent ? (
            <div className="settings-form__actions">
              <button type="button" className={status.backendUnprotected ? 'button' : 'button button--secondary'} onClick={() => setEditing(true)} data-testid="encryption-protect">
                {status.keyStorage === 'passphrase' ? t('encryption.passphrase.change') : t('encryption.passphrase.protect')}
              </button>
            </div>
          ) : null}

          <h3 className="encryption-panel__subtitle">{t('encryption.backup.title')}</h3>
          <p className="muted">{t('encryption.backup.help')}</p>
          <div className="settings-form__actions">
            <button type="button" className="button button--secondary" disabled={backup.busy || status.state !== 'encrypted'} onClick={() => void makeBackup()} data-testid="encryption-backup">
              {backup.busy ? t('encryption.backup.making') : t('encryption.backup.make')}
            </button>
          </div>
          {backup.done ? (
            <div className="notice notice--ok" role="status" data-testid="encryption-backup-done">
              <p>{t('encryption.backup.done', { path: backup.done.path, size: format.bytes(backup.done.bytes) })}</p>
              <p>{t('encryption.backup.keyNote', { keyFile: status.keyFile })}</p>
            </div>
          ) : null}
          {backup.error ? <ErrorNotice error={backup.error} /> : null}
        </>
      )}
    </section>
  );
}

function PassphraseForm({ needsCurrent, onDone, onCancel }: { needsCurrent: boolean; onDone(status: Status): void; onCancel(): void }) {
  const api = useApi();
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [repeated, setRepeated] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const mismatch = repeated !== '' && repeated !== passphrase;
  const ready = [...passphrase].length >= minPassphraseLength && repeated === passphrase && (!needsCurrent || current !== '');

  return (
    <form
      className="settings-form"
      data-testid="encryption-passphrase-form"
      onSubmit={(event) => {
        event.preventDefault();
        setBusy(true);
        setError(null);
        api.call('encryption.protectWithPassphrase', { passphrase, ...(needsCurrent ? { currentPassphrase: current } : {}) }).then(
          (next) => onDone(next),
          (reason: unknown) => {
            setError(asError(reason));
            setBusy(false);
          },
        );
      }}
    >
      <p className="muted">{t('encryption.passphrase.help')}</p>
      {needsCurrent ? <PasswordField id="encryption-current" label={t('encryption.passphrase.current')} value={current} onChange={setCurrent} autoComplete="current-password" /> : null}
      <PasswordField id="encryption-new" label={t('encryption.passphrase.new')} value={passphrase} onChange={setPassphrase} autoComplete="new-password" help={t('encryption.passphrase.hint')} autoFocus />
      <PasswordField id="encryption-repeat" label={t('encryption.passphrase.repeat')} value={repeated} onChange={setRepeated} autoComplete="new-password" {...(mismatch ? { help: t('encryption.passphrase.mismatch') } : {})} />
      <div className="settings-form__actions">
        <button type="submit" className="button" disabled={!ready || busy}>
          {t('encryption.passphrase.submit')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('encryption.passphrase.cancel')}
        </button>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
    </form>
  );
}

function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}
