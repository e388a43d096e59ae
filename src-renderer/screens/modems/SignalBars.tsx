/** Five bars like a phone's, with the number for screen readers. */
export function SignalBars({ bars, label }: { bars: number | null; label: string }) {
  return (
    <span className="signal" role="img" aria-label={label} title={label}>
      {[1, 2, 3, 4, 5].map((level) => (
        <span key={level} className={`signal__bar signal__bar--${level}${bars !== null && level <= bars ? ' signal__bar--on' : ''}`} />
      ))}
    </span>
  );
}
