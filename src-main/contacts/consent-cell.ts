// A consent column as office files have it: "ja", "x", "1", "TRUE", a date, or empty. Anything
// else ("maybe", "see notes") is not taken as consent: consent must be unambiguous (GDPR Art. 4(11)),
// so such rows are imported without it and counted, for the user to look at.

export type ConsentCell = { kind: 'yes'; grantedAt: number | null } | { kind: 'no' } | { kind: 'unclear' };

const YES = new Set(['yes', 'y', 'ja', 'j', '1', 'x', '✓', '✔', 'true', 'wahr', 'oui', 'sí', 'si', '是', '同意']);
const NO = new Set(['', 'no', 'n', 'nein', '0', 'false', 'falsch', '-', 'non', '否']);
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
const GERMAN_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

function validUtc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number | undefined {
  const at = Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(at);
  // Date.UTC rolls 31.02. over into March; a date that does not exist is not a date.
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? at : undefined;
}

/** When a consent date is later than `now` it is a typing error, not a consent. */
export function parseConsentCell(raw: string, now: number): ConsentCell {
  const text = raw.trim().toLocaleLowerCase('en');
  if (NO.has(text)) return { kind: 'no' };
  if (YES.has(text)) return { kind: 'yes', grantedAt: null };
  let at: number | undefined;
  const iso = ISO_DATE.exec(text);
  const german = GERMAN_DATE.exec(text);
  if (iso) {
    at = iso[7] ? Date.parse(raw.trim()) : validUtc(Number(iso[1]), Number(iso[2]), Number(iso[3]), Number(iso[4] ?? 0), Number(iso[5] ?? 0), Number(iso[6] ?? 0));
    if (at !== undefined && Number.isNaN(at)) at = undefined;
  } else if (german) {
    at = validUtc(Number(german[3]), Number(german[2]), Number(german[1]));
  }
  if (at === undefined || at > now) return { kind: 'unclear' };
  return { kind: 'yes', grantedAt: at };
}
