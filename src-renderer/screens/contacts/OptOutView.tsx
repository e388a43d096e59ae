import { useEffect, useState } from 'react';
import type { ApiResult } from '../../../src-shared/api';
import { useApi } from '../../app/api-context';
import { ConfirmDialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useFormat } from '../../i18n/use-format';
import { useTranslation } from '../../i18n/use-translation';
import type { MessageKey } from '../../i18n/en';
import { useToastStore } from '../../state/toast-store';
import { formatPhoneNumber } from '../../components/phone-format';

type OptOutEntry = ApiResult<'contacts.optOuts'>['entries'][number];
const PAGE = 100;

const sourceKeys: Record<string, MessageKey> = {
  manual: 'optOuts.source.manual',
  'stop-reply': 'optOuts.source.stopReply',
  import: 'optOuts.source.import',
  erasure: 'optOuts.source.erasure',
};

/** The do-not-contact list: who is on it and why, adding a number by hand, and taking one off after a mistake. */
export function OptOutView({ onChanged }: { onChanged: () => void }) {
  const api = useApi();
  const { t } = useTranslation();
  const format = useFormat();
  const showToast = useToastStore((state) => state.show);
  const [entries, setEntries] = useState<OptOutEntry[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [reloads, setReloads] = useState(0);
  const [phone, setPhone] = useState('');
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<OptOutEntry | null>(null);

  useEffect(() => {
    let current = true;
    api.call('contacts.optOuts', { offset: 0, limit: PAGE }).then(
      (page) => {
        if (!current) return;
        setEntries(page.entries);
        setTotal(page.total);
      },
      (reason: unknown) => current && setError(reason instanceof Error ? reason : new Error(String(reason))),
    );
    return () => {
      current = false;
    };
  }, [api, reloads]);

  const more = async () => {
    try {
      const page = await api.call('contacts.optOuts', { offset: entries.length, limit: PAGE });
      setEntries([...entries, ...page.entries]);
      setTotal(page.total);
    } catch (reason) {
      setError(reason instanceof Error ? reason : new Error(String(reason)));
    }
  };

  const add = async () => {
    setAdding(true);
    setError(null);
    try {
      const result = await api.call('contacts.optOut', { phone });
      showToast({ tone: 'ok', message: result.added ? t('optOuts.added', { phone: result.phoneE164 }) : t('optOuts.alreadyThere', { phone: result.phoneE164 }) });
      setPhone('');
      setReloads((n) => n + 1);
      onChanged();
    } catch (reason) {
      setError(reason instanceof Error ? reason : new Error(String(reason)));
    } finally {
      setAdding(false);
    }
  };

  const remove = async (entry: OptOutEntry) => {
    if (!entry.phoneE164) return;
    try {
      await api.call('contacts.optIn', { phoneE164: entry.phoneE164 });
      showToast({ tone: 'ok', message: t('optOuts.removed', { phone: entry.phoneE164 }) });
      setReloads((n) => n + 1);
      onChanged();
    } catch (reason) {
      setError(reason instanceof Error ? reason : new Error(String(reason)));
    } finally {
      setRemoving(null);
    }
  };

  return (
    <div className="opt-outs">
      <p className="muted">{t('optOuts.explain')}</p>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <label htmlFor="opt-out-phone">{t('optOuts.addLabel')}</label>
        <input id="opt-out-phone" type="tel" value={phone} placeholder="+49 151 23456789" onChange={(event) => setPhone(event.target.value)} required />
        <button type="submit" className="button" disabled={adding || phone.trim() === ''}>
          {t('optOuts.add')}
        </button>
      </form>
      {error ? <ErrorNotice error={error} onRetry={() => setError(null)} /> : null}
      {total === 0 ? (
        <p className="contacts-table__empty">{t('optOuts.empty')}</p>
      ) : (
        <table className="table" data-testid="opt-out-table">
          <thead>
            <tr>
              <th scope="col">{t('contacts.column.phone')}</th>
              <th scope="col">{t('optOuts.column.source')}</th>
              <th scope="col">{t('optOuts.column.since')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('contacts.column.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => {
              const sourceKey = sourceKeys[entry.source];
              return (
                <tr key={entry.id}>
                  <td>{entry.phoneE164 ? <span className="mono-number">{formatPhoneNumber(entry.phoneE164)}</span> : <span className="muted">{t('optOuts.erased')}</span>}</td>
                  <td>
                    {sourceKey ? t(sourceKey) : entry.source}
                    {entry.source === 'stop-reply' && /"(.*)"/.test(entry.reason) ? (
                      <span className="muted small"> – {t('optOuts.replied', { text: /"(.*)"/.exec(entry.reason)?.[1] ?? '' })}</span>
                    ) : null}
                  </td>
                  <td>{format.dateTime(entry.createdAt)}</td>
                  <td className="table__actions">
                    {entry.phoneE164 ? (
                      <button type="button" className="button button--small button--secondary" onClick={() => setRemoving(entry)}>
                        {t('optOuts.remove')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {total !== null && entries.length < total ? (
        <button type="button" className="button button--secondary" onClick={() => void more()}>
          {t('optOuts.more', { shown: format.number(entries.length), total: format.number(total) })}
        </button>
      ) : null}
      {removing ? (
        <ConfirmDialog
          title={t('optOuts.removeTitle', { phone: removing.phoneE164 ?? '' })}
          confirmLabel={t('optOuts.removeConfirm')}
          danger
          onCancel={() => setRemoving(null)}
          onConfirm={() => void remove(removing)}
        >
          <p>{t('optOuts.removeWarning')}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
