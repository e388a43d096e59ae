import { useState } from 'react';
import type { ModemSummary } from '../../../src-shared/api';
import { useApi } from '../../app/api-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useTranslation } from '../../i18n/use-translation';
import { useToastStore } from '../../state/toast-store';

type LimitName = 'perMinute' | 'perHour' | 'perDay';
const limitNames: readonly LimitName[] = ['perMinute', 'perHour', 'perDay'];

function parseLimit(text: string): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^\d+$/.test(trimmed) || Number(trimmed) < 1) return 'invalid';
  return Number(trimmed);
}

/** The SIM's own sending limits; empty means the SIM adds no limit of its own. */
export function SimLimitsForm({ modem, onDone }: { modem: ModemSummary; onDone: () => void }) {
  const api = useApi();
  const { t } = useTranslation();
  const showToast = useToastStore((state) => state.show);
  const [values, setValues] = useState<Record<LimitName, string>>({
    perMinute: modem.limits.perMinute?.toString() ?? '',
    perHour: modem.limits.perHour?.toString() ?? '',
    perDay: modem.limits.perDay?.toString() ?? '',
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const parsed = { perMinute: parseLimit(values.perMinute), perHour: parseLimit(values.perHour), perDay: parseLimit(values.perDay) };
  const invalid = limitNames.some((name) => parsed[name] === 'invalid');
  const labels: Record<LimitName, 'modems.perMinute' | 'modems.perHour' | 'modems.perDay'> = {
    perMinute: 'modems.perMinute',
    perHour: 'modems.perHour',
    perDay: 'modems.perDay',
  };

  const save = async () => {
    if (invalid) return;
    setBusy(true);
    setError(null);
    try {
      const valid = (limit: number | null | 'invalid') => (limit === 'invalid' ? null : limit);
      await api.call('modems.updateLimits', {
        simId: modem.simId,
        perMinute: valid(parsed.perMinute),
        perHour: valid(parsed.perHour),
        perDay: valid(parsed.perDay),
      });
      showToast({ message: t('modems.limitsSaved'), tone: 'ok' });
      onDone();
    } catch (reason) {
      setError(reason instanceof Error ? reason : new Error(String(reason)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="sim-limits"
      data-testid="limits-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <div className="sim-limits__fields">
        {limitNames.map((name) => (
          <div className="field" key={name}>
            <label htmlFor={`limit-${modem.simId}-${name}`}>{t(labels[name])}</label>
            <input
              id={`limit-${modem.simId}-${name}`}
              type="text"
              inputMode="numeric"
              className="input--short"
              value={values[name]}
              placeholder={t('modems.noLimit')}
              aria-invalid={parsed[name] === 'invalid'}
              onChange={(event) => setValues({ ...values, [name]: event.target.value })}
            />
          </div>
        ))}
      </div>
      <p className={invalid ? 'field__help field__help--warn' : 'field__help'}>{invalid ? t('modems.limitInvalid') : t('modems.limitsHelp')}</p>
      {error ? <ErrorNotice error={error} /> : null}
      <div className="sim-limits__actions">
        <button type="button" className="button button--secondary button--small" onClick={onDone}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button--small" disabled={invalid || busy}>
          {t('modems.saveLimits')}
        </button>
      </div>
    </form>
  );
}
