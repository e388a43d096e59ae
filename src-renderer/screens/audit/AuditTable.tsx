import { useFormat } from '../../i18n/use-format';
import { useTranslation } from '../../i18n/use-translation';
import { actionDomain, actionLabel, detailPairs } from './action-labels';
import type { AuditEntryRow } from './use-audit-pages';

const attentionDomains = new Set(['access', 'person']);
const attentionActions = new Set(['operator.login-failed', 'operator.locked-out', 'suppression.remove', 'db.rekey']);

/** The entries newest first; refused requests and erasures stand out. */
export function AuditTable({ entries }: { entries: readonly AuditEntryRow[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="table-scroll">
      <table className="table audit-table" data-testid="audit-table">
        <thead>
          <tr>
            <th scope="col" className="audit-table__seq">
              {t('audit.column.seq')}
            </th>
            <th scope="col">{t('audit.column.at')}</th>
            <th scope="col">{t('audit.column.actor')}</th>
            <th scope="col">{t('audit.column.action')}</th>
            <th scope="col">{t('audit.column.subject')}</th>
            <th scope="col">{t('audit.column.details')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const attention = attentionDomains.has(actionDomain(entry.action)) || attentionActions.has(entry.action);
            return (
              <tr key={entry.seq} className={attention ? 'audit-table__row--attention' : undefined}>
                <td className="audit-table__seq">{entry.seq}</td>
                <td>{format.dateTime(entry.at)}</td>
                <td>
                  {entry.actor}
                  {entry.operatorId === null ? null : <span className="visually-hidden"> #{entry.operatorId}</span>}
                </td>
                <td>
                  <span className="audit-table__action" title={entry.action}>
                    {actionLabel(t, entry.action)}
                  </span>
                </td>
                <td className="audit-table__subject">{entry.subject ?? ''}</td>
                <td className="audit-table__details">
                  {detailPairs(entry.details).map((pair) => (
                    <span key={pair.key} className="audit-table__detail">
                      <span className="muted">{pair.key}</span> {pair.value}
                    </span>
                  ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
