import type { ContactListSummary } from '../../../src-shared/api/methods/contacts';
import { useFormat } from '../../i18n/use-format';
import { useTranslation } from '../../i18n/use-translation';

export type ContactsView = { kind: 'all' } | { kind: 'list'; listId: number } | { kind: 'optOuts' };

export function sameView(a: ContactsView, b: ContactsView): boolean {
  return a.kind === b.kind && (a.kind !== 'list' || (b.kind === 'list' && a.listId === b.listId));
}

/** All contacts, each list with its size, and the opt-out list. */
export function ListsNav({
  lists,
  allContacts,
  optOuts,
  view,
  onSelect,
}: {
  lists: ContactListSummary[];
  allContacts: number;
  optOuts: number;
  view: ContactsView;
  onSelect: (view: ContactsView) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const item = (target: ContactsView, label: string, count: number, note?: string) => {
    const selected = sameView(view, target);
    return (
      <li key={target.kind === 'list' ? `list-${target.listId}` : target.kind}>
        <button
          type="button"
          className={selected ? 'lists-nav__item lists-nav__item--on' : 'lists-nav__item'}
          aria-current={selected ? 'true' : undefined}
          onClick={() => onSelect(target)}
        >
          <span className="lists-nav__name">{label}</span>
          <span className="lists-nav__count">{format.number(count)}</span>
          {note ? <span className="lists-nav__note">{note}</span> : null}
        </button>
      </li>
    );
  };
  return (
    <nav className="lists-nav" aria-label={t('contacts.lists')}>
      <ul>{item({ kind: 'all' }, t('contacts.allContacts'), allContacts)}</ul>
      <h2 className="lists-nav__heading">{t('contacts.lists')}</h2>
      {lists.length === 0 ? <p className="muted lists-nav__empty">{t('contacts.noLists')}</p> : null}
      <ul>
        {lists.map((list) =>
          item(
            { kind: 'list', listId: list.id },
            list.name,
            list.memberCount,
            list.optedOutCount > 0 ? t('contacts.listOptedOut', { count: format.number(list.optedOutCount) }) : undefined,
          ),
        )}
      </ul>
      <h2 className="lists-nav__heading">{t('contacts.doNotContact')}</h2>
      <ul>{item({ kind: 'optOuts' }, t('contacts.optOutList'), optOuts)}</ul>
    </nav>
  );
}
