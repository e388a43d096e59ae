// The text shown beside a field the service refused, in the reader's language. The service says
// where (the argument's path), which rule (zod's issue kind) and the rule's bound; the words are
// the window's. A rule this table has no words for keeps the service's English sentence.
import type { ApiFieldIssue } from '../../src-shared/api';
import { minPassphraseLength } from '../../src-shared/api/methods/encryption';
import { ApiCallError } from '../api/api-call-error';
import type { MessageKey } from '../i18n/en';
import type { Language } from '../i18n/languages';
import { translate } from '../i18n/use-translation';

/** A field as forms name it: the argument's path without list positions ('stopKeywords', 'limits.perMinute'). */
export function fieldKeyOf(path: ApiFieldIssue['path']): string {
  return path.filter((part) => typeof part === 'string').join('.');
}

interface FieldRule {
  /** A field key; '*' stands for one name ('limits.*', '*.start'). */
  field: string;
  kind: string;
  origin?: string;
  expected?: string;
  key: MessageKey;
  values?: Record<string, number>;
}

// Sentences that say more than the rule alone, for fields whose names mean the same on every form.
const fieldRules: readonly FieldRule[] = [
  { field: 'limits.*', kind: 'too_small', key: 'field.campaignLimit.tooSmall' },
  { field: 'limits.*', kind: 'too_big', key: 'field.campaignLimit.tooBig' },
  { field: 'perMinute', kind: 'too_small', key: 'field.simLimit.tooSmall' },
  { field: 'perHour', kind: 'too_small', key: 'field.simLimit.tooSmall' },
  { field: 'perDay', kind: 'too_small', key: 'field.simLimit.tooSmall' },
  { field: 'perMinute', kind: 'too_big', key: 'field.simLimit.tooBig' },
  { field: 'perHour', kind: 'too_big', key: 'field.simLimit.tooBig' },
  { field: 'perDay', kind: 'too_big', key: 'field.simLimit.tooBig' },
  { field: 'name', kind: 'too_small', origin: 'string', key: 'field.campaignName' },
  { field: 'template', kind: 'too_small', origin: 'string', key: 'field.campaignText' },
  { field: 'listIds', kind: 'too_small', origin: 'array', key: 'field.campaignList' },
  { field: 'quietHours.*', kind: 'invalid_format', key: 'field.clockTime' },
  { field: 'marketingQuietHours.*', kind: 'invalid_format', key: 'field.clockTime' },
  { field: 'defaultCountry', kind: 'invalid_format', key: 'field.chooseFromList' },
  { field: 'currency', kind: 'invalid_format', key: 'field.chooseFromList' },
  { field: 'username', kind: 'invalid_format', key: 'field.username' },
  { field: 'retentionDays', kind: 'too_small', key: 'field.retentionDays.tooSmall' },
  { field: 'retentionDays', kind: 'too_big', key: 'field.retentionDays.tooBig' },
  // The only custom rule on a STOP word is "one word".
  { field: 'stopKeywords', kind: 'custom', key: 'field.stopWord' },
  { field: 'code', kind: 'invalid_format', key: 'field.ussdCode' },
  { field: 'pin', kind: 'invalid_format', key: 'field.simPin' },
  { field: 'phoneE164', kind: 'invalid_format', key: 'field.internationalNumber' },
  { field: 'timeZone', kind: 'custom', key: 'field.timeZone' },
  { field: 'passphrase', kind: 'custom', key: 'field.passphrase', values: { min: minPassphraseLength } },
  // The custom rule on quiet hours is "start and end differ"; the service marks the end.
  { field: 'quietHours.end', kind: 'custom', key: 'field.quietHoursSame' },
  { field: 'marketingQuietHours.end', kind: 'custom', key: 'field.quietHoursSame' },
];

function fieldMatches(pattern: string, field: string): boolean {
  const want = pattern.split('.');
  const have = field.split('.');
  return want.length === have.length && want.every((part, index) => part === '*' || part === have[index]);
}

/** The rule alone, for any field: "Enter 1 or more.", "At most 200 characters." */
function kindText(issue: ApiFieldIssue): { key: MessageKey; values?: Record<string, number> } | null {
  const bound = issue.bound;
  switch (issue.kind) {
    case 'too_small':
      if (bound === undefined) return null;
      if (issue.origin === 'string') return bound <= 1 ? { key: 'field.required' } : { key: 'field.tooShort', values: { min: bound } };
      if (issue.origin === 'array' || issue.origin === 'set') return bound <= 1 ? { key: 'field.chooseOne' } : { key: 'field.chooseAtLeast', values: { min: bound } };
      if (issue.origin === 'number' || issue.origin === 'int') return { key: issue.inclusive === false ? 'field.moreThan' : 'field.atLeast', values: { min: bound } };
      return null;
    case 'too_big':
      if (bound === undefined) return null;
      if (issue.origin === 'string') return { key: 'field.tooLong', values: { max: bound } };
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'field.chooseAtMost', values: { max: bound } };
      if (issue.origin === 'number' || issue.origin === 'int') return { key: issue.inclusive === false ? 'field.lessThan' : 'field.atMost', values: { max: bound } };
      return null;
    case 'invalid_type':
      if (issue.expected === 'int') return { key: 'field.wholeNumber' };
      if (issue.expected === 'number') return { key: 'field.number' };
      return { key: 'field.missing' };
    case 'invalid_format':
      if (issue.expected === 'datetime' || issue.expected === 'date') return { key: 'field.dateTime' };
      if (issue.expected === 'email') return { key: 'field.email' };
      return { key: 'field.format' };
    case 'invalid_value':
      return { key: 'field.choice' };
    default:
      return null;
  }
}

/** What to show for one refused field, in `language`; the service's English when nothing here fits. */
export function fieldIssueText(issue: ApiFieldIssue, language: Language): string {
  const field = fieldKeyOf(issue.path);
  const rule = fieldRules.find(
    (candidate) =>
      candidate.kind === issue.kind &&
      fieldMatches(candidate.field, field) &&
      (candidate.origin === undefined || candidate.origin === issue.origin) &&
      (candidate.expected === undefined || candidate.expected === issue.expected),
  );
  if (rule) return translate(language, rule.key, rule.values);
  const byKind = kindText(issue);
  return byKind ? translate(language, byKind.key, byKind.values) : issue.message;
}

/** The field issues of a refused call (none for any other error). */
export function fieldIssuesOf(error: unknown): readonly ApiFieldIssue[] {
  return error instanceof ApiCallError ? error.issues : [];
}

/**
 * One text per field of a refused call, by field key, for showing beside the inputs; the first
 * issue of a field wins (fix that one, the next shows after the next try).
 */
export function fieldErrorTexts(error: unknown, language: Language): ReadonlyMap<string, string> {
  const texts = new Map<string, string>();
  for (const issue of fieldIssuesOf(error)) {
    const field = fieldKeyOf(issue.path);
    if (!texts.has(field)) texts.set(field, fieldIssueText(issue, language));
  }
  return texts;
}
