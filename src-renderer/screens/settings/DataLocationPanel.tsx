import { useEffect, useState } from 'react';
import type { ApiResult } from '../../../src-shared/api';
import { useApi } from '../../app/api-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useFormat } from '../../i18n/use-format';
import { useTranslation } from '../../i18n/use-translation';
import { useHasRole } from '../auth/auth-store';

type Location = ApiResult<'dataLocation.get'>;
type TargetCheck = ApiResult<'dataLocation.check'>;

/** Where the data is, and moving it (or switching to Fanout data in another folder) at the next start. */
export function DataLocationPanel() {
  const api = useApi();
  const { t } = useTranslation();
  const format = useFormat();
  // Checking, changing or cancelling a move of the data folder needs an administrator.
  const isAdmin = useHasRole('admin');
  const [location, setLocation] = useState<Location | null>(null);
  const [editing, setEditing] = useState(false);
  const [target, setTarget] = useState('');
  const [check, setCheck] = useState<TargetCheck | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (reason) {
      setError(reason instanceof Error ? reason : new Error(String(reason)));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    let current = true;
    api.call('dataLocation.get', {}).then(
      (value) => current && setLocation(value),
      (reason: unknown) => current && setError(reason instanceof Error ? reason : new Error(String(reason))),
    );
    return () => {
      current = false;
    };
  }, [api]);

  const change = (mode: 'move' | 'use-existing') =>
    run(async () => {
      await api.call('dataLocation.change', { target, mode });
      setEditing(false);
      setCheck(null);
      setLocation(await api.call('dataLocation.get', {}));
    });

  const last = location?.lastChange ?? null;
  return (
    <section className="panel" aria-labelledby="data-location-title" data-testid="settings-data-location">
      <h2 id="data-location-title">{t('dataLocation.title')}</h2>
      <p className="muted">{t('dataLocation.help')}</p>
      {location ? (
        <>
          <dl className="facts">
            <dt>{t('dataLocation.current')}</dt>
            <dd className="mono" data-testid="data-dir">
              {location.dataDir}
            </dd>
          </dl>
          {last && 'failed' in last ? <p className="notice notice--warn">{t('dataLocation.lastFailed', { folder: last.target, reason: last.failed })}</p> : null}
          {last && 'from' in last && last.to === location.dataDir && last.mode === 'move' ? <p className="muted">{t('dataLocation.movedFrom', { folder: last.from })}</p> : null}
          {location.fixedBy ? (
            <p className="muted">{t('dataLocation.fixed', { how: location.fixedBy === 'environment' ? 'FANOUT_DATA_DIR' : '--data-dir' })}</p>
          ) : location.pending ? (
            <div className="notice notice--info" role="status" data-testid="data-location-pending">
              <p>{t(location.pending.mode === 'move' ? 'dataLocation.pendingMove' : 'dataLocation.pendingSwitch', { folder: location.pending.target })}</p>
              {isAdmin ? <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => void run(async () => {
                await api.call('dataLocation.cancel', {});
                setLocation(await api.call('dataLocation.get', {}));
              })}>
                {t('dataLocation.keepCurrent')}
              </button> : null}
            </div>
          ) : !isAdmin ? (
            <p className="muted small">{t('keywords.adminOnly')}</p>
          ) : !editing ? (
            <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
              {t('dataLocation.change')}
            </button>
          ) : (
            <form
              className="data-location__form"
              onSubmit={(event) => {
                event.preventDefault();
                void run(async () => setCheck(await api.call('dataLocation.check', { target })));
              }}
            >
              <div className="field">
                <label htmlFor="data-location-target">{t('dataLocation.target')}</label>
                <input
                  id="data-location-target"
                  type="text"
                  className="mono"
                  value={target}
                  onChange={(event) => {
                    setTarget(event.target.value);
                    setCheck(null);
                  }}
                />
                <p className="field__help">{t('dataLocation.targetHelp')}</p>
              </div>
              <div className="settings-form__actions">
                <button type="submit" className="button button--secondary" disabled={busy || target.trim() === ''}>
                  {busy && !check ? t('dataLocation.checking') : t('dataLocation.check')}
                </button>
                <button type="button" className="button button--secondary" onClick={() => { setEditing(false); setCheck(null); }}>
                  {t('common.cancel')}
                </button>
              </div>
              {check ? (
                <div data-testid="data-location-check" className="data-location__check">
                  {check.problem ? (
                    <p className="notice notice--error" role="alert">
                      {check.problem.startsWith('Fanout cannot write') ? t('dataLocation.notWritable', { folder: check.target }) : check.problem}
                    </p>
                  ) : check.same ? (
                    <p className="muted">{t('dataLocation.same')}</p>
                  ) : check.existingDataChangedAt ? (
                    <>
                      <p className="notice notice--warn">{t('dataLocation.existing', { date: format.dateTime(check.existingDataChangedAt) })}</p>
                      <p className="muted">{t('dataLocation.existingHelp')}</p>
                      <button type="button" className="button" disabled={busy} onClick={() => void change('use-existing')}>
                        {t('dataLocation.useExisting')}
                      </button>
                    </>
                  ) : (
                    <>
                      <p className="muted">{t('dataLocation.ready')}</p>
                      <button type="button" className="button" disabled={busy} onClick={() => void change('move')}>
                        {t('dataLocation.move')}
                      </button>
                    </>
                  )}
                </div>
              ) : null}
            </form>
          )}
        </>
      ) : !error ? (
        <p className="muted">{t('common.loading')}</p>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
    </section>
  );
}
