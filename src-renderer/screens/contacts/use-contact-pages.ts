import { useCallback, useEffect, useRef, useState } from 'react';
import type { ContactRow } from '../../../src-shared/api/methods/contacts';
import { useApi } from '../../app/api-context';

export const CONTACT_PAGE_SIZE = 100;
/** Pages kept in memory; far-away pages are dropped and fetched again when scrolled back to. */
const MAX_CACHED_PAGES = 40;

export interface ContactFilter {
  listId?: number;
  text?: string;
}

interface PageCache {
  key: string;
  pages: ReadonlyMap<number, ContactRow[]>;
}

/**
 * Contacts for the virtual table, fetched from the service one page at a time as rows come into
 * view: the window never holds more than a few thousand of a million contacts.
 */
export function useContactPages(filter: ContactFilter, refreshToken: number) {
  const api = useApi();
  const key = JSON.stringify([filter.listId ?? null, filter.text?.trim() ?? '', refreshToken]);
  const [cache, setCache] = useState<PageCache>({ key, pages: new Map() });
  const [counted, setCounted] = useState<{ key: string; total: number } | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const requested = useRef(new Map<string, Set<number>>());
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pages = cache.key === key ? cache.pages : new Map<number, ContactRow[]>();
  const total = counted?.key === key ? counted.total : null;

  useEffect(() => {
    let current = true;
    const [listId, text] = JSON.parse(key) as [number | null, string];
    api.call('contacts.count', { ...(listId !== null ? { listId } : {}), ...(text ? { text } : {}) }).then(
      (result) => current && setCounted({ key, total: result.total }),
      (reason: unknown) => current && setError(reason instanceof Error ? reason : new Error(String(reason))),
    );
    return () => {
      current = false;
    };
  }, [api, key]);

  const fetchPage = useCallback(
    async (page: number) => {
      const asked = requested.current.get(key) ?? new Set<number>();
      requested.current = new Map([[key, asked]]);
      if (asked.has(page)) return;
      asked.add(page);
      const [listId, text] = JSON.parse(key) as [number | null, string];
      try {
        const result = await api.call('contacts.search', {
          ...(listId !== null ? { listId } : {}),
          ...(text ? { text } : {}),
          offset: page * CONTACT_PAGE_SIZE,
          limit: CONTACT_PAGE_SIZE,
        });
        setCache((previous) => {
          const base = previous.key === key ? new Map(previous.pages) : new Map<number, ContactRow[]>();
          base.set(page, result.contacts);
          if (base.size > MAX_CACHED_PAGES) {
            const farthest = [...base.keys()].sort((a, b) => Math.abs(b - page) - Math.abs(a - page)).slice(0, base.size - MAX_CACHED_PAGES);
            for (const drop of farthest) {
              base.delete(drop);
              asked.delete(drop);
            }
          }
          return { key, pages: base };
        });
      } catch (reason) {
        asked.delete(page);
        setError(reason instanceof Error ? reason : new Error(String(reason)));
      }
    },
    [api, key],
  );

  /** Called with the rows in view; waits for scrolling to settle a moment before fetching. */
  const requestRange = useCallback(
    (first: number, last: number) => {
      if (pending.current) clearTimeout(pending.current);
      pending.current = setTimeout(() => {
        const firstPage = Math.floor(first / CONTACT_PAGE_SIZE);
        const lastPage = Math.floor(Math.max(first, last - 1) / CONTACT_PAGE_SIZE);
        for (let page = firstPage; page <= lastPage; page++) void fetchPage(page);
      }, 60);
    },
    [fetchPage],
  );

  useEffect(() => () => {
    if (pending.current) clearTimeout(pending.current);
  }, []);

  const rowAt = (index: number): ContactRow | null => pages.get(Math.floor(index / CONTACT_PAGE_SIZE))?.[index % CONTACT_PAGE_SIZE] ?? null;

  return { total, rowAt, requestRange, error, clearError: () => setError(null) };
}
