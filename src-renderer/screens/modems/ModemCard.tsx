import { useState } from 'react';
import type { ModemSummary } from '../../../src-shared/api';
import { Badge } from '../../components/Badge';
import { useFormat } from '../../i18n/use-format';
import { useTranslation, type Translate } from '../../i18n/use-translation';
import { useHasRole } from '../auth/auth-store';
import { BalanceCheck } from './BalanceCheck';
import { describeModemState } from './modem-state';
import { SignalBars } from './SignalBars';
import { SimLimitsForm } from './SimLimitsForm';

function pinRefusedText(t: Translate, triesLeft: number): string {
  if (triesLeft === 0) return t('modems.pinRefusedLocked');
  return triesLeft === 1 ? t('modems.pinRefusedOne') : t('modems.pinRefused', { count: triesLeft });
}

export function ModemCard({
  modem,
  smsPerMinute,
  onShowLog,
  onEnterPin,
}: {
  modem: ModemSummary;
  /** Over the last minute; null until there is enough history to say. */
  smsPerMinute: number | null;
  onShowLog: () => void;
  onEnterPin: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [editingLimits, setEditingLimits] = useState(false);
  const canOperate = useHasRole('sender');
  const canReadLog = useHasRole('admin');
  const state = describeModemState(modem);
  const title = [modem.manufacturer, modem.model].filter(Boolean).join(' ') || modem.label;
  const limitText = (limit: number | null) => (limit === null ? t('modems.noLimit') : format.number(limit));
  const needsPin = modem.state === 'pin-required';
  const simLocked = needsPin || modem.state === 'puk-required';
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
      {needsPin || modem.pinRefused ? (
        <div className="modem-card__pin">
          {modem.pinRefused ? (
            <p className="modem-card__problem" role="status" data-testid="pin-refused">
              {pinRefusedText(t, modem.pinRefused.triesLeft)}
            </p>
          ) : null}
          {needsPin && canOperate ? (
            <button type="button" className="button" onClick={onEnterPin}>
              {t('modems.enterPin')}
            </button>
          ) : null}
        </div>
      ) : null}
      <dl className="modem-card__facts">
        <dt>{t('modems.network')}</dt>
        <dd className="modem-card__network" data-testid="modem-network">
          {simLocked ? (
            // A locked SIM has not registered, so bars would suggest a reception problem that is not there.
            <span className="muted">{t('modems.simLockedNoNetwork')}</span>
          ) : (
            <>
              <SignalBars
                bars={modem.signalBars}
                label={modem.signalBars === null ? t('modems.signalUnknown') : t('modems.signalBars', { bars: modem.signalBars })}
              />
              <span>{modem.operator ?? t('modems.noOperator')}</span>
            </>
          )}
        </dd>
        <dt>{t('modems.today')}</dt>
        <dd data-testid="modem-sent-today">
          {modem.limits.perDay === null
            ? t('modems.sentTodayNoLimit', { count: format.number(modem.sentToday) })
            : t('modems.sentTodayOf', { count: format.number(modem.sentToday), limit: format.number(modem.limits.perDay) })}
          {modem.limits.perDay !== null ? (
            <progress className="modem-card__quota" max={modem.limits.perDay} value={Math.min(modem.sentToday, modem.limits.perDay)} aria-hidden="true" />
          ) : null}
        </dd>
        <dt>{t('modems.rate')}</dt>
        <dd data-testid="modem-rate">
          {smsPerMinute === null ? t('modems.rateMeasuring') : t('modems.ratePerMinute', { rate: format.number(Math.round(smsPerMinute)) })}
        </dd>
        <dt>{t('modems.sent')}</dt>
        <dd data-testid="modem-parts-sent">{t('modems.partsSent', { count: modem.partsSent })}</dd>
        <dt>{t('modems.limits')}</dt>
        <dd data-testid="modem-limits">
          {t('modems.limitsSummary', { minute: limitText(modem.limits.perMinute), hour: limitText(modem.limits.perHour), day: limitText(modem.limits.perDay) })}
        </dd>
        <dt>{t('modems.balance')}</dt>
        <dd>
          <BalanceCheck modem={modem} allowed={canOperate} />
        </dd>
        <dt>IMEI</dt>
        <dd className="mono">{modem.imei ?? '—'}</dd>
      </dl>
      {editingLimits && canOperate ? <SimLimitsForm modem={modem} onDone={() => setEditingLimits(false)} /> : null}
      {modem.problem && !needsPin ? (
        <p className="modem-card__problem" role="status">
          {modem.problem}
        </p>
      ) : null}
      {canOperate || canReadLog ? (
        <footer className="modem-card__footer">
          {editingLimits || !canOperate ? null : (
            <button type="button" className="button button--secondary button--small" onClick={() => setEditingLimits(true)}>
              {t('modems.editLimits')}
            </button>
          )}
          {canReadLog ? (
            <button type="button" className="button button--secondary button--small" onClick={onShowLog}>
              {t('modems.showLog')}
            </button>
          ) : null}
        </footer>
      ) : null}
    </article>
  );
}
