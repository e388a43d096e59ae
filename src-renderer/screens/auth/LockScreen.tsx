import { useState } from 'react';
import { useApi } from '../../app/api-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useTranslation } from '../../i18n/use-translation';
import { AuthCard } from './AuthCard';
import { useAuthStore, type SignedInOperator } from './auth-store';
import { PasswordField } from './PasswordField';
import { useAuthSubmit } from './use-auth-submit';

/** The session is locked (idle, the computer's screen lock, or by hand): the same person's password, or sign out. */
export function LockScreen({ operator }: { operator: SignedInOperator }) {
  const api = useApi();
  const { t } = useTranslation();
  const { apply, refresh } = useAuthStore();
  const [password, setPassword] = useState('');
  const submit = useAuthSubmit();

  return (
    <AuthCard testId="lock-screen" title={t('auth.lock.title')} intro={t('auth.lock.intro', { name: operator.displayName })}>
      <form
        className="auth-form"
        onSubmit={(event) => {
          event.preventDefault();
          void submit.run(async () => {
            try {
              const unlocked = await api.call('auth.unlock', { password });
              apply({ operator: unlocked.operator, locked: false });
            } catch (error) {
              // Too many wrong tries end the session: show whatever screen applies now.
              await refresh(api);
              throw error;
            } finally {
              setPassword('');
            }
          });
        }}
      >
        {/* Lets password managers fill the right account. */}
        <input type="text" autoComplete="username" value={operator.username} readOnly hidden />
        <PasswordField id="unlock-password" label={t('auth.field.password')} value={password} onChange={setPassword} autoComplete="current-password" autoFocus />
        {submit.error ? <ErrorNotice error={submit.error} /> : null}
        <button type="submit" className="button auth-form__submit" disabled={submit.busy || password === ''}>
          {submit.busy ? t('auth.working') : t('auth.lock.submit')}
        </button>
        <p className="auth-form__alternative">
          <span className="muted">{t('auth.lock.notYou', { name: operator.displayName })}</span>{' '}
          <button
            type="button"
            className="link-button"
            onClick={() =>
              void submit.run(async () => {
                await api.call('auth.logout', {});
                apply({ operator: null, locked: false });
              })
            }
          >
            {t('auth.signOut')}
          </button>
        </p>
      </form>
    </AuthCard>
  );
}
