import { useEffect, useState } from 'react';
import type { ApiResult } from '../../src-shared/api';
import type { InboxThread } from '../../src-shared/api/methods/inbox';
import { useApi } from '../app/api-context';
import { Badge } from '../components/Badge';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { ScreenHeader } from '../components/ScreenHeader';
import { useFormat } from '../i18n/use-format';
import { useTranslation } from '../i18n/use-translation';
import { ConversationView, threadTitle as who } from './inbox/ConversationView';

const THREADS = 200;
/** Replies arrive through the modems at any time; the list looks again this often. */
const REFRESH_MS = 15_000;

export function InboxScreen() {
  const api = useApi();
  const { t } = useTranslation();
  const format = useFormat();
  const [threads, setThreads] = useState<InboxThread[] | null>(null);
  const [needsLook, setNeedsLook] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);
  const [conversation, setConversation] = useState<ApiResult<'inbox.thread'> | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    // New replies are pushed; the slow timer only covers a connection that dropped events.
    const timer = setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    const unsubscribe = api.onEvent((event) => {
      if (event.name === 'inbox.received' || event.name === 'inbox.answered') setTick((n) => n + 1);
    });
    return () => {
      clearInterval(timer);
      unsubscribe();
    };
  }, [api]);

  useEffect(() => {
    let current = true;
    api.call('inbox.threads', { limit: THREADS }).then(
      (result) => {
        if (!current) return;
        setThreads(result.threads);
        setNeedsLook(result.needsLook);
        setError(null);
      },
      (reason: unknown) => current && setError(reason instanceof Error ? reason : new Error(String(reason))),
    );
    return () => {
      current = false;
    };
  }, [api, tick]);

  const open = selected ?? threads?.[0]?.key ?? null;
  useEffect(() => {
    if (open === null) return;
    let current = true;
    api.call('inbox.thread', { key: open }).then(
      (result) => current && setConversation(result),
      (reason: unknown) => current && setError(reason instanceof Error ? reason : new Error(String(reason))),
    );
    return () => {
      current = false;
    };
  }, [api, open, tick]);

  const refresh = (
    <button type="button" className="button button--secondary" onClick={() => setTick((n) => n + 1)}>
      {t('inbox.refresh')}
    </button>
  );

  if (threads && threads.length === 0) {
    return (
      <>
        <ScreenHeader title={t('inbox.title')} actions={refresh} />
        {error ? <ErrorNotice error={error} /> : null}
        <EmptyState icon="inbox" title={t('inbox.empty.title')}>
          {t('inbox.empty.body')}
        </EmptyState>
      </>
    );
  }

  const shown = conversation?.thread?.key === open ? conversation : null;
  return (
    <>
      <ScreenHeader title={t('inbox.title')} actions={refresh} />
      {error ? <ErrorNotice error={error} onRetry={() => setTick((n) => n + 1)} /> : null}
      {needsLook > 0 ? (
        <p className="notice notice--warn inbox-needs-look" role="status">
          {t('keywords.needsLookCount', { count: needsLook })}
        </p>
      ) : null}
      {!threads ? <p className="muted">{t('common.loading')}</p> : null}
      {threads ? (
        <div className="inbox-layout">
          <nav className="threads" aria-label={t('inbox.conversations')}>
            <ul>
              {threads.map((thread) => (
                <li key={thread.key}>
                  <button
                    type="button"
                    className={thread.key === open ? 'thread thread--on' : 'thread'}
                    aria-current={thread.key === open ? 'true' : undefined}
                    onClick={() => setSelected(thread.key)}
                  >
                    <span className="thread__who">{who(thread)}</span>
                    <span className="thread__when">{format.dateTime(thread.lastAt)}</span>
                    <span className="thread__last">{thread.lastBody ?? t('inbox.erased')}</span>
                    {thread.needsLook > 0 || thread.hasStop || thread.optedOut ? (
                      <span className="thread__badge">
                        {thread.needsLook > 0 ? <Badge tone="warn">{t('keywords.needsLook')}</Badge> : null}
                        {thread.hasStop || thread.optedOut ? <Badge tone="danger">{t('inbox.optedOut')}</Badge> : null}
                      </span>
                    ) : null}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <section className="conversation" aria-label={shown?.thread ? who(shown.thread) : t('inbox.conversations')} data-testid="conversation">
            {shown?.thread ? (
              <ConversationView conversation={{ ...shown, thread: shown.thread }} onChanged={() => setTick((n) => n + 1)} />
            ) : (
              <p className="muted">{t('common.loading')}</p>
            )}
          </section>
        </div>
      ) : null}
    </>
  );
}
