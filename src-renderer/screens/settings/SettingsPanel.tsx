import { useState, type ReactNode } from 'react';
import type { ApiArgs } from '../../../src-shared/api';
import { useApi } from '../../app/api-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useTranslation } from '../../i18n/use-translation';
import { useSettingsStore } from '../../state/settings-store';
import { useHasRole } from '../auth/auth-store';

/** A settings card with its own Save button: what was saved, or what to fix, is said right under it. */
export function SettingsPanel({
  id,
  title,
  help,
  changes,
  dirty,
  children,
}: {
  id: string;
  title: string;
  help?: string;
  /** What Save sends; null when the form cannot be saved as it is. */
  changes: ApiArgs<'settings.update'> | null;
  dirty: boolean;
  children: ReactNode;
}) {
  const api = useApi();
  const { t } = useTranslation();
  const save = useSettingsStore((state) => state.save);
  // settings.update needs an administrator: others see the values, not a Save that would be refused.
  const isAdmin = useHasRole('admin');
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<Error | null>(null);

  const submit = async () => {
    if (!changes) return;
    setStatus('saving');
    setError(null);
    try {
      await save(api, changes);
      setStatus('saved');
    } catch (reason) {
      setError(reason instanceof Error ? reason : new Error(String(reason)));
      setStatus('idle');
    }
  };

  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid={`settings-${id}`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {help ? <p className="muted">{help}</p> : null}
      <form
        className="settings-form"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <fieldset className="settings-form__fieldset" disabled={!isAdmin}>
          {children}
        </fieldset>
        {!isAdmin ? (
          <p className="muted small" data-testid="settings-admin-only">
            {t('keywords.adminOnly')}
          </p>
        ) : (
          <div className="settings-form__actions">
            <button type="submit" className="button" disabled={!dirty || changes === null || status === 'saving'}>
              {status === 'saving' ? t('common.saving') : t('common.save')}
            </button>
            {status === 'saved' && !dirty ? (
              <span className="saved-note" role="status">
                ✓ {t('settings.saved')}
              </span>
            ) : null}
          </div>
        )}
        {error ? <ErrorNotice error={error} /> : null}
      </form>
    </section>
  );
}
