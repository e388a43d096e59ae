import { useState } from 'react';
import { useApi } from '../../app/api-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useTranslation } from '../../i18n/use-translation';
import { AuthCard } from './AuthCard';
import { useAuthStore } from './auth-store';
import { PasswordField } from './PasswordField';
import { useAuthSubmit } from './use-auth-submit';

export function LoginScreen() {
  const api = useApi();
  const { t } = useTranslation();
  const apply = useAuthStore((state) => state.apply);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const submit = useAuthSubmit();

  return (
    <AuthCard testId="login-screen" title={t('auth.login.title')}>
      <form
        className="auth-form"
        onSubmit={(event) => {
          event.preventDefault();
          void submit.run(async () => {
            try {
              const { operator } = await api.call('auth.login', { username, password });
              apply({ operator, locked: false });
            } finally {
              setPassword('');
            }
          });
        }}
      >
        <div className="field">
          <label htmlFor="login-username">{t('auth.field.username')}</label>
          <input id="login-username" type="text" value={username} autoComplete="username" maxLength={64} required autoFocus spellCheck={false} autoCapitalize="none" onChange={(event) => setUsername(event.target.value)} />
        </div>
        <PasswordField id="login-password" label={t('auth.field.password')} value={password} onChange={setPassword} autoComplete="current-password" />
        {submit.error ? <ErrorNotice error={submit.error} /> : null}
        <button type="submit" className="button auth-form__submit" disabled={submit.busy || username.trim() === '' || password === ''}>
          {submit.busy ? t('auth.working') : t('auth.login.submit')}
        </button>
        <p className="auth-form__help muted small">{t('auth.login.help')}</p>
      </form>
    </AuthCard>
  );
}
