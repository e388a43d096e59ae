import type { ModemSummary } from '../../../src-shared/api';
import { useFormat } from '../../i18n/use-format';
import { useTranslation } from '../../i18n/use-translation';
import { smsPerMinute, throughputSeries, type SentSample } from './modem-throughput';
import { THROUGHPUT_HISTORY_MS } from './use-modem-throughput';

const BUCKETS = 24;
/** The chart spans the time watched so far (a minute at least), up to the history kept. */
const MIN_SPAN_MS = 60_000;
const WIDTH = 300;
const HEIGHT = 90;

/** Per modem: SMS per minute now, and a line of the last five minutes (plain SVG, one colour per modem). */
export function ThroughputChart({ modems, samples, now }: { modems: readonly ModemSummary[]; samples: ReadonlyMap<number, readonly SentSample[]>; now: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const watchedSince = Math.min(now, ...[...samples.values()].map((history) => history[0]?.at ?? now));
  const spanMs = Math.min(THROUGHPUT_HISTORY_MS, Math.max(MIN_SPAN_MS, now - watchedSince));
  const lines = modems.map((modem, index) => {
    const history = samples.get(modem.simId) ?? [];
    return { modem, colour: index % 6, rate: smsPerMinute(history, now), series: throughputSeries(history, now, BUCKETS, spanMs / BUCKETS) };
  });
  const peak = Math.max(1, ...lines.flatMap((line) => line.series.map((value) => value ?? 0)));
  const x = (bucket: number) => (bucket / (BUCKETS - 1)) * WIDTH;
  const y = (value: number) => HEIGHT - 4 - (value / peak) * (HEIGHT - 8);

  return (
    <section className="monitor-panel throughput" aria-labelledby="throughput-title">
      <h2 id="throughput-title">{t('monitor.throughput')}</h2>
      {modems.length === 0 ? (
        <p className="muted">{t('monitor.noModems')}</p>
      ) : (
        <>
          <svg className="throughput__chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={t('monitor.throughputChart')}>
            {[0.25, 0.5, 0.75].map((share) => (
              <line key={share} className="throughput__grid" x1={0} x2={WIDTH} y1={HEIGHT * share} y2={HEIGHT * share} />
            ))}
            {lines.map((line) => {
              const points = line.series.flatMap((value, bucket) => (value === null ? [] : [`${x(bucket).toFixed(1)},${y(value).toFixed(1)}`]));
              return points.length > 1 ? <polyline key={line.modem.simId} className={`throughput__line throughput__line--${line.colour}`} points={points.join(' ')} /> : null;
            })}
          </svg>
          <div className="throughput__axis muted" aria-hidden="true">
            <span>{t('monitor.chartStart', { minutes: Math.round(spanMs / 60_000) })}</span>
            <span>{t('monitor.chartNow')}</span>
          </div>
          <ul className="throughput__legend">
            {lines.map((line) => (
              <li key={line.modem.simId} data-testid="modem-throughput">
                <span className={`throughput__swatch throughput__swatch--${line.colour}`} aria-hidden="true" />
                <span className="throughput__label">{line.modem.label}</span>
                <strong>{line.rate === null ? '–' : t('monitor.perMinute', { count: format.number(Math.round(line.rate)) })}</strong>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
