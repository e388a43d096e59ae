import { useApi } from '../../app/api-context';
import { useTranslation } from '../../i18n/use-translation';
import { useAuthStore } from './auth-store';

/** At the foot of the sidebar: who is signed in, with Lock and Sign out. */
export function SignedInOperatorBox() {
  const api = useApi();
  const { t } = useTranslation();
  const { status, apply } = useAuthStore();
  const operator = status?.operator;
  if (!operator) return null;
  return (
    <div className="signed-in" data-testid="signed-in-operator">
      <div className="signed-in__who">
        <span className="signed-in__label">{t('auth.signedInAs')}</span>
        <span className="signed-in__name">{operator.displayName}</span>
        <span className="signed-in__role">{t(`auth.role.${operator.role}`)}</span>
      </div>
      <div className="signed-in__actions">
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => void api.call('auth.lock', {}).then(() => apply({ locked: true }), () => undefined)}
        >
          {t('auth.lock')}
        </button>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => void api.call('auth.logout', {}).then(() => apply({ operator: null, locked: false }), () => undefined)}
        >
          {t('auth.signOut')}
        </button>
      </div>
    </div>
  );
}
