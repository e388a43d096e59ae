import type { ApiResult } from '../../../src-shared/api';
import { useFormat } from '../../i18n/use-format';
import { useTranslation } from '../../i18n/use-translation';

export function CostEstimate({ estimate, loading, emptyText }: { estimate: ApiResult<'compose.estimate'> | null; loading: boolean; emptyText: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!estimate) return <p className="muted">{loading ? t('common.loading') : emptyText}</p>;
  const about = estimate.exact ? '' : `${t('compose.about')} `;
  return (
    <div aria-busy={loading} data-testid="cost-estimate">
      <dl className="figures figures--compact">
        <div className="figure">
          <dt>{t('compose.recipients')}</dt>
          <dd>{format.number(estimate.recipients)}</dd>
        </div>
        <div className="figure">
          <dt>{t('compose.totalParts')}</dt>
          <dd data-testid="estimate-parts">
            {about}
            {format.number(estimate.totalParts)}
          </dd>
        </div>
        <div className="figure figure--accent">
          <dt>{t('compose.cost')}</dt>
          <dd data-testid="estimate-cost">
            {about}
            {format.money(estimate.cost, estimate.currency)}
          </dd>
        </div>
      </dl>
      <p className="muted small">
        {t('compose.priceNote', { price: format.money(estimate.pricePerPart, estimate.currency) })}
        {estimate.optedOut > 0 ? ` ${t('compose.optedOutNote', { count: format.number(estimate.optedOut) })}` : ''}
        {estimate.exact ? '' : ` ${t('compose.sampleNote')}`}
      </p>
      {estimate.withMissingFields > 0 ? <p className="field__help field__help--warn">{t('compose.missingNote', { count: format.number(estimate.withMissingFields) })}</p> : null}
      {estimate.ucs2Count > 0 && estimate.ucs2Count < estimate.recipients ? (
        <p className="muted small">{t('compose.someUnicode', { count: format.number(estimate.ucs2Count) })}</p>
      ) : null}
    </div>
  );
}
