import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_ANSWER_TEXTS } from '../engine/keywords/built-in-keywords';
import type { CallContext } from './call-context';
import { createTestService } from './test-service';

const service = createTestService();
afterAll(() => service.close());
const admin: CallContext = { transport: 'test' };
const viewer: CallContext = { transport: 'test', operator: { id: 9, username: 'vic', displayName: 'Vic', role: 'viewer' } };

async function call<T>(method: string, args: unknown, context: CallContext = admin): Promise<T> {
  const envelope = await service.call(method, args, context);
  if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.message}`);
  return envelope.value as T;
}

interface KeywordsAnswer {
  settings: { extraWords: Record<string, string[]>; answers: Record<string, boolean>; texts: Record<string, Record<string, string>> };
  builtIn: Record<string, { word: string; languages: string[] }[]>;
  fallbackLanguage: string;
}

describe('keyword settings', () => {
  it('starts with the built-in words of five languages, every answer on, and the shipped texts', async () => {
    const answer = await call<KeywordsAnswer>('keywords.get', {}, viewer);
    expect(answer.settings).toEqual({ extraWords: { stop: [], start: [], help: [] }, answers: { stop: true, start: true, help: true }, texts: DEFAULT_ANSWER_TEXTS });
    expect(answer.builtIn.stop).toEqual(expect.arrayContaining([{ word: 'STOP', languages: ['en', 'de', 'fr', 'es'] }, { word: '退订', languages: ['zh'] }, { word: 'BAJA', languages: ['es'] }]));
    expect(answer.builtIn.help?.map((entry) => entry.word)).toEqual(expect.arrayContaining(['HELP', 'HILFE', 'AIDE', 'AYUDA', '帮助']));
    expect(answer.fallbackLanguage).toBe('de');
  });

  it('saves words, answers and texts; the engine judges the next reply by them; built-in and repeated words are dropped', async () => {
    const { settings } = await call<KeywordsAnswer>('keywords.update', {
      extraWords: { stop: ['Raus', 'raus', 'STOP'], start: ['Weiter'], help: ['Frage'] },
      answers: { stop: false, start: true, help: true },
      texts: { ...DEFAULT_ANSWER_TEXTS, de: { ...DEFAULT_ANSWER_TEXTS.de, help: 'Praxis Weber, 030 123456. Abmelden mit STOPP.' } },
    });
    expect(settings.extraWords).toEqual({ stop: ['Raus'], start: ['Weiter'], help: ['Frage'] });
    expect((await call<KeywordsAnswer>('keywords.get', {})).settings.texts.de?.help).toBe('Praxis Weber, 030 123456. Abmelden mit STOPP.');
    // The same STOP words as the Settings screen's older list.
    expect((await call<{ settings: { stopKeywords: string[] } }>('settings.get', {})).settings.stopKeywords).toEqual(['Raus']);
    const policy = service.sending.keywordPolicy;
    const help = policy.classify('frage');
    expect(help?.keyword).toBe('help');
    expect(help ? policy.answerTo(help)?.text : null).toBe('Praxis Weber, 030 123456. Abmelden mit STOPP.');
    const stop = policy.classify('RAUS');
    expect(stop?.keyword).toBe('stop');
    expect(stop ? policy.answerTo(stop) : 'no match').toBeNull();
  });

  it('refuses a word on two lists, an empty answer, and a viewer', async () => {
    const twice = await service.call('keywords.update', { extraWords: { stop: ['Weiter'], start: ['weiter'], help: [] } }, admin);
    expect(twice).toMatchObject({ ok: false, error: { code: 'bad-request', message: '"weiter" is already a STOP word, so it cannot also be a START word. Remove it from one list.' } });
    const empty = await service.call('keywords.update', { texts: { ...DEFAULT_ANSWER_TEXTS, en: { ...DEFAULT_ANSWER_TEXTS.en, stop: '  ' } } }, admin);
    expect(empty).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(JSON.stringify(empty)).toContain('An answer cannot be empty. Turn the answer off instead.');
    const notAllowed = await service.call('keywords.update', { answers: { stop: true, start: true, help: true } }, viewer);
    expect(notAllowed).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
