import { useEffect, useState } from 'react';
import type { ApiResult, CampaignSummary } from '../../../src-shared/api';
import { useApi } from '../../app/api-context';
import { useFormat } from '../../i18n/use-format';
import { useTranslation } from '../../i18n/use-translation';
import { translateBlockedReason } from './blocked-reason';

type Blocked = ApiResult<'campaigns.blocked'>['blocked'];

/** Skipped and waiting messages of a campaign, counted per reason; asked again when its counts move. */
export function BlockedReasons({ campaign }: { campaign: CampaignSummary }) {
  const api = useApi();
  const { t } = useTranslation();
  const format = useFormat();
  const [blocked, setBlocked] = useState<Blocked | null>(null);
  // Skipped and queued counts are what change the answer; a new sent message does not.
  const key = `${campaign.id}:${campaign.counts.skipped ?? 0}:${campaign.counts.queued ?? 0}:${campaign.state}`;

  useEffect(() => {
    let current = true;
    api
      .call('campaigns.blocked', { campaignId: campaign.id })
      .then((result) => current && setBlocked(result.blocked))
      .catch(() => current && setBlocked(null));
    return () => {
      current = false;
    };
    // `key` stands for the counts that matter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key]);

  const groups = [
    { state: 'skipped' as const, title: t('consent.blocked.skipped') },
    { state: 'queued' as const, title: t('consent.blocked.waiting') },
  ].map((group) => ({ ...group, rows: (blocked ?? []).filter((row) => row.state === group.state) }));

  return (
    <section className="monitor-panel blocked-panel" aria-labelledby="blocked-title" data-testid="monitor-blocked">
      <h2 id="blocked-title">{t('consent.blocked.title')}</h2>
      <p className="muted small">{t('consent.blocked.help')}</p>
      {blocked !== null && blocked.length === 0 ? <p className="muted">{t('consent.blocked.none')}</p> : null}
      <div className="blocked-panel__groups">
        {groups.map((group) =>
          group.rows.length === 0 ? null : (
            <div key={group.state} className={`blocked-group blocked-group--${group.state}`}>
              <h3>{group.title}</h3>
              <ul>
                {group.rows.map((row) => (
                  <li key={row.reason} data-testid="blocked-reason" data-reason={row.reason}>
                    <span>{translateBlockedReason(row.reason, t)}</span>
                    <strong>{format.number(row.count)}</strong>
                  </li>
                ))}
              </ul>
            </div>
          ),
        )}
      </div>
    </section>
  );
}
