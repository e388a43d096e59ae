import { useState } from 'react';
import type { CampaignSummary } from '../../../src-shared/api';
import { useApi } from '../../app/api-context';
import { Badge } from '../../components/Badge';
import { ConfirmDialog } from '../../components/Dialog';
import { ProgressBar } from '../../components/ProgressBar';
import type { MessageKey } from '../../i18n/en';
import { useTranslation } from '../../i18n/use-translation';
import { useCampaignsStore } from '../../state/campaigns-store';
import { useToastStore } from '../../state/toast-store';
import { campaignProgress } from './campaign-progress';

const stateTone = {
  draft: 'neutral',
  scheduled: 'accent',
  running: 'accent',
  paused: 'warn',
  completed: 'ok',
  cancelled: 'neutral',
} as const;

const shownCounts = ['queued', 'sent', 'delivered', 'failed', 'unknown', 'skipped'] as const;

export function CampaignCard({ campaign }: { campaign: CampaignSummary }) {
  const api = useApi();
  const { t, language } = useTranslation();
  const showToast = useToastStore((state) => state.show);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<'cancel' | 'resend' | null>(null);
  const { done, total } = campaignProgress(campaign.counts);

  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
      useCampaignsStore.getState().upsert(await api.call('campaigns.get', { campaignId: campaign.id }));
    } catch (error) {
      showToast({ message: error instanceof Error ? error.message : String(error), tone: 'error' });
    } finally {
      setBusy(false);
    }
  };
  const campaignId = campaign.id;
  const button = (label: MessageKey, run: () => Promise<unknown>, secondary = true) => (
    <button type="button" className={secondary ? 'button button--secondary button--small' : 'button button--small'} disabled={busy} onClick={() => void act(run)}>
      {t(label)}
    </button>
  );
  const unknown = campaign.counts.unknown ?? 0;

  return (
    <article className="campaign-card" aria-label={campaign.name} data-testid="campaign-card" data-state={campaign.state}>
      <header className="campaign-card__header">
        <div>
          <h2>{campaign.name}</h2>
          <p className="muted">{new Date(campaign.createdAt).toLocaleString(language)}</p>
        </div>
        <Badge tone={stateTone[campaign.state]}>{t(`campaigns.state.${campaign.state}`)}</Badge>
      </header>
      <p className="campaign-card__template">{campaign.template}</p>
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
        {campaign.state === 'draft' ? button('campaigns.start', () => api.call('campaigns.start', { campaignId }), false) : null}
        {campaign.state === 'running' ? button('campaigns.pause', () => api.call('campaigns.pause', { campaignId })) : null}
        {campaign.state === 'paused' ? button('campaigns.resume', () => api.call('campaigns.resume', { campaignId }), false) : null}
        {['draft', 'scheduled', 'running', 'paused'].includes(campaign.state) ? (
          <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => setConfirming('cancel')}>
            {t('campaigns.cancel')}
          </button>
        ) : null}
        {unknown > 0 && ['completed', 'paused', 'running'].includes(campaign.state) ? (
          <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => setConfirming('resend')}>
            {t('campaigns.resendUnknown')}
          </button>
        ) : null}
      </footer>
      {confirming === 'cancel' ? (
        <ConfirmDialog
          title={t('campaigns.cancelTitle', { name: campaign.name })}
          confirmLabel={t('campaigns.cancelConfirm')}
          danger
          busy={busy}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            setConfirming(null);
            void act(() => api.call('campaigns.cancel', { campaignId }));
          }}
        >
          <p>{t('campaigns.cancelBody', { queued: campaign.counts.queued ?? 0 })}</p>
        </ConfirmDialog>
      ) : null}
      {confirming === 'resend' ? (
        <ConfirmDialog
          title={t('campaigns.resendTitle')}
          confirmLabel={t('campaigns.resendConfirm', { count: unknown })}
          busy={busy}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            setConfirming(null);
            void act(() => api.call('campaigns.resendUnknown', { campaignId }));
          }}
        >
          <p>{t('campaigns.resendBody', { count: unknown })}</p>
        </ConfirmDialog>
      ) : null}
    </article>
  );
}
