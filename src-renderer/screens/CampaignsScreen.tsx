import { useState } from 'react';
import { EmptyState } from '../components/EmptyState';
import { ScreenHeader } from '../components/ScreenHeader';
import { useTranslation } from '../i18n/use-translation';
import { useCampaignsStore } from '../state/campaigns-store';
import { useHasRole } from './auth/auth-store';
import { CampaignCard } from './campaigns/CampaignCard';
import { CampaignMonitor } from './campaigns/CampaignMonitor';
import { NewCampaignDialog } from './campaigns/NewCampaignDialog';

export function CampaignsScreen() {
  const { t } = useTranslation();
  const { campaigns, loaded } = useCampaignsStore();
  const [creating, setCreating] = useState(false);
  const canSend = useHasRole('sender');
  const [openId, setOpenId] = useState<number | null>(null);
  const open = campaigns.find((campaign) => campaign.id === openId);
  if (open) {
    return <CampaignMonitor key={open.id} campaign={open} onBack={() => setOpenId(null)} />;
  }
  const newButton = (
    <button type="button" className="button" onClick={() => setCreating(true)}>
      {t('campaigns.new')}
    </button>
  );
  return (
    <>
      <ScreenHeader title={t('campaigns.title')} actions={campaigns.length > 0 && canSend ? newButton : undefined} />
      {!loaded ? (
        <p className="muted">{t('common.loading')}</p>
      ) : campaigns.length === 0 ? (
        <EmptyState icon="campaigns" title={t('campaigns.empty.title')} actions={canSend ? newButton : undefined}>
          {t('campaigns.empty.body')}
        </EmptyState>
      ) : (
        <div className="campaign-list">
          {campaigns.map((campaign) => (
            <CampaignCard key={campaign.id} campaign={campaign} onOpen={() => setOpenId(campaign.id)} />
          ))}
        </div>
      )}
      {creating ? <NewCampaignDialog onClose={() => setCreating(false)} /> : null}
    </>
  );
}
