import { useMemo, useState } from 'react';
import { useApi } from '../app/api-context';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { ScreenHeader } from '../components/ScreenHeader';
import { useDebounced } from '../components/use-debounced';
import { useTranslation } from '../i18n/use-translation';
import { AuditFilters, noAuditFilter, type AuditFilterValues } from './audit/AuditFilters';
import { AuditTable } from './audit/AuditTable';
import { endOfLocalDay, startOfLocalDay } from './audit/date-range';
import { IntegrityResult, type AuditVerification } from './audit/IntegrityCheck';
import { useAuditPages, type AuditFilter } from './audit/use-audit-pages';

function toQuery(values: AuditFilterValues): AuditFilter {
  const from = startOfLocalDay(values.fromDay);
  const to = endOfLocalDay(values.toDay);
  const text = values.text.trim();
  return {
    ...(values.action ? { action: values.action } : {}),
    ...(values.actor ? { actor: values.actor } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(text ? { text } : {}),
  };
}

/** The audit log for administrators: newest first, filtered, and its hash chain checked on request. */
export function AuditScreen() {
  const api = useApi();
  const { t } = useTranslation();
  const [filter, setFilter] = useState<AuditFilterValues>(noAuditFilter);
  const [refreshToken, setRefreshToken] = useState(0);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [verifyError, setVerifyError] = useState<Error | null>(null);
  const settledText = useDebounced(filter.text, 300);
  const query = useMemo(() => toQuery({ ...filter, text: settledText }), [filter, settledText]);
  const { entries, hasOlder, loadOlder, loadingMore, actors, actions, error, clearError } = useAuditPages(query, refreshToken);
  const filtered = Object.keys(query).length > 0;

  const verify = async () => {
    setVerifying(true);
    setVerifyError(null);
    try {
      setVerification(await api.call('audit.verify', {}));
      // The check itself is not an entry, but entries may have come in meanwhile.
      setRefreshToken((n) => n + 1);
    } catch (reason) {
      setVerifyError(reason instanceof Error ? reason : new Error(String(reason)));
    } finally {
      setVerifying(false);
    }
  };

  return (
    <section className="audit-screen" aria-labelledby="audit-title">
      <ScreenHeader
        title={t('audit.title')}
        actions={
          <button type="button" className="button" onClick={() => void verify()} disabled={verifying}>
            {verifying ? t('audit.verifying') : t('audit.verify')}
          </button>
        }
      />
      <p className="muted audit-screen__intro">{t('audit.intro')}</p>
      {verifyError ? <ErrorNotice error={verifyError} onRetry={() => void verify()} /> : null}
      {verification ? <IntegrityResult result={verification} /> : null}
      {entries !== null && entries.length === 0 && !filtered ? (
        <EmptyState icon="audit" title={t('audit.empty.title')}>
          {t('audit.empty.body')}
        </EmptyState>
      ) : (
        <>
          <AuditFilters value={filter} onChange={setFilter} actions={actions} actors={actors} />
          {error ? (
            <ErrorNotice
              error={error}
              onRetry={() => {
                clearError();
                setRefreshToken((n) => n + 1);
              }}
            />
          ) : null}
          {entries === null ? (
            <p className="muted">{t('common.loading')}</p>
          ) : entries.length === 0 ? (
            <p className="muted">{t('audit.noMatch')}</p>
          ) : (
            <>
              <AuditTable entries={entries} />
              {hasOlder ? (
                <button type="button" className="button button--secondary audit-screen__more" onClick={() => void loadOlder()} disabled={loadingMore}>
                  {loadingMore ? t('common.loading') : t('audit.more')}
                </button>
              ) : (
                <p className="muted small">{t('audit.end')}</p>
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}
