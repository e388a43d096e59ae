import { useEffect, useState } from 'react';
import type { ApiResult } from '../../../src-shared/api';
import { useApi } from '../../app/api-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useTranslation } from '../../i18n/use-translation';

export function AboutPanel() {
  const api = useApi();
  const { t } = useTranslation();
  const [info, setInfo] = useState<ApiResult<'app.info'> | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    api.call('app.info', {}).then(
      (value) => current && setInfo(value),
      (reason: unknown) => current && setError(reason instanceof Error ? reason : new Error(String(reason))),
    );
    return () => {
      current = false;
    };
  }, [api, attempt]);

  return (
    <section className="panel" aria-labelledby="about-title">
      <h2 id="about-title">{t('settings.about')}</h2>
      {error ? (
        <ErrorNotice
          error={error}
          onRetry={() => {
            setError(null);
            setAttempt((n) => n + 1);
          }}
        />
      ) : !info ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <dl className="facts">
          <dt>{t('settings.version')}</dt>
          <dd data-testid="app-version">{info.version}</dd>
          <dt>{t('settings.runningAs')}</dt>
          <dd>{t(`settings.runningAs.${info.transport}`)}</dd>
          <dt>{t('settings.dataDir')}</dt>
          <dd className="mono">{info.dataDir}</dd>
          <dt>{t('settings.databasePath')}</dt>
          <dd className="mono">{info.databasePath}</dd>
        </dl>
      )}
    </section>
  );
}
