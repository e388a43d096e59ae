import { useState } from 'react';
import type { ApiResult } from '../../../src-shared/api';
import type { InboxThread } from '../../../src-shared/api/methods/inbox';
import { useApi } from '../../app/api-context';
import { Badge } from '../../components/Badge';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatPhoneNumber } from '../../components/phone-format';
import { useFormat } from '../../i18n/use-format';
import { useTranslation } from '../../i18n/use-translation';
import { useHasRole } from '../auth/auth-store';
import { buildTimeline, type AnswerEntry, type ReplyEntry } from './timeline';

export function threadTitle(thread: InboxThread): string {
  return thread.name ?? (thread.phoneE164 ? formatPhoneNumber(thread.phoneE164) : null) ?? thread.senderRaw ?? '?';
}

/** One person's replies and Fanout's automatic answers; near misses wait here for a decision. */
export function ConversationView({ conversation, onChanged }: { conversation: ApiResult<'inbox.thread'> & { thread: InboxThread }; onChanged: () => void }) {
  const { t } = useTranslation();
  const { thread } = conversation;
  return (
    <>
      <header className="conversation__head">
        <div>
          <h2>{threadTitle(thread)}</h2>
          {thread.name && thread.phoneE164 ? <span className="muted mono-number">{formatPhoneNumber(thread.phoneE164)}</span> : null}
        </div>
        {thread.optedOut ? <Badge tone="danger">{t('inbox.onOptOutList')}</Badge> : null}
      </header>
      <ol className="bubbles">
        {buildTimeline(conversation).map((entry) =>
          entry.kind === 'reply' ? <ReplyBubble key={`r${entry.reply.id}`} reply={entry.reply} onChanged={onChanged} /> : <AnswerBubble key={`a${entry.answer.id}`} answer={entry.answer} />,
        )}
      </ol>
    </>
  );
}

const BUBBLE_CLASS: Record<NonNullable<ReplyEntry['keyword']>, string> = {
  stop: 'bubble bubble--stop',
  start: 'bubble bubble--start',
  help: 'bubble bubble--help',
  'near-miss': 'bubble bubble--look',
};

function ReplyBubble({ reply, onChanged }: { reply: ReplyEntry; onChanged: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const waiting = reply.keyword === 'near-miss' && reply.reviewedAt === null;
  const meaning =
    reply.keyword === 'near-miss' ? t('keywords.meaning.nearMiss') : reply.keyword ? t(`keywords.meaning.${reply.keyword}`) : null;
  return (
    // Once decided, a near miss is an ordinary reply again; its meta line keeps what it looked like.
    <li className={reply.keyword && (waiting || reply.keyword !== 'near-miss') ? BUBBLE_CLASS[reply.keyword] : 'bubble'} data-keyword={reply.keyword ?? undefined} data-testid="reply">
      {waiting ? (
        <span className="bubble__flag">
          <Badge tone="warn">{t('keywords.needsLook')}</Badge>
        </span>
      ) : null}
      <p>{reply.body ?? <span className="muted">{t('inbox.erased')}</span>}</p>
      <span className="bubble__meta">
        {format.dateTime(reply.receivedAt)}
        {meaning ? ` · ${meaning}` : ''}
      </span>
      {reply.reviewedAt !== null ? (
        <span className="bubble__reviewed">{t('keywords.reviewed', { name: reply.reviewedBy ?? '?', when: format.dateTime(reply.reviewedAt) })}</span>
      ) : null}
      {waiting ? <NearMissDecision inboundId={reply.id} onChanged={onChanged} /> : null}
    </li>
  );
}

function NearMissDecision({ inboundId, onChanged }: { inboundId: number; onChanged: () => void }) {
  const api = useApi();
  const { t } = useTranslation();
  const maySend = useHasRole('sender');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const decide = async (decision: 'opt-out' | 'no-action') => {
    setBusy(true);
    setError(null);
    try {
      await api.call('inbox.review', { inboundId, decision });
      onChanged();
    } catch (reason) {
      setError(reason instanceof Error ? reason : new Error(String(reason)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="near-miss" data-testid="near-miss-decision">
      <p>{t('keywords.nearMissExplain')}</p>
      <div className="near-miss__actions">
        <button type="button" className="button button--danger" disabled={busy || !maySend} onClick={() => void decide('opt-out')}>
          {t('keywords.optOutAction')}
        </button>
        <button type="button" className="button button--secondary" disabled={busy || !maySend} onClick={() => void decide('no-action')}>
          {t('keywords.noAction')}
        </button>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}

function AnswerBubble({ answer }: { answer: AnswerEntry }) {
  const { t } = useTranslation();
  const format = useFormat();
  const state =
    answer.state === 'sent'
      ? t('keywords.answerState.sent', { when: format.dateTime(answer.sentAt ?? answer.createdAt) })
      : answer.state === 'failed'
        ? t('keywords.answerState.failed', { reason: answer.reason ?? '?' })
        : t('keywords.answerState.queued');
  return (
    <li className={`bubble bubble--out bubble--out-${answer.state}`} data-testid="auto-reply" data-state={answer.state}>
      <span className="bubble__label">
        {t('keywords.answerFrom')} · {t(`keywords.answer.${answer.kind}`)}
      </span>
      <p>{answer.body ?? <span className="muted">{t('inbox.erased')}</span>}</p>
      <span className="bubble__meta">{state}</span>
    </li>
  );
}
