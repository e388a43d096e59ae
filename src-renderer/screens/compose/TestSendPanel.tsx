import { useState } from 'react';
import type { ApiResult } from '../../../src-shared/api';
import { useApi } from '../../app/api-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useTranslation } from '../../i18n/use-translation';
import { useHasRole } from '../auth/auth-store';

/** "Send a test to…": the message as the first recipient gets it, to one phone at hand. */
export function TestSendPanel({ text }: { text: string }) {
  const api = useApi();
  const { t } = useTranslation();
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<ApiResult<'compose.testSend'> | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const ready = to.trim() !== '' && text.trim() !== '';
  // A test goes out through a modem: the service refuses it to viewers, so they do not see it.
  const canSend = useHasRole('sender');

  const send = async () => {
    if (!ready || busy) return;
    setBusy(true);
    setError(null);
    setSent(null);
    try {
      setSent(await api.call('compose.testSend', { to, text }));
    } catch (reason) {
      setError(reason instanceof Error ? reason : new Error(String(reason)));
    } finally {
      setBusy(false);
    }
  };

  if (!canSend) return null;
  return (
    <section className="panel test-send" aria-labelledby="compose-test-title" data-testid="test-send">
      <h2 id="compose-test-title">{t('compose.testTitle')}</h2>
      <form
        className="test-send__form"
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <div className="field">
          <label htmlFor="compose-test-to">{t('compose.testTo')}</label>
          <input id="compose-test-to" type="tel" autoComplete="tel" value={to} placeholder="+49 151 23456789" onChange={(event) => setTo(event.target.value)} />
        </div>
        <button type="submit" className="button button--secondary" disabled={!ready || busy}>
          {busy ? t('compose.testSending') : t('compose.testSend')}
        </button>
      </form>
      <p className="field__help">{t('compose.testHelp')}</p>
      {sent ? (
        <p className="notice notice--ok" role="status" data-testid="test-send-result">
          {t('compose.testSent', { to: sent.to, modem: sent.modemLabel, parts: sent.parts, references: sent.references.join(', ') })}
        </p>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
    </section>
  );
}
