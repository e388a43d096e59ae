import type { ModemSummary } from '../../../src-shared/api';
import { Badge } from '../../components/Badge';
import { FieldError } from '../../components/FieldError';
import { useTranslation } from '../../i18n/use-translation';
import { describeModemState } from '../modems/modem-state';
import { canSendNow, whyNotSending, type SimChoice } from './campaign-sims';

/**
 * Which modems send: all healthy ones (the default, and what most campaigns want) or a fixed
 * choice. Every known modem is listed with its network and health, and one that cannot send
 * right now says why, so nobody picks an unplugged stick without knowing.
 */
export function CampaignSimsField({ modems, choice, onChange, error }: { modems: readonly ModemSummary[]; choice: SimChoice; onChange: (choice: SimChoice) => void; error?: string }) {
  const { t } = useTranslation();
  const choose = (mode: SimChoice['mode']) => {
    // Switching to a fixed choice starts from the modems that work now: unticking is easier than finding them.
    const simIds = mode === 'chosen' && choice.simIds.length === 0 ? modems.filter(canSendNow).map((modem) => modem.simId) : choice.simIds;
    onChange({ mode, simIds });
  };
  const toggle = (simId: number, on: boolean) => onChange({ mode: 'chosen', simIds: on ? [...choice.simIds, simId] : choice.simIds.filter((id) => id !== simId) });
  const nothingChosen = choice.mode === 'chosen' && choice.simIds.length === 0;

  return (
    <fieldset className="campaign-sims" data-testid="campaign-sims">
      <legend>{t('campaignSims.title')}</legend>
      <div className="campaign-purpose__choices">
        {(['all', 'chosen'] as const).map((mode) => (
          <label key={mode} className={`campaign-purpose__choice${choice.mode === mode ? ' campaign-purpose__choice--on' : ''}`}>
            <input type="radio" name="campaign-sims-mode" value={mode} checked={choice.mode === mode} onChange={() => choose(mode)} />
            <span>
              <strong>{t(mode === 'all' ? 'campaignSims.all' : 'campaignSims.chosen')}</strong>
              <span className="muted">{t(mode === 'all' ? 'campaignSims.allHelp' : 'campaignSims.chosenHelp')}</span>
            </span>
          </label>
        ))}
      </div>
      {modems.length === 0 ? (
        <p className="muted">{t('campaignSims.noModemKnown')}</p>
      ) : (
        <ul className={`sim-checklist${choice.mode === 'all' ? ' sim-checklist--all' : ''}`} aria-label={t('campaignSims.listLabel')} aria-describedby={nothingChosen ? 'campaign-sims-error' : undefined}>
          {modems.map((modem) => {
            const state = describeModemState(modem);
            const why = whyNotSending(modem);
            const rowId = `campaign-sim-${modem.simId}`;
            const details = (
              <span className="sim-checklist__text">
                <span className="sim-checklist__name">
                  <strong>{modem.label}</strong>
                  <Badge tone={state.tone}>{t(state.key)}</Badge>
                </span>
                <span className="muted">
                  {modem.operator ?? t('campaignSims.operatorUnknown')}
                  {modem.demo ? ` · ${t('campaignSims.demo')}` : ''}
                </span>
                {why ? <span className="sim-checklist__why" id={`${rowId}-why`}>{t(why)}</span> : null}
              </span>
            );
            return (
              <li key={modem.simId} className={why ? 'sim-checklist__item sim-checklist__item--idle' : 'sim-checklist__item'} data-testid="campaign-sim" data-sim-id={modem.simId}>
                {choice.mode === 'chosen' ? (
                  <label className="sim-checklist__row">
                    <input
                      type="checkbox"
                      checked={choice.simIds.includes(modem.simId)}
                      onChange={(event) => toggle(modem.simId, event.target.checked)}
                      aria-describedby={why ? `${rowId}-why` : undefined}
                    />
                    {details}
                  </label>
                ) : (
                  <div className="sim-checklist__row">
                    <span className={why ? 'sim-checklist__mark sim-checklist__mark--off' : 'sim-checklist__mark'} aria-hidden="true">
                      {why ? '–' : '✓'}
                    </span>
                    {details}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <FieldError id="campaign-sims-error" text={nothingChosen ? t('campaignSims.noneChosen') : error} />
    </fieldset>
  );
}
