import { useCallback, useEffect, useRef, useState } from 'react';
import type { ContactRow } from '../../../src-shared/api/methods/contacts';
import { useApi } from '../../app/api-context';

export const CONTACT_PAGE_SIZE = 100;
/** Pages kept in memory; far-away pages are dropped and fetched again when scrolled back to. */
const MAX_CACHED_PAGES = 40;

export interface ContactFilter {
  listId?: number;
  text?: string;
  /** Only people on the opt-out list. */
  optedOutOnly?: boolean;
}

type FilterKey = [listId: number | null, text: string, optedOutOnly: boolean, refreshToken: number];

function filterArgs([listId, text, optedOutOnly]: FilterKey) {
  return { ...(listId !== null ? { listId } : {}), ...(text ? { text } : {}), ...(optedOutOnly ? { optedOut: true } : {}) };
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
  const key = JSON.stringify([filter.listId ?? null, filter.text?.trim() ?? '', filter.optedOutOnly ?? false, refreshToken] satisfies FilterKey);
  const [cache, setCache] = useState<PageCache>({ key, pages: new Map() });
  const [counted, setCounted] = useState<{ key: string; total: number } | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const requested = useRef(new Map<string, Set<number>>());
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pages = cache.key === key ? cache.pages : new Map<number, ContactRow[]>();
  const total = counted?.key === key ? counted.total : null;

  useEffect(() => {
    let current = true;
    api.call('contacts.count', filterArgs(JSON.parse(key) as FilterKey)).then(
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
      try {
        const result = await api.call('contacts.search', {
          ...filterArgs(JSON.parse(key) as FilterKey),
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
