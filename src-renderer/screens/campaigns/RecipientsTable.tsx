import { useCallback, useState } from 'react';
import type { CampaignSummary } from '../../../src-shared/api';
import type { CampaignMessage } from '../../../src-shared/api/methods/campaigns';
import { Badge } from '../../components/Badge';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatPhoneNumber } from '../../components/phone-format';
import { VirtualTable } from '../../components/VirtualTable';
import type { MessageKey } from '../../i18n/en';
import { useFormat } from '../../i18n/use-format';
import { useTranslation } from '../../i18n/use-translation';
import { useCampaignMessages } from './use-campaign-messages';
import { translateBlockedReason } from './blocked-reason';
import { useDebounced } from '../../components/use-debounced';

type MessageState = CampaignMessage['state'];

/** The filter chips: "waiting" covers the messages not yet in a modem's hands and those that are. */
const FILTERS: { id: string; label: MessageKey; states: MessageState[] }[] = [
  { id: 'all', label: 'monitor.filter.all', states: [] },
  { id: 'waiting', label: 'monitor.filter.waiting', states: ['queued', 'sending'] },
  { id: 'sent', label: 'monitor.filter.sent', states: ['sent'] },
  { id: 'delivered', label: 'monitor.filter.delivered', states: ['delivered'] },
  { id: 'failed', label: 'monitor.filter.failed', states: ['failed'] },
  { id: 'unknown', label: 'monitor.filter.unknown', states: ['unknown'] },
  { id: 'skipped', label: 'monitor.filter.skipped', states: ['skipped'] },
];

const stateTone: Record<MessageState, 'neutral' | 'accent' | 'ok' | 'warn' | 'danger'> = {
  queued: 'neutral',
  sending: 'accent',
  sent: 'accent',
  delivered: 'ok',
  failed: 'danger',
  unknown: 'warn',
  skipped: 'neutral',
};

/** Today's times with seconds (a campaign's messages go out seconds apart); other days with the date. */
function compactTime(iso: string, language: string): string {
  const at = new Date(iso);
  const today = new Date().toDateString() === at.toDateString();
  return today
    ? at.toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
    : at.toLocaleString(language, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}


export function RecipientsTable({ campaign }: { campaign: CampaignSummary }) {
  const { t, language } = useTranslation();
  const format = useFormat();
  const [filterId, setFilterId] = useState('all');
  const [typed, setTyped] = useState('');
  const search = useDebounced(typed.trim(), 250);
  const filter = FILTERS.find((candidate) => candidate.id === filterId) ?? FILTERS[0];
  const states = filter?.states ?? [];
  const { total, rowAt, requestRange, error, clearError } = useCampaignMessages(campaign.id, states, search);
  const onRangeChange = useCallback((first: number, last: number) => requestRange(first, last), [requestRange]);
  const countOf = (wanted: readonly MessageState[]) =>
    wanted.length === 0 ? Object.values(campaign.counts).reduce((sum, n) => sum + (n ?? 0), 0) : wanted.reduce((sum, state) => sum + (campaign.counts[state] ?? 0), 0);

  const columns = [
    { key: 'number', label: t('monitor.column.number'), width: '150px' },
    { key: 'name', label: t('monitor.column.name'), width: 'minmax(0, 1fr)' },
    { key: 'state', label: t('monitor.column.state'), width: '116px' },
    { key: 'sent', label: t('monitor.column.sentAt'), width: '132px' },
    { key: 'modem', label: t('monitor.column.modem'), width: '120px' },
    { key: 'detail', label: t('monitor.column.detail'), width: 'minmax(0, 1.5fr)' },
  ];

  return (
    <section className="monitor-panel recipients" aria-labelledby="recipients-title">
      <div className="recipients__toolbar">
        <h2 id="recipients-title">{t('monitor.recipients')}</h2>
        <input
          type="search"
          className="search recipients__search"
          aria-label={t('monitor.search')}
          placeholder={t('monitor.searchPlaceholder')}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
        />
        <div className="chips" role="group" aria-label={t('monitor.filterLabel')}>
          {FILTERS.map((candidate) => (
            <button
              key={candidate.id}
              type="button"
              className={candidate.id === filterId ? 'chip chip--on' : 'chip'}
              aria-pressed={candidate.id === filterId}
              data-testid={`filter-${candidate.id}`}
              onClick={() => setFilterId(candidate.id)}
            >
              {t(candidate.label)} <span className="chip__count">{format.number(countOf(candidate.states))}</span>
            </button>
          ))}
        </div>
      </div>
      <p className="recipients__count muted" aria-live="polite" data-testid="recipients-count">
        {total === null ? t('common.loading') : t('monitor.matching', { count: format.number(total) })}
      </p>
      {error ? <ErrorNotice error={error} onRetry={clearError} /> : null}
      {total === 0 ? (
        <p className="recipients__empty">{search ? t('monitor.noMatches', { text: search }) : t('monitor.noneInState')}</p>
      ) : (
        <VirtualTable
          label={t('monitor.recipients')}
          testId="recipients-table"
          columns={columns}
          rowCount={total ?? 0}
          onRangeChange={onRangeChange}
          renderCells={(index) => {
            const message = rowAt(index);
            if (!message) return null;
            const detail = message.reason ? translateBlockedReason(message.reason, t) : (message.body ?? '');
            return [
              <span className="mono-number" key="number">
                {message.recipientE164 ? formatPhoneNumber(message.recipientE164) : <span className="muted">{t('monitor.erased')}</span>}
              </span>,
              <span className="ellipsis" key="name" title={message.contactName ?? undefined}>
                {message.contactName ?? <span className="muted">—</span>}
              </span>,
              <Badge tone={stateTone[message.state]} key="state">
                {t(`monitor.state.${message.state}`)}
              </Badge>,
              <span key="sent" className="muted">
                {message.sentAt ? compactTime(message.sentAt, language) : '—'}
              </span>,
              <span key="modem" className="ellipsis">
                {message.simLabel ?? <span className="muted">—</span>}
              </span>,
              <span key="detail" className={message.reason ? 'ellipsis recipients__reason' : 'ellipsis muted'} title={detail}>
                {detail}
              </span>,
            ];
          }}
        />
      )}
    </section>
  );
}
