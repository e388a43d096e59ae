import { useCallback, useEffect, useState } from 'react';
import type { ApiArgs, ApiResult } from '../../../src-shared/api';
import { useApi } from '../../app/api-context';

export type AuditEntryRow = ApiResult<'audit.list'>['entries'][number];
export type AuditFilter = Omit<ApiArgs<'audit.list'>, 'beforeSeq' | 'limit'>;

const PAGE = 50;

/**
 * The log newest first, one page at a time from the service (which pages in SQLite by entry
 * number, so older pages cost the same as the first). A new filter starts again from the newest.
 */
export function useAuditPages(filter: AuditFilter, refreshToken: number) {
  const api = useApi();
  const [entries, setEntries] = useState<AuditEntryRow[] | null>(null);
  const [nextBeforeSeq, setNextBeforeSeq] = useState<number | null>(null);
  const [actors, setActors] = useState<string[]>([]);
  const [actions, setActions] = useState<string[]>([]);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const filterKey = JSON.stringify(filter);

  useEffect(() => {
    let current = true;
    api.call('audit.list', { ...(JSON.parse(filterKey) as AuditFilter), limit: PAGE }).then(
      (page) => {
        if (!current) return;
        setEntries(page.entries);
        setNextBeforeSeq(page.nextBeforeSeq);
        setActors(page.actors);
        setActions(page.actions);
        setError(null);
      },
      (reason: unknown) => current && setError(reason instanceof Error ? reason : new Error(String(reason))),
    );
    return () => {
      current = false;
    };
  }, [api, filterKey, refreshToken]);

  const loadOlder = useCallback(async () => {
    if (nextBeforeSeq === null) return;
    setLoadingMore(true);
    try {
      const page = await api.call('audit.list', { ...(JSON.parse(filterKey) as AuditFilter), beforeSeq: nextBeforeSeq, limit: PAGE });
      setEntries((shown) => [...(shown ?? []), ...page.entries]);
      setNextBeforeSeq(page.nextBeforeSeq);
    } catch (reason) {
      setError(reason instanceof Error ? reason : new Error(String(reason)));
    } finally {
      setLoadingMore(false);
    }
  }, [api, filterKey, nextBeforeSeq]);

  return { entries, hasOlder: nextBeforeSeq !== null, loadOlder, loadingMore, actors, actions, error, clearError: () => setError(null) };
}
