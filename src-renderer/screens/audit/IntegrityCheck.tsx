import type { ApiResult } from '../../../src-shared/api';
import { useFormat } from '../../i18n/use-format';
import { useTranslation } from '../../i18n/use-translation';

export type AuditVerification = ApiResult<'audit.verify'>;

/** The result of "Check integrity" in plain words: intact, or each problem by entry number. */
export function IntegrityResult({ result }: { result: AuditVerification }) {
  const { t } = useTranslation();
  const format = useFormat();
  const fileMissing = result.anchors.some((anchor) => anchor.where === 'file' && anchor.state !== 'present');
  if (result.ok) {
    return (
      <div className="notice notice--ok" role="status" data-testid="audit-integrity">
        <strong>{t('audit.verify.ok')}</strong>
        <p>{t('audit.verify.okBody', { count: format.number(result.checked) })}</p>
        {fileMissing ? <p className="muted">{t('audit.verify.noFile')}</p> : null}
      </div>
    );
  }
  return (
    <div className="notice notice--error" role="alert" data-testid="audit-integrity">
      <strong>{t('audit.verify.broken')}</strong>
      <p>{t('audit.verify.brokenBody', { count: format.number(result.checked), problems: format.number(result.problems.length) })}</p>
      <ul>
        {result.problems.map((problem) => (
          <li key={`${problem.kind}-${problem.seq}`} title={problem.message}>
            {t(`audit.problem.${problem.kind}`, { seq: problem.seq })}
          </li>
        ))}
      </ul>
      {fileMissing ? <p className="muted">{t('audit.verify.noFile')}</p> : null}
    </div>
  );
}
