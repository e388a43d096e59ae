import { useEffect, useState } from 'react';
import type { ApiResult } from '../../../src-shared/api';
import { replyLanguages, type KeywordSettings, type ReplyLanguage } from '../../../src-shared/api/methods/keywords';
import { countMessage } from '../../../src-shared/sms/counter';
import { useApi } from '../../app/api-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useTranslation } from '../../i18n/use-translation';
import { useHasRole } from '../auth/auth-store';

type KeywordsAnswer = ApiResult<'keywords.get'>;
type KeywordList = keyof KeywordSettings['extraWords'];
const LISTS: readonly KeywordList[] = ['stop', 'start', 'help'];

/**
 * STOP, START and HELP: the built-in words, the office's own, whether each is answered, and the
 * answer texts per language. One Save for all of it, like the other settings cards.
 */
export function KeywordsPanel() {
  const api = useApi();
  const { t } = useTranslation();
  const isAdmin = useHasRole('admin');
  const [loaded, setLoaded] = useState<KeywordsAnswer | null>(null);
  const [draft, setDraft] = useState<KeywordSettings | null>(null);
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<Error | null>(null);

  useEffect(() => {
    let current = true;
    api.call('keywords.get', {}).then(
      (answer) => {
        if (!current) return;
        setLoaded(answer);
        setDraft(answer.settings);
      },
      (reason: unknown) => current && setError(reason instanceof Error ? reason : new Error(String(reason))),
    );
    return () => {
      current = false;
    };
  }, [api]);

  if (!loaded || !draft) {
    return (
      <section className="panel" aria-labelledby="keywords-title" data-testid="settings-keywords">
        <h2 id="keywords-title">{t('keywords.title')}</h2>
        {error ? <ErrorNotice error={error} /> : <p className="muted">{t('common.loading')}</p>}
      </section>
    );
  }

  const dirty = JSON.stringify(draft) !== JSON.stringify(loaded.settings);
  const save = async () => {
    setStatus('saving');
    setError(null);
    try {
      const { settings } = await api.call('keywords.update', draft);
      setLoaded({ ...loaded, settings });
      setDraft(settings);
      setStatus('saved');
    } catch (reason) {
      setError(reason instanceof Error ? reason : new Error(String(reason)));
      setStatus('idle');
    }
  };

  return (
    <section className="panel keywords-panel" aria-labelledby="keywords-title" data-testid="settings-keywords">
      <h2 id="keywords-title">{t('keywords.title')}</h2>
      <p className="muted">{t('keywords.help')}</p>
      <form
        className="settings-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <fieldset className="keywords-panel__fields" disabled={!isAdmin}>
          {LISTS.map((list) => (
            <KeywordListField
              key={list}
              list={list}
              builtIn={loaded.builtIn[list].map((entry) => entry.word)}
              words={draft.extraWords[list]}
              onChange={(words) => setDraft({ ...draft, extraWords: { ...draft.extraWords, [list]: words } })}
            />
          ))}
          <AnswersField loaded={loaded} draft={draft} onChange={setDraft} />
        </fieldset>
        <div className="settings-form__actions">
          <button type="submit" className="button" disabled={!isAdmin || !dirty || status === 'saving'}>
            {status === 'saving' ? t('common.saving') : t('common.save')}
          </button>
          {status === 'saved' && !dirty ? (
            <span className="saved-note" role="status">
              ✓ {t('settings.saved')}
            </span>
          ) : null}
          {!isAdmin ? <span className="muted small">{t('keywords.adminOnly')}</span> : null}
        </div>
        {error ? <ErrorNotice error={error} /> : null}
      </form>
    </section>
  );
}

function KeywordListField({ list, builtIn, words, onChange }: { list: KeywordList; builtIn: string[]; words: string[]; onChange: (words: string[]) => void }) {
  const { t } = useTranslation();
  const [entry, setEntry] = useState('');
  const title = t(`keywords.list.${list}`);
  const add = () => {
    const word = entry.trim();
    if (word === '' || words.some((existing) => existing.toLowerCase() === word.toLowerCase())) return;
    onChange([...words, word]);
    setEntry('');
  };
  return (
    <fieldset className="keywords-list" data-testid={`keywords-${list}`}>
      <legend>{title}</legend>
      <div className="chips" aria-label={t('keywords.builtIn')}>
        {builtIn.map((word) => (
          <span key={word} className="chip chip--fixed" lang={/[\u3400-\u9fff]/.test(word) ? 'zh' : undefined}>
            {word}
          </span>
        ))}
      </div>
      <div className="keywords-list__yours">
        <span className="field__label">{t('keywords.yours')}</span>
        <div className="chips">
          {words.length === 0 ? <span className="muted small">{t('keywords.none')}</span> : null}
          {words.map((word) => (
            <span key={word} className="chip chip--on">
              {word}
              <button type="button" className="chip__remove" aria-label={t('keywords.remove', { word })} onClick={() => onChange(words.filter((w) => w !== word))}>
                ×
              </button>
            </span>
          ))}
        </div>
      </div>
      <div className="inline-form">
        <label htmlFor={`keyword-new-${list}`} className="visually-hidden">
          {t('keywords.addLabel', { list: title })}
        </label>
        <input
          id={`keyword-new-${list}`}
          type="text"
          value={entry}
          placeholder={t(`keywords.placeholder.${list}`)}
          onChange={(event) => setEntry(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="button button--secondary" onClick={add} disabled={entry.trim() === ''}>
          {t('keywords.add')}
        </button>
      </div>
    </fieldset>
  );
}

function AnswersField({ loaded, draft, onChange }: { loaded: KeywordsAnswer; draft: KeywordSettings; onChange: (settings: KeywordSettings) => void }) {
  const { t } = useTranslation();
  const [language, setLanguage] = useState<ReplyLanguage>(loaded.fallbackLanguage);
  const setText = (list: KeywordList, text: string) =>
    onChange({ ...draft, texts: { ...draft.texts, [language]: { ...draft.texts[language], [list]: text } } });
  return (
    <fieldset className="keywords-answers">
      <legend>{t('keywords.answersTitle')}</legend>
      <p className="muted small">{t('keywords.answersHelp', { language: t(`keywords.lang.${loaded.fallbackLanguage}`) })}</p>
      {LISTS.map((list) => (
        <label key={list} className="checkbox">
          <input type="checkbox" checked={draft.answers[list]} onChange={(event) => onChange({ ...draft, answers: { ...draft.answers, [list]: event.target.checked } })} />
          {t(`keywords.answerOn.${list}`)}
        </label>
      ))}
      <div className="field">
        <span className="field__label" id="keywords-language-label">
          {t('keywords.textsOf')}
        </span>
        <div className="segmented" role="radiogroup" aria-labelledby="keywords-language-label">
          {replyLanguages.map((code) => (
            <label key={code} className={code === language ? 'segmented__option segmented__option--on' : 'segmented__option'}>
              <input type="radio" name="keywords-language" value={code} checked={code === language} onChange={() => setLanguage(code)} />
              {t(`keywords.lang.${code}`)}
            </label>
          ))}
        </div>
      </div>
      {LISTS.map((list) => {
        const text = draft.texts[language][list];
        const count = countMessage(text);
        const isDefault = text === loaded.defaultTexts[language][list];
        return (
          <div key={list} className="field keywords-text">
            <label htmlFor={`keyword-text-${list}`}>{t(`keywords.text.${list}`)}</label>
            <textarea
              id={`keyword-text-${list}`}
              rows={2}
              lang={language}
              value={text}
              disabled={!draft.answers[list]}
              onChange={(event) => setText(list, event.target.value)}
            />
            <div className="keywords-text__foot">
              <span className={count.parts > 1 ? 'field__help field__help--warn' : 'field__help'}>
                {t('keywords.textCount', { characters: count.characters, parts: count.parts })}
              </span>
              {!isDefault ? (
                <button type="button" className="link-button" onClick={() => setText(list, loaded.defaultTexts[language][list])}>
                  {t('keywords.textDefault')}
                </button>
              ) : null}
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}
