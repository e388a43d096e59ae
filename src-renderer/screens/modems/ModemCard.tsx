import type { ModemSummary } from '../../../src-shared/api';
import { Badge } from '../../components/Badge';
import { useTranslation } from '../../i18n/use-translation';
import { describeModemState } from './modem-state';
import { SignalBars } from './SignalBars';

export function ModemCard({ modem, onShowLog }: { modem: ModemSummary; onShowLog: () => void }) {
  const { t } = useTranslation();
  const state = describeModemState(modem);
  const title = [modem.manufacturer, modem.model].filter(Boolean).join(' ') || modem.label;
  return (
    <article className="modem-card" aria-label={title} data-testid="modem-card" data-state={modem.state}>
      <header className="modem-card__header">
        <div className="modem-card__title">
          <h2>{title}</h2>
          <p className="muted mono">{modem.path}</p>
        </div>
        <div className="modem-card__badges">
          {modem.demo ? <Badge tone="accent">{t('modems.demoBadge')}</Badge> : null}
          <Badge tone={state.tone}>{t(state.key)}</Badge>
        </div>
      </header>
      <dl className="modem-card__facts">
        <dt>{t('modems.network')}</dt>
        <dd className="modem-card__network">
          <SignalBars
            bars={modem.signalBars}
            label={modem.signalBars === null ? t('modems.signalUnknown') : t('modems.signalBars', { bars: modem.signalBars })}
          />
          <span>{modem.operator ?? t('modems.noOperator')}</span>
        </dd>
        <dt>{t('modems.sent')}</dt>
        <dd data-testid="modem-parts-sent">{t('modems.partsSent', { count: modem.partsSent })}</dd>
        <dt>IMEI</dt>
        <dd className="mono">{modem.imei ?? '—'}</dd>
      </dl>
      {modem.problem ? (
        <p className="modem-card__problem" role="status">
          {modem.problem}
        </p>
      ) : null}
      <footer className="modem-card__footer">
        <button type="button" className="button button--secondary button--small" onClick={onShowLog}>
          {t('modems.showLog')}
        </button>
      </footer>
    </article>
  );
}
