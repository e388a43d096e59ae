import { useEffect, useRef, useState } from 'react';
import type { CampaignSummary } from '../../../src-shared/api';
import { saveDownloadedFile } from '../../api/save-download';
import { useApi } from '../../app/api-context';
import { errorToastText } from '../../app/error-text';
import { Badge } from '../../components/Badge';
import { ProgressBar } from '../../components/ProgressBar';
import { useFormat } from '../../i18n/use-format';
import { useTranslation } from '../../i18n/use-translation';
import { useCampaignsStore } from '../../state/campaigns-store';
import { useModemsStore } from '../../state/modems-store';
import { useToastStore } from '../../state/toast-store';
import { BlockedReasons } from './BlockedReasons';
import { CampaignActions } from './CampaignActions';
import { CampaignSendingSummary } from './CampaignSendingSummary';
import { describeRemaining, estimateRemainingMs } from './campaign-eta';
import { campaignProgress } from './campaign-progress';
import { campaignStateTone } from './campaign-state-tone';
import { RecipientsTable } from './RecipientsTable';
import { ThroughputChart } from './ThroughputChart';
import { useModemThroughput } from './use-modem-throughput';

const countTiles = ['queued', 'sending', 'sent', 'delivered', 'failed', 'unknown', 'skipped'] as const;

/** One campaign, live: progress, ETA, counts, modems' throughput, every recipient, and the results as CSV. */
export function CampaignMonitor({ campaign, onBack }: { campaign: CampaignSummary; onBack: () => void }) {
  const api = useApi();
  const { t, language } = useTranslation();
  const format = useFormat();
  const showToast = useToastStore((state) => state.show);
  const history = useCampaignsStore((state) => state.progressHistory[campaign.id]);
  const modems = useModemsStore((state) => state.modems);
  const { samples, now } = useModemThroughput();
  const [exporting, setExporting] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const { done, total } = campaignProgress(campaign.counts);
  const percent = total > 0 ? Math.floor((done / total) * 100) : 0;

  // Keyboard and screen-reader users land on the campaign's name, as after a page change.
  useEffect(() => heading.current?.focus(), []);

  useEffect(() => {
    const goBack = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !document.querySelector('[role="dialog"]')) onBack();
    };
    window.addEventListener('keydown', goBack);
    return () => window.removeEventListener('keydown', goBack);
  }, [onBack]);

  const eta = (() => {
    if (campaign.state === 'completed') return t('monitor.eta.done');
    if (campaign.state === 'cancelled') return t('monitor.eta.cancelled');
    if (campaign.state === 'paused') return t('monitor.eta.paused');
    if (campaign.state === 'draft') return t('monitor.eta.draft');
    if (campaign.state === 'scheduled') return campaign.startAt ? t('monitor.eta.scheduled', { at: format.dateTime(campaign.startAt) }) : t('monitor.eta.draft');
    const remaining = estimateRemainingMs(history ?? [], total - done, now);
    if (remaining === null) return t('monitor.eta.calculating');
    const described = describeRemaining(remaining);
    if (described.key === 'monitor.eta.lessThanMinute') return t(described.key);
    if (described.key === 'monitor.eta.minutes') return described.minutes === 1 ? t('monitor.eta.oneMinute') : t(described.key, { count: described.minutes });
    return t(described.key, { hours: described.hours, minutes: described.minutes });
  })();

  const exportResults = async () => {
    setExporting(true);
    try {
      // German Excel splits cells at ';', English Excel at ','.
      const exported = await api.call('campaigns.export', { campaignId: campaign.id, delimiter: language === 'de' ? ';' : ',', language });
      saveDownloadedFile(await api.download(exported.downloadId));
      showToast({ tone: 'ok', message: t('monitor.exported', { count: format.number(exported.rows), name: exported.name }) });
    } catch (error) {
      showToast({ tone: 'error', message: errorToastText(error, language) });
    } finally {
      setExporting(false);
    }
  };

  return (
    <div className="campaign-monitor" data-testid="campaign-monitor" data-state={campaign.state}>
      <button type="button" className="back-link" onClick={onBack}>
        ← {t('monitor.back')}
      </button>
      <header className="campaign-monitor__header">
        <div className="campaign-monitor__title">
          <h1 ref={heading} tabIndex={-1}>
            {campaign.name}
          </h1>
          <Badge tone={campaignStateTone[campaign.state]}>{t(`campaigns.state.${campaign.state}`)}</Badge>
        </div>
        <div className="campaign-monitor__actions">
          <CampaignActions campaign={campaign} size="normal" />
          <button type="button" className="button" onClick={() => void exportResults()} disabled={exporting}>
            {exporting ? t('monitor.exporting') : t('monitor.export')}
          </button>
        </div>
      </header>

      <div className="campaign-monitor__top">
        <section className="monitor-panel progress-panel" aria-labelledby="progress-title">
          <div className="progress-panel__headline">
            <h2 id="progress-title" className="progress-panel__percent" data-testid="monitor-percent">
              {t('monitor.percent', { percent })}
            </h2>
            <p className="progress-panel__eta" data-testid="monitor-eta" aria-live="polite">
              {eta}
            </p>
          </div>
          <div className="progress-panel__bar">
            <ProgressBar value={done} max={total} label={t('campaigns.progressLabel', { name: campaign.name })} />
          </div>
          <p className="muted" data-testid="monitor-progress-text">
            {t('campaigns.progress', { done: format.number(done), total: format.number(total) })}
            {campaign.startedAt ? ` · ${t('monitor.startedAt', { at: format.dateTime(campaign.startedAt) })}` : ''}
          </p>
          <CampaignSendingSummary campaign={campaign} className="campaign-sending--monitor" />
          <ul className="count-tiles">
            {countTiles.map((state) => (
              <li key={state} className={`count-tile count-tile--${state}`} data-testid={`monitor-count-${state}`}>
                <strong>{format.number(campaign.counts[state] ?? 0)}</strong>
                <span>{t(`monitor.state.${state}`)}</span>
              </li>
            ))}
          </ul>
        </section>
        <ThroughputChart modems={modems} samples={samples} now={now} />
      </div>

      <BlockedReasons campaign={campaign} />


      <RecipientsTable campaign={campaign} />
      <details className="campaign-monitor__template">
        <summary>{t('monitor.template')}</summary>
        <p>{campaign.template}</p>
      </details>
    </div>
  );
}
