import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { CampaignMessage } from '../../../src-shared/api/methods/campaigns';
import type { messageStates } from '../../../src-shared/api';
import { useApi } from '../../app/api-context';

export const MESSAGE_PAGE_SIZE = 100;
/** While messages change, the rows in view are fetched again at most this often. */
const LIVE_REFRESH_MS = 1_000;
const LARGE_CAMPAIGN = 100_000;
const LARGE_REFRESH_MS = 5_000;

type MessageState = (typeof messageStates)[number];

interface Pages {
  key: string;
  pages: ReadonlyMap<number, CampaignMessage[]>;
  total: number | null;
}

/**
 * A campaign's recipients for the monitor's virtual table: fetched from the service a page at a
 * time as rows come into view, and the rows in view fetched again (once a second at most) while
 * message.status events for this campaign arrive.
 */
export function useCampaignMessages(campaignId: number, states: readonly MessageState[], search: string) {
  const api = useApi();
  const key = JSON.stringify([campaignId, states, search]);
  const [data, setData] = useState<Pages>({ key, pages: new Map(), total: null });
  const [error, setError] = useState<Error | null>(null);
  const keyRef = useRef(key);
  useLayoutEffect(() => {
    keyRef.current = key;
  }, [key]);
  const inView = useRef({ first: 0, last: 0 });
  const asked = useRef(new Set<number>());
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const current = data.key === key ? data : { key, pages: new Map<number, CampaignMessage[]>(), total: null };
  const totalRef = useRef<number | null>(null);
  useLayoutEffect(() => {
    totalRef.current = current.total;
  }, [current.total]);

  const fetchPage = useCallback(
    async (page: number, again = false) => {
      if (!again && asked.current.has(page)) return;
      asked.current.add(page);
      const requestKey = key;
      try {
        const result = await api.call('campaigns.messages', {
          campaignId,
          states: [...states],
          search,
          offset: page * MESSAGE_PAGE_SIZE,
          limit: MESSAGE_PAGE_SIZE,
        });
        if (keyRef.current !== requestKey) return;
        setData((previous) => {
          const pages = new Map(previous.key === requestKey ? previous.pages : []);
          pages.set(page, result.messages);
          return { key: requestKey, pages, total: result.total };
        });
      } catch (reason) {
        asked.current.delete(page);
        if (keyRef.current === requestKey) setError(reason instanceof Error ? reason : new Error(String(reason)));
      }
    },
    // states is compared through key: a new array with the same states is the same query.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key],
  );

  const pagesInView = () => {
    const { first, last } = inView.current;
    const firstPage = Math.floor(first / MESSAGE_PAGE_SIZE);
    const lastPage = Math.floor(Math.max(first, last - 1) / MESSAGE_PAGE_SIZE);
    const pages: number[] = [];
    for (let page = firstPage; page <= lastPage; page++) pages.push(page);
    return pages;
  };

  // A new query starts from its first page (which also brings its total).
  useEffect(() => {
    asked.current = new Set();
    const timer = setTimeout(() => void fetchPage(0), 0);
    return () => clearTimeout(timer);
  }, [fetchPage]);

  const requestRange = useCallback(
    (first: number, last: number) => {
      inView.current = { first, last };
      if (pending.current) clearTimeout(pending.current);
      pending.current = setTimeout(() => {
        for (const page of pagesInView()) void fetchPage(page);
      }, 60);
    },
    [fetchPage],
  );

  useEffect(() => {
    let changed = false;
    const unsubscribe = api.onEvent((event) => {
      if (event.name === 'message.status' && event.payload.changes.some((change) => change.campaignId === campaignId)) changed = true;
      if (event.name === 'campaign.state' && event.payload.campaignId === campaignId) changed = true;
    });
    let lastRefresh = 0;
    const timer = setInterval(() => {
      // A big campaign's pages cost the service more to read (and count): refresh them less often.
      const spacing = (totalRef.current ?? 0) > LARGE_CAMPAIGN ? LARGE_REFRESH_MS : LIVE_REFRESH_MS;
      if (!changed || Date.now() - lastRefresh < spacing) return;
      changed = false;
      lastRefresh = Date.now();
      // Pages out of view are stale now: forget them, they are fetched again when scrolled to.
      const visible = new Set(pagesInView());
      asked.current = new Set([...asked.current].filter((page) => visible.has(page)));
      setData((previous) => ({ ...previous, pages: new Map([...previous.pages].filter(([page]) => visible.has(page))) }));
      for (const page of visible) void fetchPage(page, true);
    }, LIVE_REFRESH_MS);
    return () => {
      unsubscribe();
      clearInterval(timer);
      if (pending.current) clearTimeout(pending.current);
    };
  }, [api, campaignId, fetchPage]);

  const rowAt = (index: number): CampaignMessage | null => current.pages.get(Math.floor(index / MESSAGE_PAGE_SIZE))?.[index % MESSAGE_PAGE_SIZE] ?? null;
  return { total: current.total, rowAt, requestRange, error, clearError: () => setError(null) };
}
