import { describe, expect, it } from 'vitest';
import { countMessage } from '../../../src-shared/sms/counter';
import { DEFAULT_ANSWER_TEXTS } from './built-in-keywords';
import { createKeywordMatcher, isOneEditAway } from './keyword-matcher';
import { createKeywordPolicy } from './keyword-policy';

const matcher = createKeywordMatcher({ stop: ['Austragen', 'Schluß'], help: ['Hilfe?'] });
const kind = (text: string) => matcher.classify(text)?.keyword ?? null;

describe('keyword replies', () => {
  it.each([
    // English, German, French, Spanish, Chinese STOP words, trimmed and case folded
    ['STOP', 'stop'],
    ['stop', 'stop'],
    [' Stop\n', 'stop'],
    ['  Stopp ', 'stop'],
    ['abmelden', 'stop'],
    ['UnSubscribe', 'stop'],
    ['END', 'stop'],
    ['quit', 'stop'],
    ['Cancel', 'stop'],
    ['opt   out', 'stop'],
    ['arret', 'stop'],
    ['Arrêt', 'stop'],
    ['ARRÊT', 'stop'],
    ['baja', 'stop'],
    ['退订', 'stop'],
    [' 退订 ', 'stop'],
    ['退訂', 'stop'],
    ['td', 'stop'],
    // full-width letters from a CJK keyboard, and the full stop keyboards add by themselves
    ['ＳＴＯＰ', 'stop'],
    ['ｓｔｏｐｐ', 'stop'],
    ['STOP.', 'stop'],
    ['STOP .', 'stop'],
    ['退订。', 'stop'],
    ['ＳＴＯＰ．', 'stop'],
    // a zero-width joiner or BOM pasted along
    ['\uFEFFSTOP\u200D', 'stop'],
    // words the user added, compared the same way, ß and ss alike
    ['austragen', 'stop'],
    ['SCHLUSS', 'stop'],
    ['schluss', 'stop'],
    ['SCHLUẞ', 'stop'],
    ['Schluß', 'stop'],
    // START and HELP in every language
    ['START', 'start'],
    ['Unstop', 'start'],
    ['anmelden', 'start'],
    ['ALTA', 'start'],
    ['订阅', 'start'],
    ['HELP', 'help'],
    ['hilfe', 'help'],
    ['Aide', 'help'],
    ['AYUDA', 'help'],
    ['帮助', 'help'],
    ['ＨＥＬＰ', 'help'],
  ])('%j is exactly %s', (reply, keyword) => {
    expect(kind(reply)).toBe(keyword);
  });

  it.each([
    'stop please',
    'Stopp!!',
    'STOP!',
    '"STOP"',
    'STOP 🙏',
    '¡Baja!',
    'bitte abmelden',
    'Bitte abmelden!',
    'nicht abmelden',
    'please unsubscribe me',
    'Stopping',
    'stoppt das',
    'STPO',
    'Abmelen',
    'unsubscibe',
    '请帮我退订',
    '退订！',
    'Ich möchte mich austragen',
    'Schluss jetzt',
    'opt out please',
  ])('%j is a near miss for a person to look at', (reply) => {
    expect(kind(reply)).toBe('near-miss');
  });

  it.each([
    '',
    '   ',
    'Danke, bis Montag!',
    'Wer ist da?',
    // everyday words that are STOP words only on their own
    'Can I cancel my appointment?',
    'I will be there at the end of the day',
    'Quit joking',
    // START and HELP are not flagged as near misses: they change nothing without a person
    'Start again please',
    'Help!',
    'STARTS',
    'Top',
    'stoß',
  ])('%j is an ordinary reply', (reply) => {
    expect(kind(reply)).toBeNull();
  });

  it('treats a word on two lists as STOP, so no one is kept who asked to leave', () => {
    const both = createKeywordMatcher({ start: ['STOPP', 'Weiter'], help: ['weiter'] });
    expect(both.classify('stopp')?.keyword).toBe('stop');
    expect(both.classify('WEITER')?.keyword).toBe('start');
  });

  it('counts one edit of any kind, never two', () => {
    expect(isOneEditAway('stpo', 'stop')).toBe(true);
    expect(isOneEditAway('sop', 'stop')).toBe(true);
    expect(isOneEditAway('sttop', 'stop')).toBe(true);
    expect(isOneEditAway('shop', 'stop')).toBe(true);
    expect(isOneEditAway('stop', 'stop')).toBe(false);
    expect(isOneEditAway('spot', 'stop')).toBe(false);
    expect(isOneEditAway('退订啊', '退订')).toBe(true);
  });
});

describe('keyword answers', () => {
  it('answers in the language of the word, or the default country’s language for a shared word', () => {
    const policy = createKeywordPolicy({ fallbackLanguage: 'de' });
    const answer = (text: string) => {
      const match = policy.classify(text);
      return match ? policy.answerTo(match) : null;
    };
    expect(answer('STOP')).toEqual({ kind: 'stop-confirmation', text: DEFAULT_ANSWER_TEXTS.de.stop });
    expect(answer('unsubscribe')).toEqual({ kind: 'stop-confirmation', text: DEFAULT_ANSWER_TEXTS.en.stop });
    expect(answer('Arrêt')).toEqual({ kind: 'stop-confirmation', text: DEFAULT_ANSWER_TEXTS.fr.stop });
    expect(answer('BAJA')).toEqual({ kind: 'stop-confirmation', text: DEFAULT_ANSWER_TEXTS.es.stop });
    expect(answer('退订')).toEqual({ kind: 'stop-confirmation', text: DEFAULT_ANSWER_TEXTS.zh.stop });
    expect(answer('START')).toEqual({ kind: 'start-confirmation', text: DEFAULT_ANSWER_TEXTS.de.start });
    expect(answer('AYUDA')).toEqual({ kind: 'help', text: DEFAULT_ANSWER_TEXTS.es.help });
    expect(answer('stop please')).toBeNull();
    expect(createKeywordPolicy().answerTo({ keyword: 'stop', word: 'STOP', languages: ['en', 'de'] })?.text).toBe(DEFAULT_ANSWER_TEXTS.en.stop);
  });

  it('sends nothing for an answer turned off, and the user’s own text otherwise', () => {
    const policy = createKeywordPolicy({
      settings: {
        answers: { stop: false, start: true, help: true },
        texts: { ...DEFAULT_ANSWER_TEXTS, en: { ...DEFAULT_ANSWER_TEXTS.en, help: 'Praxis Dr. Weber, 030 1234567. STOP to end.' } },
        extraWords: { stop: [], start: [], help: ['Frage'] },
      },
    });
    expect(policy.answerTo({ keyword: 'stop', word: 'STOP', languages: ['en'] })).toBeNull();
    expect(policy.answerTo({ keyword: 'help', word: 'Frage', languages: [] })?.text).toBe('Praxis Dr. Weber, 030 1234567. STOP to end.');
  });

  it('ships answers that each fit in one SMS', () => {
    for (const [language, texts] of Object.entries(DEFAULT_ANSWER_TEXTS)) {
      for (const [keyword, text] of Object.entries(texts)) expect(countMessage(text).parts, `${language} ${keyword}`).toBe(1);
    }
  });
});
