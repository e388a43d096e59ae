import { useMemo } from 'react';
import { countMessage, transliterate } from '../../../src-shared/sms';
import { useTranslation } from '../../i18n/use-translation';

/** Names the characters that force Unicode (70 instead of 160 per SMS) and replaces the ones that have a plain look-alike, only when asked. */
export function UnicodeWarning({ template, onReplace }: { template: string; onReplace: (text: string) => void }) {
  const { t } = useTranslation();
  const count = useMemo(() => countMessage(template), [template]);
  if (count.charactersForcingUcs2.length === 0) return null;
  const replaceable = new Map(count.replacements.map((replacement) => [replacement.char, replacement.replacement]));
  const withoutLookAlike = count.charactersForcingUcs2.filter((char) => !replaceable.has(char));
  const shown = (char: string) => (char.trim() === '' ? `U+${char.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}` : char);
  return (
    <div className="notice notice--warn" role="status" data-testid="unicode-warning">
      <strong>{t('unicode.title')}</strong>
      <p>
        {t('unicode.body')}{' '}
        {count.charactersForcingUcs2.map((char) => (
          <kbd key={char} className="char-chip">
            {shown(char)}
          </kbd>
        ))}
      </p>
      {replaceable.size > 0 ? (
        <button
          type="button"
          className="button button--small"
          onClick={() => onReplace(transliterate(template, (char) => replaceable.has(char)).text)}
        >
          {t('unicode.replace', { list: [...replaceable].map(([from, to]) => `${shown(from)} → ${to === '' ? t('unicode.nothing') : to}`).join(', ') })}
        </button>
      ) : null}
      {withoutLookAlike.length > 0 ? <p className="muted">{t('unicode.noLookAlike', { chars: withoutLookAlike.map(shown).join(' ') })}</p> : null}
    </div>
  );
}
