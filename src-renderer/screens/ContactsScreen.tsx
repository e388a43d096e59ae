import { useEffect, useState } from 'react';
import type { ContactRow } from '../../src-shared/api/methods/contacts';
import { useApi } from '../app/api-context';
import { ConfirmDialog } from '../components/Dialog';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatPhoneNumber } from '../components/phone-format';
import { ScreenHeader } from '../components/ScreenHeader';
import { useTranslation } from '../i18n/use-translation';
import { useContactListsStore } from '../state/contact-lists-store';
import { useToastStore } from '../state/toast-store';
import { ContactDialog } from './contacts/ContactDialog';
import { ContactsTable } from './contacts/ContactsTable';
import { ImportWizard } from './contacts/import/ImportWizard';
import { ListActions } from './contacts/ListActions';
import { ListsNav, type ContactsView } from './contacts/ListsNav';
import { OptOutView } from './contacts/OptOutView';
import { useDebounced } from '../components/use-debounced';
import { useHasRole } from './auth/auth-store';
import { errorToastText } from '../app/error-text';

type OpenDialog = { kind: 'none' } | { kind: 'edit'; contact: ContactRow | null } | { kind: 'delete'; contact: ContactRow } | { kind: 'import'; file?: File };


export function ContactsScreen() {
  const api = useApi();
  const { t, language } = useTranslation();
  const showToast = useToastStore((state) => state.show);
  // Viewers see the contacts but no buttons that change them (the service refuses them anyway).
  const canEdit = useHasRole('sender');
  const { summary, error, reload } = useContactListsStore();
  const [view, setView] = useState<ContactsView>({ kind: 'all' });
  const [search, setSearch] = useState('');
  const [optedOutOnly, setOptedOutOnly] = useState(false);
  const text = useDebounced(search.trim(), 250);
  const [refreshToken, setRefreshToken] = useState(0);
  const [dialog, setDialog] = useState<OpenDialog>({ kind: 'none' });
  const [dropping, setDropping] = useState(false);

  useEffect(() => {
    void reload(api);
  }, [api, reload]);

  const refresh = () => {
    setRefreshToken((n) => n + 1);
    void reload(api);
  };

  const fail = (reason: unknown) => showToast({ tone: 'error', message: errorToastText(reason, language) });

  const deleteContact = async (contact: ContactRow) => {
    setDialog({ kind: 'none' });
    try {
      const { removed } = await api.call('contacts.delete', { ids: [contact.id] });
      refresh();
      showToast({
        tone: 'info',
        message: t('contacts.deleted', { name: contact.name ?? contact.phoneE164 }),
        action: {
          label: t('common.undo'),
          run: () => {
            api.call('contacts.restore', { contacts: removed }).then(() => {
              refresh();
              showToast({ tone: 'ok', message: t('contacts.restored', { name: contact.name ?? contact.phoneE164 }) });
            }, fail);
          },
        },
      });
    } catch (reason) {
      fail(reason);
    }
  };

  const optOut = async (contact: ContactRow) => {
    setDialog({ kind: 'none' });
    try {
      await api.call('contacts.optOut', { phone: contact.phoneE164 });
      refresh();
      showToast({ tone: 'ok', message: t('optOuts.added', { phone: contact.phoneE164 }) });
    } catch (reason) {
      fail(reason);
    }
  };

  const lists = summary?.lists ?? [];
  const currentList = view.kind === 'list' ? lists.find((list) => list.id === view.listId) : undefined;
  const title = view.kind === 'optOuts' ? t('contacts.optOutList') : (currentList?.name ?? t('contacts.allContacts'));
  const nothingYet = summary !== null && summary.allContacts === 0 && summary.lists.length === 0 && view.kind === 'all';

  return (
    <div
      className={dropping ? 'drop-target drop-target--over' : 'drop-target'}
      onDragOver={(event) => {
        if (dialog.kind !== 'none' || !event.dataTransfer.types.includes('Files')) return;
        event.preventDefault();
        setDropping(true);
      }}
      onDragLeave={(event) => {
        if (event.currentTarget === event.target) setDropping(false);
      }}
      onDrop={(event) => {
        setDropping(false);
        const file = event.dataTransfer.files[0];
        if (dialog.kind !== 'none' || !file) return;
        event.preventDefault();
        setDialog({ kind: 'import', file });
      }}
    >
      {dropping ? <div className="drop-target__hint">{t('import.dropHere')}</div> : null}
      <ScreenHeader
        title={t('contacts.title')}
        actions={
          canEdit ? (
            <>
              <button type="button" className="button button--secondary" onClick={() => setDialog({ kind: 'edit', contact: null })}>
                {t('contacts.add')}
              </button>
              <button type="button" className="button" onClick={() => setDialog({ kind: 'import' })}>
                {t('contacts.import')}
              </button>
            </>
          ) : undefined
        }
      />
      {error ? <ErrorNotice error={error} onRetry={() => void reload(api)} /> : null}
      {nothingYet ? (
        <EmptyState
          icon="contacts"
          title={t('contacts.empty.title')}
          actions={
            canEdit ? (
              <button type="button" className="button" onClick={() => setDialog({ kind: 'import' })}>
                {t('contacts.import')}
              </button>
            ) : undefined
          }
        >
          {t('contacts.empty.body')}
        </EmptyState>
      ) : (
        <div className="contacts-layout">
          <ListsNav lists={lists} allContacts={summary?.allContacts ?? 0} optOuts={summary?.optOuts ?? 0} view={view} onSelect={setView} />
          <section className="contacts-main" aria-label={title}>
            <div className="contacts-main__bar">
              <div className="contacts-main__title">
                <h2>{title}</h2>
                {currentList ? (
                  <ListActions
                    key={currentList.id}
                    list={currentList}
                    onRenamed={refresh}
                    onDeleted={() => {
                      setView({ kind: 'all' });
                      refresh();
                    }}
                  />
                ) : null}
              </div>
              {view.kind !== 'optOuts' ? (
                <div className="contacts-main__filters">
                  <label className={optedOutOnly ? 'chip chip--on' : 'chip'}>
                    <input type="checkbox" checked={optedOutOnly} onChange={(event) => setOptedOutOnly(event.target.checked)} />
                    {t('contacts.optedOutOnly')}
                  </label>
                  <input
                    type="search"
                    className="search"
                    aria-label={t('contacts.search')}
                    placeholder={t('contacts.searchPlaceholder')}
                    value={search}
                    onChange={(event) => setSearch(event.target.value)}
                  />
                </div>
              ) : null}
            </div>
            {view.kind === 'optOuts' ? (
              <OptOutView onChanged={refresh} />
            ) : (
              <ContactsTable
                filter={{ ...(view.kind === 'list' ? { listId: view.listId } : {}), text, optedOutOnly }}
                refreshToken={refreshToken}
                onEdit={(contact) => setDialog({ kind: 'edit', contact })}
                onDelete={(contact) => setDialog({ kind: 'delete', contact })}
              />
            )}
          </section>
        </div>
      )}
      {dialog.kind === 'edit' ? (
        <ContactDialog
          contact={dialog.contact}
          listId={view.kind === 'list' ? view.listId : null}
          onClose={() => setDialog({ kind: 'none' })}
          onSaved={(saved) => {
            setDialog({ kind: 'none' });
            refresh();
            showToast({ tone: 'ok', message: t('contacts.saved', { name: saved.name ?? saved.phoneE164 }) });
          }}
          onDelete={(contact) => setDialog({ kind: 'delete', contact })}
          onOptOut={(contact) => void optOut(contact)}
          onErased={(contact) => {
            setDialog({ kind: 'none' });
            refresh();
            showToast({ tone: 'ok', message: t('privacy.erased', { who: contact.name ?? formatPhoneNumber(contact.phoneE164) }) });
          }}
        />
      ) : null}
      {dialog.kind === 'delete' ? (
        <ConfirmDialog
          title={t('contacts.deleteTitle', { name: dialog.contact.name ?? dialog.contact.phoneE164 })}
          confirmLabel={t('common.delete')}
          danger
          onCancel={() => setDialog({ kind: 'none' })}
          onConfirm={() => void deleteContact(dialog.contact)}
        >
          <p>{t('contacts.deleteExplain')}</p>
        </ConfirmDialog>
      ) : null}
      {dialog.kind === 'import' ? (
        <ImportWizard
          lists={lists}
          {...(dialog.file ? { initialFile: dialog.file } : {})}
          onClose={() => setDialog({ kind: 'none' })}
          onImported={(listId) => {
            refresh();
            setView({ kind: 'list', listId });
          }}
        />
      ) : null}
    </div>
  );
}
