import { useMemo } from 'react';
import { countMessage } from '../../../src-shared/sms';
import { useTranslation } from '../../i18n/use-translation';

/**
 * The live counter under the message box, from the same codec that builds the PDUs: which
 * alphabet the message needs, how many SMS parts, and how much room is left in the last part.
 */
export function MessageCounter({ text, sampleFor }: { text: string; sampleFor: string | null }) {
  const { t } = useTranslation();
  const count = useMemo(() => countMessage(text), [text]);
  const unicode = count.encoding === 'ucs2';
  return (
    <div className={unicode ? 'counter counter--unicode' : 'counter'} aria-live="polite" data-testid="message-counter">
      <span className="counter__item" data-testid="counter-encoding" title={unicode ? t('counter.unicodeHelp') : t('counter.gsmHelp')}>
        {unicode ? t('counter.unicode') : t('counter.gsm')}
      </span>
      <span className="counter__item counter__parts" data-testid="counter-parts">
        {count.tooLong ? t('counter.tooLong') : t('counter.parts', { count: count.parts })}
      </span>
      <span className="counter__item" data-testid="counter-left">
        {t('counter.left', { count: count.unitsLeftInPart, limit: count.perPartLimit })}
      </span>
      <span className="counter__item muted">{t('counter.characters', { count: count.characters })}</span>
      {sampleFor ? <span className="counter__sample muted">{t('counter.sampleFor', { name: sampleFor })}</span> : null}
    </div>
  );
}
