import { useCallback, useEffect, useState } from 'react';
import type { ApiResult } from '../../../src-shared/api';
import type { OperatorSummary } from '../../../src-shared/api/methods/operators';
import { useApi } from '../../app/api-context';
import { errorToastText } from '../../app/error-text';
import { fieldErrorTexts } from '../../app/field-issue-text';
import { Badge } from '../../components/Badge';
import { ConfirmDialog, Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { FieldError } from '../../components/FieldError';
import { useFormat } from '../../i18n/use-format';
import { useTranslation } from '../../i18n/use-translation';
import { useToastStore } from '../../state/toast-store';
import { useSignedInOperator } from '../auth/auth-store';
import { PasswordField } from '../auth/PasswordField';
import { useAuthSubmit } from '../auth/use-auth-submit';

const roles = ['admin', 'sender', 'viewer'] as const;
type Role = (typeof roles)[number];

/** Admins only: who can sign in, their roles, lock-outs, new passwords, and the idle lock. */
export function OperatorsPanel() {
  const api = useApi();
  const { t, language } = useTranslation();
  const format = useFormat();
  const me = useSignedInOperator();
  const toast = useToastStore((state) => state.show);
  const [list, setList] = useState<ApiResult<'operators.list'> | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [resetFor, setResetFor] = useState<OperatorSummary | null>(null);
  const [disableFor, setDisableFor] = useState<OperatorSummary | null>(null);

  const load = useCallback(
    () =>
      api.call('operators.list', {}).then(
        (answer) => {
          setList(answer);
          setError(null);
        },
        (reason: unknown) => setError(reason instanceof Error ? reason : new Error(String(reason))),
      ),
    [api],
  );
  useEffect(() => {
    void load();
    return api.onEvent((event) => {
      if (event.name === 'auth.changed') void load();
    });
  }, [api, load]);

  /** Runs one change; the service's refusal (e.g. the last admin) is shown as a toast. */
  const change = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      toast({ tone: 'ok', message: done });
      await load();
    } catch (reason) {
      toast({ tone: 'error', message: errorToastText(reason, language) });
    }
  };

  return (
    <section className="panel operators-panel" aria-labelledby="operators-title" data-testid="operators-panel">
      <h2 id="operators-title">{t('operators.title')}</h2>
      <p className="muted">{t('operators.help')}</p>
      {error ? <ErrorNotice error={error} onRetry={() => void load()} /> : null}
      {list ? (
        <div className="table-scroll">
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">{t('operators.column.name')}</th>
                <th scope="col">{t('operators.column.role')}</th>
                <th scope="col">{t('operators.column.status')}</th>
                <th scope="col">{t('operators.column.lastLogin')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('operators.column.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.operators.map((operator) => (
                <tr key={operator.id} data-testid="operator-row" data-username={operator.username}>
                  <td>
                    <div className="operators-panel__name">{operator.displayName}</div>
                    <div className="muted small">
                      {operator.username}
                      {operator.id === me?.id ? ` · ${t('operators.you')}` : ''}
                    </div>
                  </td>
                  <td>
                    <select
                      aria-label={t('operators.roleOf', { name: operator.displayName })}
                      value={operator.role}
                      onChange={(event) => {
                        const role = event.target.value as Role;
                        void change(
                          () => api.call('operators.setRole', { operatorId: operator.id, role }),
                          t('operators.roleChanged', { name: operator.displayName, role: t(`auth.role.${role}`) }),
                        );
                      }}
                    >
                      {roles.map((role) => (
                        <option key={role} value={role}>
                          {t(`auth.role.${role}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {operator.disabled ? (
                      <Badge tone="neutral">{t('operators.status.disabled')}</Badge>
                    ) : operator.lockedOut ? (
                      <Badge tone="danger">{t('operators.status.lockedOut')}</Badge>
                    ) : (
                      <Badge tone="ok">{t('operators.status.active')}</Badge>
                    )}
                  </td>
                  <td className="small">{operator.lastLoginAt ? format.dateTime(operator.lastLoginAt) : t('operators.never')}</td>
                  <td>
                    <div className="table__actions">
                      {operator.lockedOut ? (
                        <button
                          type="button"
                          className="button button--small"
                          onClick={() => void change(() => api.call('operators.unlock', { operatorId: operator.id }), t('operators.unlocked', { name: operator.displayName }))}
                        >
                          {t('operators.unlock')}
                        </button>
                      ) : null}
                      <button type="button" className="button button--secondary button--small" onClick={() => setResetFor(operator)}>
                        {t('operators.resetPassword')}
                      </button>
                      {operator.id === me?.id ? null : operator.disabled ? (
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          onClick={() =>
                            void change(() => api.call('operators.setDisabled', { operatorId: operator.id, disabled: false }), t('operators.enabled', { name: operator.displayName }))
                          }
                        >
                          {t('operators.enable')}
                        </button>
                      ) : (
                        <button type="button" className="button button--ghost-danger button--small" onClick={() => setDisableFor(operator)}>
                          {t('operators.disable')}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t('common.loading')}</p>
      )}
      <AddOperatorForm onAdded={() => void load()} />
      {list ? <IdleLockForm minutes={list.idleLockMinutes} onSaved={() => void load()} /> : null}
      {resetFor ? <ResetPasswordDialog operator={resetFor} onClose={() => setResetFor(null)} /> : null}
      {disableFor ? (
        <ConfirmDialog
          title={t('operators.disableTitle', { name: disableFor.displayName })}
          confirmLabel={t('operators.disable')}
          danger
          onCancel={() => setDisableFor(null)}
          onConfirm={() => {
            const operator = disableFor;
            setDisableFor(null);
            void change(() => api.call('operators.setDisabled', { operatorId: operator.id, disabled: true }), t('operators.disabled', { name: operator.displayName }));
          }}
        >
          <p>{t('operators.disableBody', { name: disableFor.displayName })}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function AddOperatorForm({ onAdded }: { onAdded(): void }) {
  const api = useApi();
  const { t, language } = useTranslation();
  const toast = useToastStore((state) => state.show);
  const [displayName, setDisplayName] = useState('');
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('sender');
  const [password, setPassword] = useState('');
  const submit = useAuthSubmit();
  // What the service refused, beside the name and user name fields.
  const refused = fieldErrorTexts(submit.error, language);
  return (
    <form
      className="operators-panel__add"
      aria-labelledby="operators-add-title"
      onSubmit={(event) => {
        event.preventDefault();
        void submit.run(async () => {
          const { operator } = await api.call('operators.create', { username, displayName, role, password });
          toast({ tone: 'ok', message: t('operators.added', { name: operator.displayName, username: operator.username }) });
          setDisplayName('');
          setUsername('');
          setPassword('');
          onAdded();
        });
      }}
    >
      <h3 id="operators-add-title">{t('operators.add')}</h3>
      <div className="form-row">
        <div className="field">
          <label htmlFor="operator-add-name">{t('auth.field.displayNameOther')}</label>
          <input
            id="operator-add-name"
            type="text"
            value={displayName}
            maxLength={100}
            required
            aria-invalid={refused.has('displayName') ? true : undefined}
            aria-describedby={refused.has('displayName') ? 'operator-add-name-error' : undefined}
            onChange={(event) => setDisplayName(event.target.value)}
          />
          <FieldError id="operator-add-name-error" text={refused.get('displayName')} />
        </div>
        <div className="field">
          <label htmlFor="operator-add-username">{t('auth.field.username')}</label>
          <input
            id="operator-add-username"
            type="text"
            value={username}
            maxLength={64}
            required
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="none"
            aria-invalid={refused.has('username') ? true : undefined}
            aria-describedby={refused.has('username') ? 'operator-add-username-error' : undefined}
            onChange={(event) => setUsername(event.target.value)}
          />
          <FieldError id="operator-add-username-error" text={refused.get('username')} />
        </div>
      </div>
      <fieldset className="field operators-panel__roles">
        <legend>{t('operators.column.role')}</legend>
        {roles.map((choice) => (
          <label key={choice} className="radio">
            <input type="radio" name="operator-add-role" value={choice} checked={role === choice} onChange={() => setRole(choice)} />
            <span>
              <strong>{t(`auth.role.${choice}`)}</strong> <span className="muted small">{t(`auth.role.${choice}.help`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <PasswordField id="operator-add-password" label={t('auth.field.password')} value={password} onChange={setPassword} autoComplete="new-password" help={t('auth.passwordHint')} />
      {submit.error ? <ErrorNotice error={submit.error} shownBesideFields={['displayName', 'username']} /> : null}
      <div className="settings-form__actions">
        <button type="submit" className="button" disabled={submit.busy || displayName.trim() === '' || username.trim() === '' || password.length < 10}>
          {t('operators.addSubmit')}
        </button>
      </div>
    </form>
  );
}

function ResetPasswordDialog({ operator, onClose }: { operator: OperatorSummary; onClose(): void }) {
  const api = useApi();
  const { t } = useTranslation();
  const toast = useToastStore((state) => state.show);
  const [password, setPassword] = useState('');
  const submit = useAuthSubmit();
  const save = () =>
    void submit.run(async () => {
      await api.call('operators.resetPassword', { operatorId: operator.id, password });
      toast({ tone: 'ok', message: t('operators.resetDone', { name: operator.displayName }) });
      onClose();
    });
  return (
    <Dialog
      title={t('operators.resetTitle', { name: operator.displayName })}
      onClose={onClose}
      testId="reset-password-dialog"
      footer={
        <>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="button" disabled={submit.busy || password.length < 10} onClick={save}>
            {t('operators.resetSubmit')}
          </button>
        </>
      }
    >
      <p>{t('operators.resetHelp', { name: operator.displayName })}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (password.length >= 10) save();
        }}
      >
        <PasswordField id="reset-password" label={t('auth.field.password')} value={password} onChange={setPassword} autoComplete="new-password" help={t('auth.passwordHint')} />
      </form>
      {submit.error ? <ErrorNotice error={submit.error} /> : null}
    </Dialog>
  );
}

function IdleLockForm({ minutes, onSaved }: { minutes: number; onSaved(): void }) {
  const api = useApi();
  const { t } = useTranslation();
  const [value, setValue] = useState(String(minutes));
  const [saved, setSaved] = useState<number | null>(null);
  const submit = useAuthSubmit();
  const parsed = Number(value);
  const valid = Number.isInteger(parsed) && parsed >= 1 && parsed <= 240;
  return (
    <form
      className="operators-panel__idle"
      aria-labelledby="operators-idle-title"
      onSubmit={(event) => {
        event.preventDefault();
        if (!valid) return;
        void submit.run(async () => {
          const answer = await api.call('operators.setIdleLock', { minutes: parsed });
          setSaved(answer.idleLockMinutes);
          onSaved();
        });
      }}
    >
      <h3 id="operators-idle-title">{t('operators.idleTitle')}</h3>
      <p className="muted small">{t('operators.idleHelp')}</p>
      <div className="field field--inline">
        <label htmlFor="operators-idle-minutes">{t('operators.idleLabel')}</label>
        <input id="operators-idle-minutes" type="number" min={1} max={240} step={1} value={value} onChange={(event) => setValue(event.target.value)} />
        <button type="submit" className="button" disabled={!valid || submit.busy || parsed === minutes}>
          {t('common.save')}
        </button>
      </div>
      {saved !== null && parsed === saved ? (
        <p className="saved-note" role="status">
          ✓ {t('operators.idleSaved', { minutes: saved })}
        </p>
      ) : null}
      {submit.error ? <ErrorNotice error={submit.error} /> : null}
    </form>
  );
}
