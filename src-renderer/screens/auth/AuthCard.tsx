import type { ReactNode } from 'react';
import { ConnectionIndicator } from '../../components/ConnectionIndicator';
import { useTranslation } from '../../i18n/use-translation';

/** The frame of the first-run, sign-in and lock screens: the app's name, one card, the connection state. */
export function AuthCard({ title, intro, testId, children }: { title: string; intro?: ReactNode; testId: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <main className="auth-screen" data-testid={testId}>
      <div className="auth-screen__connection">
        <ConnectionIndicator />
      </div>
      <section className="auth-card" aria-labelledby="auth-title">
        <div className="auth-card__brand">
          <img src="./logo.svg" alt="" width="36" height="36" />
          <span>{t('app.name')}</span>
        </div>
        <h1 id="auth-title">{title}</h1>
        {intro ? <p className="auth-card__intro">{intro}</p> : null}
        {children}
      </section>
    </main>
  );
}
