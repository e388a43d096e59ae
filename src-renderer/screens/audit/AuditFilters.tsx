import { useTranslation } from '../../i18n/use-translation';
import { domainLabel, actionLabel, groupActions } from './action-labels';

export interface AuditFilterValues {
  action: string;
  actor: string;
  fromDay: string;
  toDay: string;
  text: string;
}

export const noAuditFilter: AuditFilterValues = { action: '', actor: '', fromDay: '', toDay: '', text: '' };

/** Filters over the log: an action or a whole domain, who, a range of days and free text. */
export function AuditFilters({
  value,
  onChange,
  actions,
  actors,
}: {
  value: AuditFilterValues;
  onChange: (value: AuditFilterValues) => void;
  actions: readonly string[];
  actors: readonly string[];
}) {
  const { t } = useTranslation();
  const set = (change: Partial<AuditFilterValues>) => onChange({ ...value, ...change });
  const filtered = value.action !== '' || value.actor !== '' || value.fromDay !== '' || value.toDay !== '' || value.text !== '';
  return (
    <div className="audit-filters" role="search">
      <div className="field">
        <label htmlFor="audit-action">{t('audit.filter.action')}</label>
        <select id="audit-action" value={value.action} onChange={(event) => set({ action: event.target.value })}>
          <option value="">{t('audit.filter.allActions')}</option>
          {groupActions(actions).map((group) => (
            <optgroup key={group.domain} label={domainLabel(t, group.domain)}>
              {group.actions.length > 1 ? <option value={group.domain}>{t('audit.filter.allOf', { domain: domainLabel(t, group.domain) })}</option> : null}
              {group.actions.map((action) => (
                <option key={action} value={action}>
                  {actionLabel(t, action)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="audit-actor">{t('audit.filter.actor')}</label>
        <select id="audit-actor" value={value.actor} onChange={(event) => set({ actor: event.target.value })}>
          <option value="">{t('audit.filter.allActors')}</option>
          {actors.map((actor) => (
            <option key={actor} value={actor}>
              {actor}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="audit-from">{t('audit.filter.from')}</label>
        <input id="audit-from" type="date" value={value.fromDay} max={value.toDay || undefined} onChange={(event) => set({ fromDay: event.target.value })} />
      </div>
      <div className="field">
        <label htmlFor="audit-to">{t('audit.filter.to')}</label>
        <input id="audit-to" type="date" value={value.toDay} min={value.fromDay || undefined} onChange={(event) => set({ toDay: event.target.value })} />
      </div>
      <div className="field audit-filters__text">
        <label htmlFor="audit-text">{t('audit.filter.text')}</label>
        <input id="audit-text" type="search" value={value.text} placeholder={t('audit.filter.textPlaceholder')} onChange={(event) => set({ text: event.target.value })} />
      </div>
      {filtered ? (
        <button type="button" className="button button--secondary audit-filters__clear" onClick={() => onChange(noAuditFilter)}>
          {t('audit.filter.clear')}
        </button>
      ) : null}
    </div>
  );
}
