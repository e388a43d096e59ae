import { useEffect, useState } from 'react';
import type { ApiResult } from '../../../src-shared/api';
import { useApi } from '../../app/api-context';
import { useFormat } from '../../i18n/use-format';
import { useTranslation } from '../../i18n/use-translation';

/** When the retention clean-up last ran and what it deleted, so the setting visibly does something. */
export function RetentionLastRun() {
  const api = useApi();
  const { t } = useTranslation();
  const format = useFormat();
  const [status, setStatus] = useState<ApiResult<'privacy.retentionStatus'> | null>(null);
  useEffect(() => {
    let live = true;
    api.call('privacy.retentionStatus', {}).then(
      (result) => live && setStatus(result),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);
  if (!status) return null;
  const last = status.lastRun;
  return (
    <p className="muted small" data-testid="retention-last-run">
      {last ? t('retention.lastRun', { at: format.dateTime(last.ranAt), messages: last.messages, replies: last.replies, autoReplies: last.autoReplies }) : t('retention.neverRun')}
    </p>
  );
}
