// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../api/api-call-error';
import { en } from '../i18n/en';
import { languages } from '../i18n/languages';
import { translate } from '../i18n/use-translation';
import { describeError, errorToastText } from './error-text';

const notFound = new ApiCallError({ code: 'not-found', message: 'That campaign does not exist any more.' });

describe('describeError', () => {
  it("keeps the service's own specific sentence in English", () => {
    expect(describeError(notFound, 'en')).toEqual({ message: 'That campaign does not exist any more.', serviceText: null, details: [], refusedInput: false });
  });

  it('translates by code in German and Chinese, keeping the specific English sentence beside it', () => {
    const german = describeError(notFound, 'de');
    expect(german.message).toBe(translate('de', 'error.code.not-found'));
    expect(german.message).toMatch(/gibt es nicht mehr/);
    expect(german.serviceText).toBe('That campaign does not exist any more.');
    expect(describeError(notFound, 'zh').message).toBe(translate('zh', 'error.code.not-found'));
  });

  it('drops the English sentence where the code says it all (roles, lock, sign-in, internal)', () => {
    for (const code of ['forbidden', 'locked', 'not-signed-in', 'internal', 'unauthorized']) {
      // The loop's codes are plain strings; each is one of the contract's codes.
      const error = new ApiCallError({ code: code as 'forbidden', message: 'English words' });
      const text = describeError(error, 'de');
      expect(text.serviceText, code).toBeNull();
      expect(text.message, code).not.toContain('English');
    }
    expect(describeError(new ApiCallError({ code: 'locked', message: 'x' }), 'zh').message).toBe('Fanout 已锁定。请重新登录以继续。');
  });

  it('falls back to the English message for a code it has no translation for', () => {
    const error = new ApiCallError({ code: 'brand-new-code' as 'conflict', message: 'Something new happened.' });
    expect(describeError(error, 'de')).toMatchObject({ message: 'Something new happened.', serviceText: null });
  });

  it('shows refused input by field, without field paths, and without the generic contract sentence', () => {
    const error = new ApiCallError({
      code: 'bad-request',
      message: 'The request "settings.update" was refused because its details are not valid.',
      details: ['args.retentionDays: Keep message texts for at least 1 day, or choose to keep them.'],
    });
    const english = describeError(error, 'en');
    expect(english).toMatchObject({ refusedInput: true, details: ['Keep message texts for at least 1 day, or choose to keep them.'] });
    expect(english.message).not.toContain('settings.update');
    expect(describeError(error, 'de')).toMatchObject({ message: translate('de', 'error.code.bad-request'), serviceText: null });
  });

  it('says Fanout did not answer when the request never reached it', () => {
    expect(describeError(new TypeError('Failed to fetch'), 'de').message).toBe(translate('de', 'error.code.network'));
    expect(describeError(new Error('Datei zu groß'), 'de').message).toBe('Datei zu groß');
  });

  it('has a translation of every code in every language', () => {
    const codeKeys = Object.keys(en).filter((key) => key.startsWith('error.code.'));
    expect(codeKeys.length).toBeGreaterThanOrEqual(11);
    for (const language of languages) for (const key of codeKeys) expect(translate(language, key as keyof typeof en)).not.toBe('');
  });
});

describe('errorToastText', () => {
  it('puts the translation first and the service sentence after it', () => {
    expect(errorToastText(notFound, 'de')).toBe(`${translate('de', 'error.code.not-found')} Meldung von Fanout (englisch): That campaign does not exist any more.`);
    expect(errorToastText(notFound, 'en')).toBe('That campaign does not exist any more.');
  });
});
