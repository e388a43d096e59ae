import type { CampaignSummary, ModemSummary } from '../../../src-shared/api';
import { useTranslation, type Translate } from '../../i18n/use-translation';
import { useModemsStore } from '../../state/modems-store';
import { limitWindows } from './campaign-sims';

const windowTexts = { perMinute: 'campaignSummary.perMinute', perHour: 'campaignSummary.perHour', perDay: 'campaignSummary.perDay' } as const;

/** "Modems: Modem 2 · at most 5/min per SIM", or "All healthy modems · each SIM's own limits". */
export function campaignSendingText(campaign: Pick<CampaignSummary, 'simIds' | 'limits'>, modems: readonly ModemSummary[], t: Translate): { sims: string; limits: string } {
  const names = campaign.simIds.map((id) => modems.find((modem) => modem.simId === id)?.label ?? t('campaignSummary.unknownSim', { id }));
  const sims = names.length === 0 ? t('campaignSummary.allSims') : t('campaignSummary.sims', { names: names.join(', ') });
  const limits = campaign.limits;
  const parts = limits ? limitWindows.flatMap((window) => (limits[window] === null ? [] : [t(windowTexts[window], { count: limits[window] })])) : [];
  return { sims, limits: parts.length === 0 ? t('campaignSummary.ownLimits') : t('campaignSummary.limits', { limits: parts.join(', ') }) };
}

/** Which SIMs a campaign sends through and at what limits, as chosen when it was created. */
export function CampaignSendingSummary({ campaign, className }: { campaign: CampaignSummary; className?: string }) {
  const { t } = useTranslation();
  const modems = useModemsStore((state) => state.modems);
  const text = campaignSendingText(campaign, modems, t);
  return (
    <p className={className ? `campaign-sending ${className}` : 'campaign-sending'} data-testid="campaign-sending">
      <span className="visually-hidden">{t('campaignSummary.label')}: </span>
      <span className="campaign-sending__sims">{text.sims}</span>
      <span aria-hidden="true"> · </span>
      <span className="campaign-sending__limits">{text.limits}</span>
    </p>
  );
}
