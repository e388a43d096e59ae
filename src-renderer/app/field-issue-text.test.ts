// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { apiMethods, fieldIssuesOf as issuesOfZodError, type ApiFieldIssue } from '../../src-shared/api';
import { ApiCallError } from '../api/api-call-error';
import { translate } from '../i18n/use-translation';
import { describeError } from './error-text';
import { fieldErrorTexts, fieldIssueText, fieldKeyOf } from './field-issue-text';

/** The issues the real contract gives for these arguments, as the service sends them. */
function refused(method: keyof typeof apiMethods, args: unknown): ApiFieldIssue[] {
  const parsed = (apiMethods[method].args as z.ZodType).safeParse(args);
  if (parsed.success) throw new Error(`${method} accepted ${JSON.stringify(args)}`);
  return issuesOfZodError(parsed.error);
}
const refusal = (issues: ApiFieldIssue[]) =>
  new ApiCallError({ code: 'bad-request', message: 'The request "x" was refused because its details are not valid.', details: issues.map((issue) => issue.message), issues });

describe('fieldIssueText', () => {
  const campaign = { name: 'Herbst', template: 'Hallo', listIds: [1] };

  it('words a campaign limit below 1 for the campaign form, in each language', () => {
    const [issue] = refused('campaigns.create', { ...campaign, limits: { perMinute: 0, perHour: null, perDay: null } });
    if (!issue) throw new Error('no issue');
    expect(fieldKeyOf(issue.path)).toBe('limits.perMinute');
    expect(fieldIssueText(issue, 'en')).toBe("A limit is 1 or more. Leave the field empty to use each SIM's own limit.");
    expect(fieldIssueText(issue, 'de')).toBe(translate('de', 'field.campaignLimit.tooSmall'));
    expect(fieldIssueText(issue, 'zh')).toBe(translate('zh', 'field.campaignLimit.tooSmall'));
  });

  it('words the retention period in Settings in each language', () => {
    const [issue] = refused('settings.update', { retentionDays: 0 });
    if (!issue) throw new Error('no issue');
    expect(fieldIssueText(issue, 'en')).toBe('Keep message texts for at least 1 day, or choose to keep them.');
    expect(fieldIssueText(issue, 'de')).toBe('Bewahren Sie Nachrichtentexte mindestens 1 Tag auf, oder wählen Sie, sie zu behalten.');
  });

  it('says "whole number" for a fraction and "too high" above the bound', () => {
    const issues = refused('campaigns.create', { ...campaign, limits: { perMinute: null, perHour: 2.5, perDay: 1_000_000 } });
    const texts = new Map(issues.map((issue) => [fieldKeyOf(issue.path), fieldIssueText(issue, 'de')]));
    expect(texts.get('limits.perHour')).toBe('Eine ganze Zahl eingeben, z. B. 20.');
    expect(texts.get('limits.perDay')).toBe(translate('de', 'field.campaignLimit.tooBig'));
  });

  it('words the same rule on the SIM form for its own meaning of an empty field', () => {
    const [issue] = refused('modems.updateLimits', { simId: 1, perMinute: 0, perHour: null, perDay: null });
    if (!issue) throw new Error('no issue');
    expect(fieldIssueText(issue, 'en')).toBe('A limit is 1 or more. Leave the field empty for no limit.');
  });

  it('falls back to the rule alone, with its bound, for fields without words of their own', () => {
    const settings = refused('settings.update', { optOutHints: ['x'], pricePerPart: -1 });
    const texts = new Map(settings.map((issue) => [fieldKeyOf(issue.path), fieldIssueText(issue, 'de')]));
    expect(texts.get('optOutHints')).toBe('Mindestens 2 Zeichen eingeben.');
    expect(texts.get('pricePerPart')).toBe('0 oder mehr eingeben.');
    const [password] = refused('operators.create', { username: 'anna', displayName: 'Anna', role: 'sender', password: 'short' });
    expect(password && fieldIssueText(password, 'zh')).toBe('请至少输入 10 个字符。');
  });

  it('names the specific field where the words differ from the rule (clock times, user names, STOP words)', () => {
    const issues = refused('settings.update', { quietHours: { enabled: true, start: '25:00', end: '07:00' }, stopKeywords: ['two words'] });
    const texts = new Map(issues.map((issue) => [fieldKeyOf(issue.path), fieldIssueText(issue, 'en')]));
    expect(texts.get('quietHours.start')).toBe('Enter a time of day like 21:00.');
    expect(texts.get('stopKeywords')).toBe('A STOP word is a single word, without spaces.');
    const [username] = refused('operators.create', { username: 'anna maria', displayName: 'Anna', role: 'sender', password: 'long enough password' });
    expect(username && fieldIssueText(username, 'de')).toBe('Buchstaben, Ziffern und . _ - @ verwenden, ohne Leerzeichen.');
  });

  // Each of these fields has a sentence of its own in the contract; the rule alone ("not in the
  // expected form") would not say what to type, and the service's English is not the reader's.
  it.each([
    ['modems.checkBalance', { simId: 1, code: '100' }, 'code', '*100#'],
    ['modems.enterPin', { simId: 1, pin: '12' }, 'pin', '4 to 8 digits'],
    ['contacts.optIn', { phoneE164: '0170 1234567' }, 'phoneE164', '+49 170 1234567'],
    ['contacts.update', { id: 1, name: null, fields: {}, timeZone: 'Mars/Olympus' }, 'timeZone', 'Europe/Berlin'],
    ['encryption.protectWithPassphrase', { passphrase: 'short' }, 'passphrase', 'at least 8 characters'],
  ] as const)('%s: the field %s says what to enter, in each language', (method, args, field, english) => {
    const issue = refused(method, args).find((candidate) => fieldKeyOf(candidate.path) === field);
    if (!issue) throw new Error(`no issue for ${field}`);
    expect(fieldIssueText(issue, 'en')).toContain(english);
    for (const language of ['de', 'zh'] as const) {
      const text = fieldIssueText(issue, language);
      expect(text).not.toBe(fieldIssueText(issue, 'en'));
      expect(text).not.toBe(translate(language, 'field.format'));
    }
  });

  it('words quiet hours that start and end together (checked by the service after merging) in each language', () => {
    // The service's issue for it (settings-handlers.test.ts checks the service sends this shape).
    const issue: ApiFieldIssue = { path: ['quietHours', 'end'], kind: 'custom', message: 'Quiet hours start and end at the same time.' };
    expect(fieldIssueText(issue, 'en')).toContain('same time');
    expect(fieldIssueText(issue, 'de')).toBe(translate('de', 'field.quietHoursSame'));
    expect(fieldIssueText(issue, 'zh')).toBe(translate('zh', 'field.quietHoursSame'));
  });

  it("keeps the service's English sentence for a rule it has no words for", () => {
    const [unknownKey] = refused('campaigns.create', { ...campaign, colour: 'red' });
    expect(unknownKey?.kind).toBe('unrecognized_keys');
    expect(unknownKey && fieldIssueText(unknownKey, 'de')).toBe(unknownKey?.message);
  });
});

describe('fieldErrorTexts and describeError', () => {
  const issues = refused('campaigns.create', { name: ' ', template: 'Hallo', listIds: [1], limits: { perMinute: 0, perHour: 0, perDay: null } });

  it('gives one text per field, first issue first', () => {
    const texts = fieldErrorTexts(refusal(issues), 'de');
    expect([...texts.keys()].sort()).toEqual(['limits.perHour', 'limits.perMinute', 'name']);
    expect(texts.get('name')).toBe('Geben Sie der Kampagne einen Namen.');
    expect(fieldErrorTexts(new Error('x'), 'de').size).toBe(0);
  });

  it('lists in the notice only the fields the form does not show beside their inputs, translated', () => {
    const text = describeError(refusal(issues), 'de', { shownBesideFields: ['limits.perMinute', 'limits.perHour'] });
    expect(text).toMatchObject({ refusedInput: true, message: translate('de', 'error.code.bad-request'), details: ['Geben Sie der Kampagne einen Namen.'] });
    expect(describeError(refusal(issues), 'en').details).toHaveLength(2);
  });
});
