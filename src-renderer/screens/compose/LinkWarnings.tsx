import { useMemo } from 'react';
import { checkLinks, type LinkWarning } from '../../../src-shared/compose/link-warnings';
import { useTranslation } from '../../i18n/use-translation';

/** One entry per suspicious link, with every reason it may read like phishing. */
function groupByLink(warnings: readonly LinkWarning[]): LinkWarning[][] {
  const groups = new Map<number, LinkWarning[]>();
  for (const warning of warnings) groups.set(warning.link.start, [...(groups.get(warning.link.start) ?? []), warning]);
  return [...groups.values()];
}

/** Flags links recipients are taught to distrust: plain http, shorteners, look-alikes of known brands. */
export function LinkWarnings({ template }: { template: string }) {
  const { t } = useTranslation();
  const groups = useMemo(() => groupByLink(checkLinks(template)), [template]);
  if (groups.length === 0) return null;
  return (
    <div className="notice notice--warn link-warnings" role="status" data-testid="link-warnings">
      <strong>{t('links.title')}</strong>
      <p>{t('links.intro')}</p>
      <ul>
        {groups.map((warnings) => {
          const [first] = warnings;
          if (!first) return null;
          const hidden = first.displayHost !== first.link.host;
          return (
            <li key={first.link.start}>
              <code className="link-warnings__link">{first.link.text}</code>
              {hidden ? <span className="muted small"> {t('links.shownAs', { host: first.displayHost })}</span> : null}
              <ul>
                {warnings.map((warning) => (
                  <li key={warning.reason}>{t(`links.${warning.reason}`, { brand: warning.brand ?? '' })}</li>
                ))}
              </ul>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
