import { useState } from 'react';
import type { ModemSummary } from '../../src-shared/api';
import { useApi } from '../app/api-context';
import { EmptyState } from '../components/EmptyState';
import { ScreenHeader } from '../components/ScreenHeader';
import { useTranslation } from '../i18n/use-translation';
import { useModemsStore } from '../state/modems-store';
import { useToastStore } from '../state/toast-store';
import { ModemCard } from './modems/ModemCard';
import { PinDialog } from './modems/PinDialog';
import { TrafficLogDialog } from './modems/TrafficLogDialog';
import { useSendingRates } from './modems/use-sending-rates';
import { errorToastText } from '../app/error-text';
import { useHasRole } from './auth/auth-store';

const demoModemCount = 2;

export function ModemsScreen() {
  const api = useApi();
  const { t, language } = useTranslation();
  const { modems, loaded } = useModemsStore();
  const showToast = useToastStore((state) => state.show);
  const [busy, setBusy] = useState<'scan' | 'demo' | null>(null);
  const [logOf, setLogOf] = useState<ModemSummary | null>(null);
  const rateOf = useSendingRates();
  // Viewers watch; scanning, demo modems, PINs, limits and balance checks need a sender.
  const canOperate = useHasRole('sender');
  const [pinFor, setPinFor] = useState<number | null>(null);
  const pinModem = modems.find((modem) => modem.simId === pinFor) ?? null;

  const scan = async () => {
    setBusy('scan');
    try {
      const { found, skipped } = await api.call('modems.scan', {});
      const message = found > 0 ? t('modems.scanFound', { count: found }) : t('modems.scanNone');
      const notes = skipped.map((port) => `${port.path}: ${port.reason}`).join(' · ');
      showToast({ message: notes ? `${message} ${notes}` : message, tone: found > 0 ? 'ok' : 'info' });
    } catch (error) {
      showToast({ message: errorToastText(error, language), tone: 'error' });
    } finally {
      setBusy(null);
    }
  };

  const startDemo = async () => {
    setBusy('demo');
    try {
      const { added } = await api.call('modems.startDemo', { count: demoModemCount });
      showToast({ message: t('modems.demoAdded', { count: added }), tone: 'ok' });
      const { modems: current } = await api.call('modems.list', {});
      useModemsStore.getState().setAll(current);
    } catch (error) {
      showToast({ message: errorToastText(error, language), tone: 'error' });
    } finally {
      setBusy(null);
    }
  };

  const actions = (
    <>
      <button type="button" className="button button--secondary" onClick={() => void startDemo()} disabled={busy !== null}>
        {busy === 'demo' ? t('modems.demoStarting') : t('modems.addDemo')}
      </button>
      <button type="button" className="button" onClick={() => void scan()} disabled={busy !== null}>
        {busy === 'scan' ? t('modems.scanning') : t('modems.scan')}
      </button>
    </>
  );

  return (
    <>
      <ScreenHeader title={t('modems.title')} actions={modems.length > 0 && canOperate ? actions : undefined} />
      {!loaded ? (
        <p className="muted">{t('common.loading')}</p>
      ) : modems.length === 0 ? (
        <EmptyState icon="modem" title={t('modems.empty.title')} actions={canOperate ? actions : undefined}>
          {t('modems.empty.body')} {canOperate ? t('modems.empty.demoHint') : null}
        </EmptyState>
      ) : (
        <div className="modem-grid">
          {modems.map((modem) => (
            <ModemCard
              key={modem.simId}
              modem={modem}
              smsPerMinute={rateOf(modem.simId)}
              onShowLog={() => setLogOf(modem)}
              onEnterPin={() => setPinFor(modem.simId)}
            />
          ))}
        </div>
      )}
      {pinModem ? <PinDialog modem={pinModem} onClose={() => setPinFor(null)} /> : null}
      {logOf ? <TrafficLogDialog modem={logOf} onClose={() => setLogOf(null)} /> : null}
    </>
  );
}
