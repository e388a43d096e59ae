import { useState } from 'react';
import type { CampaignSummary } from '../../../src-shared/api';
import { useApi } from '../../app/api-context';
import { ConfirmDialog } from '../../components/Dialog';
import type { MessageKey } from '../../i18n/en';
import { useTranslation } from '../../i18n/use-translation';
import { useCampaignsStore } from '../../state/campaigns-store';
import { useToastStore } from '../../state/toast-store';
import { errorToastText } from '../../app/error-text';
import { useHasRole } from '../auth/auth-store';

/** Start, pause, resume, cancel and "send unknown again", as the campaign's state allows; shared by the card and the monitor. */
export function CampaignActions({ campaign, size = 'small' }: { campaign: CampaignSummary; size?: 'small' | 'normal' }) {
  const api = useApi();
  const { t, language } = useTranslation();
  const showToast = useToastStore((state) => state.show);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<'cancel' | 'resend' | null>(null);
  // A Viewer sees no actions (the service refuses them anyway).
  const canSend = useHasRole('sender');
  const campaignId = campaign.id;
  const sized = size === 'small' ? ' button--small' : '';

  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
      useCampaignsStore.getState().upsert(await api.call('campaigns.get', { campaignId }));
    } catch (error) {
      showToast({ message: errorToastText(error, language), tone: 'error' });
    } finally {
      setBusy(false);
    }
  };
  const button = (label: MessageKey, run: () => Promise<unknown>, secondary = true) => (
    <button type="button" className={`button${secondary ? ' button--secondary' : ''}${sized}`} disabled={busy} onClick={() => void act(run)}>
      {t(label)}
    </button>
  );
  const unknown = campaign.counts.unknown ?? 0;
  if (!canSend) return null;

  return (
    <>
      {campaign.state === 'draft' ? button('campaigns.start', () => api.call('campaigns.start', { campaignId }), false) : null}
      {campaign.state === 'scheduled' ? button('campaigns.startNow', () => api.call('campaigns.start', { campaignId }), false) : null}
      {campaign.state === 'running' ? button('campaigns.pause', () => api.call('campaigns.pause', { campaignId })) : null}
      {campaign.state === 'paused' ? button('campaigns.resume', () => api.call('campaigns.resume', { campaignId }), false) : null}
      {['draft', 'scheduled', 'running', 'paused'].includes(campaign.state) ? (
        <button type="button" className={`button button--secondary${sized}`} disabled={busy} onClick={() => setConfirming('cancel')}>
          {t('campaigns.cancel')}
        </button>
      ) : null}
      {unknown > 0 && ['completed', 'paused', 'running'].includes(campaign.state) ? (
        <button type="button" className={`button button--secondary${sized}`} disabled={busy} onClick={() => setConfirming('resend')}>
          {t('campaigns.resendUnknown')}
        </button>
      ) : null}
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
    </>
  );
}
