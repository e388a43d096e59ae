// What a failed call says to the person at the screen, in their language. The service writes its
// messages in English; the window translates by the error's code. The service's own sentence is
// the most specific one, so it is the text in English, and beside the translation otherwise when
// the code alone cannot say what went wrong (which list, which modem).
import type { ApiErrorCode } from '../../src-shared/api';
import { ApiCallError } from '../api/api-call-error';
import { fieldIssueText, fieldKeyOf } from './field-issue-text';
import type { MessageKey } from '../i18n/en';
import type { Language } from '../i18n/languages';
import { translate } from '../i18n/use-translation';

/** Codes whose translation says all there is to say; the service's sentence adds nothing. */
const selfExplainingCodes = new Set(['unknown-method', 'unauthorized', 'forbidden', 'internal', 'locked', 'not-signed-in']);

// One line per code of the contract (src-shared/api/envelope.ts): a new code does not compile
// until it has its text. A code from a newer service this window does not know yet falls back to
// the service's English text.
const codeTexts: Readonly<Record<ApiErrorCode, MessageKey>> = {
  'bad-request': 'error.code.bad-request',
  'unknown-method': 'error.code.unknown-method',
  unauthorized: 'error.code.unauthorized',
  forbidden: 'error.code.forbidden',
  'not-found': 'error.code.not-found',
  conflict: 'error.code.conflict',
  unavailable: 'error.code.unavailable',
  internal: 'error.code.internal',
  locked: 'error.code.locked',
  'not-signed-in': 'error.code.not-signed-in',
};

export interface ErrorText {
  /** The main sentence: what happened and what to do. */
  message: string;
  /** The service's English sentence, shown beside a translation that cannot be as specific; else null. */
  serviceText: string | null;
  /** Per-field problems of refused input, without the technical field paths. */
  details: string[];
  /** The input was refused (say "check what you entered" rather than "something went wrong"). */
  refusedInput: boolean;
}

/** "args.retentionDays: Keep message texts…" → the part a person needs. */
function withoutFieldPath(line: string): string {
  return line.replace(/^[\w$.[\]-]+: /, '');
}

/** The contract check's generic "The request "x" was refused…" sentence; its details say more. */
function isGenericRefusal(error: ApiCallError): boolean {
  return error.code === 'bad-request' && error.details.length > 0 && error.message.startsWith('The request "');
}

/** A fetch that never reached Fanout (serve stopped, network gone) fails with a TypeError. */
function isUnreachable(error: Error): boolean {
  return error.name === 'TypeError' && /fetch|network/i.test(error.message);
}

/** Lines for the refused fields, in the reader's language, leaving out those a form shows beside its inputs. */
function refusedFieldLines(error: ApiCallError, language: Language, shownBesideFields: readonly string[]): string[] {
  if (error.issues.length === 0) return [...new Set(error.details.map(withoutFieldPath))].filter((line) => line !== error.message);
  const shown = new Set(shownBesideFields);
  return [...new Set(error.issues.filter((issue) => !shown.has(fieldKeyOf(issue.path))).map((issue) => fieldIssueText(issue, language)))];
}

export function describeError(error: unknown, language: Language, options: { shownBesideFields?: readonly string[] } = {}): ErrorText {
  if (!(error instanceof ApiCallError)) {
    if (error instanceof Error && isUnreachable(error)) return { message: translate(language, 'error.code.network'), serviceText: null, details: [], refusedInput: false };
    return { message: error instanceof Error ? error.message : String(error), serviceText: null, details: [], refusedInput: false };
  }
  const refusedInput = error.code === 'bad-request' && error.details.length > 0;
  const details = refusedFieldLines(error, language, options.shownBesideFields ?? []);
  const key = (codeTexts as Readonly<Record<string, MessageKey | undefined>>)[error.code];
  const generic = isGenericRefusal(error);
  if (language === 'en' || !key) {
    return { message: generic ? translate(language, 'error.code.bad-request') : error.message, serviceText: null, details, refusedInput };
  }
  const specific = !selfExplainingCodes.has(error.code) && !generic;
  return { message: translate(language, key), serviceText: specific ? error.message : null, details, refusedInput };
}

/** One line for a toast: the translation, then the service's words when they add something. */
export function errorToastText(error: unknown, language: Language): string {
  const text = describeError(error, language);
  const lines = [text.message, ...text.details];
  if (text.serviceText) lines.push(translate(language, 'error.serviceSaid', { text: text.serviceText }));
  return lines.join(' ');
}
