/** A determinate bar when the total is known, an indeterminate one while it is not. */
export function ProgressBar({ value, max, label }: { value: number; max: number | null; label: string }) {
  const known = max !== null && max > 0;
  const percent = known ? Math.min(100, Math.round((value / max) * 100)) : null;
  return (
    <div
      className={known ? 'progress' : 'progress progress--indeterminate'}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
    >
      <div className="progress__fill" style={{ width: percent === null ? undefined : `${percent}%` }} />
    </div>
  );
}
