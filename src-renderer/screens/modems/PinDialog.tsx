import { useState } from 'react';
import type { ModemSummary } from '../../../src-shared/api';
import { useApi } from '../../app/api-context';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useTranslation } from '../../i18n/use-translation';
import { useToastStore } from '../../state/toast-store';

const pinPattern = /^\d{4,8}$/;

/**
 * Asks for the SIM PIN. The service, not this dialog, refuses a PIN the SIM turned down before,
 * so the rule holds for every window and after a restart.
 */
export function PinDialog({ modem, onClose }: { modem: ModemSummary; onClose: () => void }) {
  const api = useApi();
  const { t } = useTranslation();
  const showToast = useToastStore((state) => state.show);
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const valid = pinPattern.test(pin);

  const submit = async () => {
    if (!valid || busy) return;
    setBusy(true);
    setError(null);
    try {
      await api.call('modems.enterPin', { simId: modem.simId, pin });
      showToast({ message: t('modems.pinUnlocked'), tone: 'ok' });
      onClose();
    } catch (reason) {
      setError(reason instanceof Error ? reason : new Error(String(reason)));
      setPin('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('modems.pinTitle', { name: modem.label })}
      onClose={onClose}
      testId="pin-dialog"
      footer={
        <>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="pin-form" className="button" disabled={!valid || busy}>
            {busy ? t('modems.pinChecking') : t('modems.pinSubmit')}
          </button>
        </>
      }
    >
      <form
        id="pin-form"
        className="pin-form"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <p className="notice notice--warn pin-form__warning">{t('modems.pinWarning')}</p>
        <div className="field">
          <label htmlFor="sim-pin">{t('modems.pinLabel')}</label>
          <input
            id="sim-pin"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            className="input--pin mono"
            maxLength={8}
            value={pin}
            aria-describedby="sim-pin-help"
            aria-invalid={pin !== '' && !valid}
            onChange={(event) => setPin(event.target.value.replace(/\D/g, '').slice(0, 8))}
          />
          <span id="sim-pin-help" className="field__help">
            {pin !== '' && !valid ? t('modems.pinInvalid') : t('modems.pinHelp')}
          </span>
        </div>
        {error ? <ErrorNotice error={error} /> : null}
      </form>
    </Dialog>
  );
}
