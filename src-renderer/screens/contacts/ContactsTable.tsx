import { useCallback } from 'react';
import type { ContactRow } from '../../../src-shared/api/methods/contacts';
import { Badge } from '../../components/Badge';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { VirtualTable } from '../../components/VirtualTable';
import { useFormat } from '../../i18n/use-format';
import { useTranslation } from '../../i18n/use-translation';
import { useContactPages, type ContactFilter } from './use-contact-pages';
import { formatPhoneNumber } from '../../components/phone-format';

function fieldSummary(fields: Record<string, string>): string {
  return Object.entries(fields)
    .filter(([, value]) => value.trim() !== '')
    .map(([name, value]) => `${name}: ${value}`)
    .join(' · ');
}

export function ContactsTable({
  filter,
  refreshToken,
  onEdit,
  onDelete,
}: {
  filter: ContactFilter;
  refreshToken: number;
  onEdit: (contact: ContactRow) => void;
  onDelete: (contact: ContactRow) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { total, rowAt, requestRange, error, clearError } = useContactPages(filter, refreshToken);
  const onRangeChange = useCallback((first: number, last: number) => requestRange(first, last), [requestRange]);

  const columns = [
    { key: 'phone', label: t('contacts.column.phone'), width: '148px' },
    { key: 'name', label: t('contacts.column.name'), width: 'minmax(0, 1fr)' },
    { key: 'fields', label: t('contacts.column.fields'), width: 'minmax(0, 1.6fr)' },
    { key: 'status', label: t('contacts.column.status'), width: '112px' },
    { key: 'actions', label: t('contacts.column.actions'), width: '80px' },
  ];

  return (
    <div className="contacts-table">
      <p className="contacts-table__count" aria-live="polite" data-testid="contacts-count">
        {total === null ? t('contacts.counting') : t('contacts.count', { count: format.number(total) })}
      </p>
      {error ? <ErrorNotice error={error} onRetry={clearError} /> : null}
      {total === 0 ? (
        <p className="contacts-table__empty">{filter.text ? t('contacts.noMatches', { text: filter.text }) : filter.optedOutOnly ? t('contacts.noneOptedOut') : t('contacts.emptyList')}</p>
      ) : (
        <VirtualTable
          label={t('contacts.tableLabel')}
          testId="contacts-table"
          columns={columns}
          rowCount={total ?? 0}
          onRangeChange={onRangeChange}
          onOpen={(index) => {
            const contact = rowAt(index);
            if (contact) onEdit(contact);
          }}
          onDelete={(index) => {
            const contact = rowAt(index);
            if (contact) onDelete(contact);
          }}
          renderCells={(index) => {
            const contact = rowAt(index);
            if (!contact) return null;
            return [
              <span className="mono-number" key="phone">
                {formatPhoneNumber(contact.phoneE164)}
              </span>,
              <span className="ellipsis" key="name" title={contact.name ?? undefined}>
                {contact.name ?? <span className="muted">{t('contacts.noName')}</span>}
              </span>,
              <span className="ellipsis muted" key="fields" title={fieldSummary(contact.fields)}>
                {fieldSummary(contact.fields)}
              </span>,
              contact.optedOut ? (
                <Badge tone="danger" key="status" title={t('contacts.optedOutHelp')}>
                  {t('contacts.optedOut')}
                </Badge>
              ) : (
                <Badge tone="ok" key="status">
                  {t('contacts.active')}
                </Badge>
              ),
              <span className="row-actions" key="actions">
                <button
                  type="button"
                  className="icon-button"
                  tabIndex={-1}
                  title={t('common.edit')}
                  aria-label={t('contacts.editNamed', { name: contact.name ?? contact.phoneE164 })}
                  onClick={() => onEdit(contact)}
                >
                  <Icon name="compose" size={18} />
                </button>
                <button
                  type="button"
                  className="icon-button icon-button--danger"
                  tabIndex={-1}
                  title={t('common.delete')}
                  aria-label={t('contacts.deleteNamed', { name: contact.name ?? contact.phoneE164 })}
                  onClick={() => onDelete(contact)}
                >
                  <Icon name="trash" size={18} />
                </button>
              </span>,
            ];
          }}
        />
      )}
      <p className="muted contacts-table__hint">{t('contacts.keyboardHint')}</p>
    </div>
  );
}
