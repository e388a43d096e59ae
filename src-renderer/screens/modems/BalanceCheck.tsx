import { useState } from 'react';
import type { ModemSummary } from '../../../src-shared/api';
import { useApi } from '../../app/api-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useFormat } from '../../i18n/use-format';
import { useTranslation } from '../../i18n/use-translation';

/** The SIM's balance by USSD, asked only when the user wants it: operators answer slowly. */
export function BalanceCheck({ modem, allowed }: { modem: ModemSummary; /** False for viewers: the service refuses them the USSD call. */ allowed: boolean }) {
  const api = useApi();
  const { t } = useTranslation();
  const format = useFormat();
  const [code, setCode] = useState(modem.balanceCode);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const canCheck = modem.state === 'ready';

  const check = async () => {
    setBusy(true);
    setError(null);
    try {
      // The card updates from the modem.status event the check causes.
      await api.call('modems.checkBalance', { simId: modem.simId, code: code.trim() || undefined });
    } catch (reason) {
      setError(reason instanceof Error ? reason : new Error(String(reason)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="balance-check" data-testid="balance">
      {busy ? (
        <p className="balance-check__waiting" role="status">
          <span className="spinner" aria-hidden="true" />
          {t('modems.checkingBalance')}
        </p>
      ) : modem.balance ? (
        <div className="balance-check__reply">
          <p data-testid="balance-text">{modem.balance.text}</p>
          <p className="muted">{t('modems.balanceCheckedAt', { time: format.dateTime(modem.balance.checkedAt) })}</p>
        </div>
      ) : (
        <p className="muted">{t('modems.balanceNotChecked')}</p>
      )}
      {allowed ? (
        <div className="balance-check__actions">
        <input
          type="text"
          className="input--code mono"
          aria-label={t('modems.balanceCode')}
          title={t('modems.balanceCode')}
          value={code}
          onChange={(event) => setCode(event.target.value)}
          disabled={busy || !canCheck}
        />
        <button type="button" className="button button--secondary button--small" onClick={() => void check()} disabled={busy || !canCheck}>
          {t('modems.checkBalance')}
        </button>
      </div>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}
