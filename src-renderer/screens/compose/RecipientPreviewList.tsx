import type { RecipientPreview } from '../../../src-shared/api/methods/compose';
import { Badge } from '../../components/Badge';
import { useTranslation } from '../../i18n/use-translation';
import { formatPhoneNumber } from '../../components/phone-format';

export function RecipientPreviewList({ recipients, loading, emptyText }: { recipients: RecipientPreview[] | null; loading: boolean; emptyText: string }) {
  const { t } = useTranslation();
  if (!recipients) return <p className="muted">{loading ? t('common.loading') : emptyText}</p>;
  if (recipients.length === 0) return <p className="muted">{t('compose.listEmpty')}</p>;
  return (
    <ol className="previews" data-testid="recipient-previews" aria-busy={loading}>
      {recipients.map((recipient) => (
        <li key={recipient.contactId} className={recipient.optedOut ? 'preview preview--muted' : 'preview'}>
          <div className="preview__head">
            <span className="preview__who">{recipient.name ?? formatPhoneNumber(recipient.phoneE164)}</span>
            {recipient.name ? <span className="muted mono-number">{formatPhoneNumber(recipient.phoneE164)}</span> : null}
            <span className="preview__badges">
              {recipient.optedOut ? <Badge tone="danger">{t('compose.optedOutSkip')}</Badge> : null}
              {recipient.missingFields.length > 0 ? (
                <Badge tone="warn" title={t('compose.missingHelp')}>
                  {t('compose.missing', { fields: recipient.missingFields.join(', ') })}
                </Badge>
              ) : null}
              {recipient.encoding === 'ucs2' ? <Badge tone="neutral">{t('counter.unicodeShort')}</Badge> : null}
              <Badge tone={recipient.parts > 1 ? 'accent' : 'neutral'}>{t('counter.parts', { count: recipient.parts })}</Badge>
            </span>
          </div>
          <p className="preview__text">{recipient.text || <span className="muted">{t('compose.emptyText')}</span>}</p>
        </li>
      ))}
    </ol>
  );
}
