import { useState } from 'react';
import { useApi } from '../../app/api-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useTranslation } from '../../i18n/use-translation';
import { AuthCard } from './AuthCard';
import { useAuthStore } from './auth-store';
import { PasswordField } from './PasswordField';
import { useAuthSubmit } from './use-auth-submit';

const minPasswordLength = 10;

/** First start: no operator exists, so the person at the screen chooses the administrator's name and password. */
export function FirstAdminScreen() {
  const api = useApi();
  const { t } = useTranslation();
  const apply = useAuthStore((state) => state.apply);
  const [displayName, setDisplayName] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const submit = useAuthSubmit();
  const differ = repeated !== '' && repeated !== password;
  const ready = displayName.trim() !== '' && username.trim() !== '' && password.length >= minPasswordLength && repeated === password;

  return (
    <AuthCard testId="first-admin-screen" title={t('auth.firstRun.title')} intro={t('auth.firstRun.intro')}>
      <form
        className="auth-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!ready) return;
          void submit.run(async () => {
            const { operator } = await api.call('auth.createFirstAdmin', { username, displayName, password });
            apply({ needsFirstAdmin: false, operator, locked: false });
          });
        }}
      >
        <div className="field">
          <label htmlFor="first-admin-name">{t('auth.field.displayName')}</label>
          <input id="first-admin-name" type="text" value={displayName} autoComplete="name" maxLength={100} required autoFocus onChange={(event) => setDisplayName(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="first-admin-username">{t('auth.field.username')}</label>
          <input id="first-admin-username" type="text" value={username} autoComplete="username" maxLength={64} required spellCheck={false} autoCapitalize="none" onChange={(event) => setUsername(event.target.value)} />
        </div>
        <PasswordField id="first-admin-password" label={t('auth.field.password')} value={password} onChange={setPassword} autoComplete="new-password" help={t('auth.passwordHint')} />
        <PasswordField id="first-admin-repeat" label={t('auth.field.passwordRepeat')} value={repeated} onChange={setRepeated} autoComplete="new-password" />
        {differ ? (
          <p className="field__error" role="alert">
            {t('auth.passwordsDiffer')}
          </p>
        ) : null}
        {submit.error ? <ErrorNotice error={submit.error} /> : null}
        <button type="submit" className="button auth-form__submit" disabled={!ready || submit.busy}>
          {submit.busy ? t('auth.working') : t('auth.firstRun.submit')}
        </button>
      </form>
    </AuthCard>
  );
}
