// Audit actions in words. Actions are dotted names ('campaign.start'); the part before the first dot
// is the domain the action filter groups by. An action without a text (added by a newer Fanout) is
// shown as it is stored.
import { en, type MessageKey } from '../../i18n/en';
import type { Translate } from '../../i18n/use-translation';

function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

export function actionDomain(action: string): string {
  const dot = action.indexOf('.');
  return dot === -1 ? action : action.slice(0, dot);
}

export function actionLabel(t: Translate, action: string): string {
  const key = `audit.action.${action}`;
  return isMessageKey(key) ? t(key) : action;
}

export function domainLabel(t: Translate, domain: string): string {
  const key = `audit.domain.${domain}`;
  return isMessageKey(key) ? t(key) : domain;
}

/** The actions in the log by domain, domains and actions in a stable order, for the filter. */
export function groupActions(actions: readonly string[]): { domain: string; actions: string[] }[] {
  const byDomain = new Map<string, string[]>();
  for (const action of [...actions].sort()) {
    const domain = actionDomain(action);
    byDomain.set(domain, [...(byDomain.get(domain) ?? []), action]);
  }
  return [...byDomain.entries()].map(([domain, grouped]) => ({ domain, actions: grouped }));
}

/** Details as "key: value" pairs, arrays joined: small JSON the service wrote (counts, ids, keys). */
export function detailPairs(details: Record<string, unknown>): { key: string; value: string }[] {
  return Object.entries(details)
    .filter(([, value]) => value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0))
    .map(([key, value]) => ({ key, value: Array.isArray(value) ? value.map((item) => (typeof item === 'object' ? JSON.stringify(item) : String(item))).join(', ') : typeof value === 'object' ? JSON.stringify(value) : String(value) }));
}
