import { useState } from 'react';
import { useApi } from '../../app/api-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useTranslation } from '../../i18n/use-translation';
import { PasswordField } from './PasswordField';
import { useAuthSubmit } from './use-auth-submit';

/** Settings, for every operator: change the own password with the current one. */
export function ChangePasswordPanel() {
  const api = useApi();
  const { t } = useTranslation();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [changed, setChanged] = useState(false);
  const submit = useAuthSubmit();
  return (
    <section className="panel" aria-labelledby="account-title" data-testid="change-password-panel">
      <h2 id="account-title">{t('account.title')}</h2>
      <p className="muted">{t('account.help')}</p>
      <form
        className="settings-form"
        onSubmit={(event) => {
          event.preventDefault();
          setChanged(false);
          void submit.run(async () => {
            await api.call('auth.changePassword', { currentPassword, newPassword });
            setCurrent('');
            setNew('');
            setChanged(true);
          });
        }}
      >
        <PasswordField id="account-current" label={t('account.current')} value={currentPassword} onChange={setCurrent} autoComplete="current-password" />
        <PasswordField id="account-new" label={t('account.new')} value={newPassword} onChange={setNew} autoComplete="new-password" help={t('auth.passwordHint')} />
        <div className="settings-form__actions">
          <button type="submit" className="button" disabled={submit.busy || currentPassword === '' || newPassword.length < 10}>
            {t('account.submit')}
          </button>
          {changed ? (
            <span className="saved-note" role="status">
              ✓ {t('account.changed')}
            </span>
          ) : null}
        </div>
        {submit.error ? <ErrorNotice error={submit.error} /> : null}
      </form>
    </section>
  );
}
