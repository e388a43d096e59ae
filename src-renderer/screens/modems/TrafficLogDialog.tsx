import { useEffect, useState } from 'react';
import type { ModemSummary } from '../../../src-shared/api';
import { useApi } from '../../app/api-context';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useTranslation } from '../../i18n/use-translation';

/** The modem's recent AT commands and answers: what support asks for when a modem misbehaves. */
export function TrafficLogDialog({ modem, onClose }: { modem: ModemSummary; onClose: () => void }) {
  const api = useApi();
  const { t } = useTranslation();
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);

  useEffect(() => {
    let current = true;
    api.call('modems.trafficLog', { simId: modem.simId }).then(
      (log) => current && setText(log.text),
      (reason: unknown) => current && setError(reason instanceof Error ? reason : new Error(String(reason))),
    );
    return () => {
      current = false;
    };
  }, [api, modem.simId]);

  return (
    <Dialog
      title={t('modems.logTitle', { name: modem.label })}
      onClose={onClose}
      wide
      testId="traffic-log"
      footer={
        <button type="button" className="button button--secondary" onClick={() => text !== null && void navigator.clipboard?.writeText(text)} disabled={text === null}>
          {t('modems.copyLog')}
        </button>
      }
    >
      {error ? (
        <ErrorNotice error={error} />
      ) : text === null ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <pre className="traffic-log">{text || t('modems.logEmpty')}</pre>
      )}
    </Dialog>
  );
}
