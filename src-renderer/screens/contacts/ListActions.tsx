import { useState } from 'react';
import type { ContactListSummary } from '../../../src-shared/api/methods/contacts';
import { useApi } from '../../app/api-context';
import { ConfirmDialog, Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useFormat } from '../../i18n/use-format';
import { useTranslation } from '../../i18n/use-translation';

/** Rename or delete the open list; deleting keeps its contacts. */
export function ListActions({ list, onRenamed, onDeleted }: { list: ContactListSummary; onRenamed: () => void; onDeleted: () => void }) {
  const api = useApi();
  const { t } = useTranslation();
  const format = useFormat();
  const [open, setOpen] = useState<'none' | 'rename' | 'delete'>('none');
  const [name, setName] = useState(list.name);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  const run = async (work: () => Promise<unknown>, done: () => void) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      setOpen('none');
      done();
    } catch (reason) {
      setError(reason instanceof Error ? reason : new Error(String(reason)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="list-actions">
      <button
        type="button"
        className="button button--small button--secondary"
        onClick={() => {
          setName(list.name);
          setError(null);
          setOpen('rename');
        }}
      >
        {t('lists.rename')}
      </button>
      <button type="button" className="button button--small button--ghost-danger" onClick={() => setOpen('delete')}>
        {t('lists.delete')}
      </button>
      {open === 'rename' ? (
        <Dialog
          title={t('lists.renameTitle')}
          onClose={() => setOpen('none')}
          footer={
            <>
              <button type="button" className="button button--secondary" onClick={() => setOpen('none')}>
                {t('common.cancel')}
              </button>
              <button type="submit" form="rename-list" className="button" disabled={busy || name.trim() === ''}>
                {t('common.save')}
              </button>
            </>
          }
        >
          <form
            id="rename-list"
            className="form-grid"
            onSubmit={(event) => {
              event.preventDefault();
              void run(() => api.call('contacts.renameList', { id: list.id, name }), onRenamed);
            }}
          >
            <div className="field">
              <label htmlFor="list-name">{t('lists.name')}</label>
              <input id="list-name" type="text" value={name} onChange={(event) => setName(event.target.value)} data-autofocus />
            </div>
            {error ? <ErrorNotice error={error} /> : null}
          </form>
        </Dialog>
      ) : null}
      {open === 'delete' ? (
        <ConfirmDialog
          title={t('lists.deleteTitle', { name: list.name })}
          confirmLabel={t('lists.delete')}
          danger
          busy={busy}
          onCancel={() => setOpen('none')}
          onConfirm={() => void run(() => api.call('contacts.deleteList', { id: list.id }), onDeleted)}
        >
          <p>{t('lists.deleteExplain', { count: format.number(list.memberCount) })}</p>
          {error ? <ErrorNotice error={error} /> : null}
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
