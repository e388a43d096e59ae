import type { MouseEvent } from 'react';
import type { CampaignSummary } from '../../../src-shared/api';
import { Badge } from '../../components/Badge';
import { ProgressBar } from '../../components/ProgressBar';
import { useTranslation } from '../../i18n/use-translation';
import { CampaignActions } from './CampaignActions';
import { CampaignSendingSummary } from './CampaignSendingSummary';
import { campaignProgress } from './campaign-progress';
import { campaignStateTone } from './campaign-state-tone';

const shownCounts = ['queued', 'sent', 'delivered', 'failed', 'unknown', 'skipped'] as const;

export function CampaignCard({ campaign, onOpen }: { campaign: CampaignSummary; onOpen: () => void }) {
  const { t, language } = useTranslation();
  const { done, total } = campaignProgress(campaign.counts);
  // A click anywhere on the card opens its monitor, except on its buttons (and the dialogs they open).
  const openFromCard = (event: MouseEvent<HTMLElement>) => {
    if (event.target instanceof Element && event.target.closest('button, a, input, [role="dialog"]')) return;
    if (!event.currentTarget.contains(event.target as Node)) return;
    onOpen();
  };

  return (
    <article className="campaign-card campaign-card--openable" aria-label={campaign.name} data-testid="campaign-card" data-state={campaign.state} onClick={openFromCard}>
      <header className="campaign-card__header">
        <div>
          <h2>
            <button type="button" className="campaign-card__open" onClick={onOpen} title={t('monitor.open')}>
              {campaign.name}
            </button>
          </h2>
          {campaign.state === 'scheduled' && campaign.startAt ? (
            <p className="campaign-card__starts" data-testid="campaign-starts-at">
              {t('campaigns.startsAt', { at: new Date(campaign.startAt).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' }) })}
            </p>
          ) : (
            <p className="muted">{new Date(campaign.createdAt).toLocaleString(language)}</p>
          )}
        </div>
        <div className="campaign-card__badges">
          <Badge tone={campaign.purpose === 'marketing' ? 'accent' : 'neutral'}>{t(`campaigns.purposeBadge.${campaign.purpose}`)}</Badge>
          <Badge tone={campaignStateTone[campaign.state]}>{t(`campaigns.state.${campaign.state}`)}</Badge>
        </div>
      </header>
      <p className="campaign-card__template">{campaign.template}</p>
      <CampaignSendingSummary campaign={campaign} />
      <div className="campaign-card__progress">
        <ProgressBar value={done} max={total} label={t('campaigns.progressLabel', { name: campaign.name })} />
        <span data-testid="campaign-progress-text">{t('campaigns.progress', { done, total })}</span>
      </div>
      <ul className="campaign-card__counts">
        {shownCounts.map((state) => (
          <li key={state} data-testid={`count-${state}`} className={`count count--${state}`}>
            <strong>{campaign.counts[state] ?? 0}</strong> {t(`campaigns.count.${state}`)}
          </li>
        ))}
      </ul>
      <footer className="campaign-card__actions">
        <CampaignActions campaign={campaign} />
        <button type="button" className="button button--secondary button--small campaign-card__details" onClick={onOpen}>
          {t('monitor.open')} →
        </button>
      </footer>
    </article>
  );
}
