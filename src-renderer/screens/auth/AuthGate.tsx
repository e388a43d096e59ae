import { useEffect, type ReactNode } from 'react';
import { onSignInNeeded } from '../../api/auth-errors';
import { useApi } from '../../app/api-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useTranslation } from '../../i18n/use-translation';
import { useAuthStore } from './auth-store';
import { FirstAdminScreen } from './FirstAdminScreen';
import { LockScreen } from './LockScreen';
import { LoginScreen } from './LoginScreen';
import { useActivityReporting } from './use-activity-reporting';

/**
 * Shows the app only to a signed-in, unlocked operator; otherwise the first-run, sign-in or
 * lock screen. It asks the service again whenever sign-in state changes anywhere (auth.changed),
 * when any call is refused as 'not-signed-in' or 'locked', and when the window comes back to front.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const api = useApi();
  const { t } = useTranslation();
  const { status, error, refresh } = useAuthStore();

  useEffect(() => {
    void refresh(api);
    const stopEvents = api.onEvent((event) => {
      if (event.name === 'auth.changed') void refresh(api);
    });
    const stopRefusals = onSignInNeeded(() => void refresh(api));
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refresh(api);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopEvents();
      stopRefusals();
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [api, refresh]);

  const signedIn = status !== null && status.operator !== null && !status.locked;
  useActivityReporting(api, signedIn);

  if (!status) {
    return (
      <main className="auth-screen" aria-busy={error === null}>
        {error ? <ErrorNotice error={error} onRetry={() => void refresh(api)} /> : <p className="muted">{t('common.loading')}</p>}
      </main>
    );
  }
  if (status.needsFirstAdmin) return <FirstAdminScreen />;
  if (!status.operator) return <LoginScreen />;
  if (status.locked) return <LockScreen operator={status.operator} />;
  return <>{children}</>;
}
