import { useEffect, useRef, useState } from 'react';
import { useApi } from '../../app/api-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useTranslation } from '../../i18n/use-translation';

interface CheckState {
  running: boolean;
  roundTripMs: number | null;
  /** The pushed event and the answer travel separately; either may arrive first. */
  eventReceived: boolean;
  error: Error | null;
}

const idle: CheckState = { running: false, roundTripMs: null, eventReceived: false, error: null };

export function ConnectionCheckPanel() {
  const api = useApi();
  const { t } = useTranslation();
  const [state, setState] = useState<CheckState>(idle);
  const expectedMessage = useRef<string | null>(null);

  useEffect(
    () =>
      api.onEvent((event) => {
        if (event.name === 'app.pinged' && event.payload.message === expectedMessage.current) {
          setState((previous) => ({ ...previous, eventReceived: true }));
        }
      }),
    [api],
  );

  const run = async () => {
    const message = `check-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    expectedMessage.current = message;
    setState({ ...idle, running: true });
    const started = performance.now();
    try {
      await api.call('app.ping', { message });
      const roundTripMs = Math.max(1, Math.round(performance.now() - started));
      setState((previous) => ({ ...previous, running: false, roundTripMs }));
    } catch (error) {
      setState({ ...idle, error: error instanceof Error ? error : new Error(String(error)) });
    }
  };

  return (
    <section className="panel" aria-labelledby="connection-check-title">
      <h2 id="connection-check-title">{t('settings.connectionCheck')}</h2>
      <p className="muted">{t('settings.connectionCheck.help')}</p>
      <button type="button" className="button" onClick={() => void run()} disabled={state.running}>
        {state.running ? t('settings.connectionCheck.running') : t('settings.connectionCheck.run')}
      </button>
      <div aria-live="polite" className="check-results">
        {state.roundTripMs !== null ? (
          <ul>
            <li data-testid="ping-answer">✓ {t('settings.connectionCheck.answer', { ms: state.roundTripMs })}</li>
            <li data-testid="ping-event">
              {state.eventReceived ? `✓ ${t('settings.connectionCheck.event')}` : t('settings.connectionCheck.waitingEvent')}
            </li>
          </ul>
        ) : null}
        {state.error ? <ErrorNotice error={state.error} onRetry={() => void run()} /> : null}
      </div>
    </section>
  );
}
