// Marketing to existing customers without their consent is allowed in Germany only when every
// message tells them how to object (UWG §7(3) Nr. 4); CTIA asks the same of US senders ("Reply
// STOP to opt out"). This tells whether a message text carries such a hint. It is shared so the
// composer can warn while the user types, and the service refuses the campaign for the same reason.

/** Phrases that count as an opt-out hint, per language. Matched case-insensitively, spacing ignored. */
// Written as people write them (they are shown in Settings); the comparison ignores case.
export const DEFAULT_OPT_OUT_HINTS: Readonly<Record<'en' | 'de' | 'fr' | 'es' | 'zh', readonly string[]>> = {
  en: ['Reply STOP', 'Text STOP', 'Send STOP', 'to opt out', 'to unsubscribe'],
  de: ['STOP an', 'STOPP an', 'abmelden', 'abbestellen', 'Abmeldung'],
  fr: ['STOP au', 'STOP SMS', 'Répondez STOP', 'désabonner', 'désinscrire'],
  es: ['BAJA al', 'Responde BAJA', 'Envía BAJA', 'Envia BAJA', 'darte de baja'],
  zh: ['回复退订', '退订回', '回T退订', '回复T'],
};

/** Shown to the user as what to add. */
export const OPT_OUT_HINT_EXAMPLES: readonly string[] = ['STOP an 0151 12345678', 'Reply STOP to opt out'];

function comparable(text: string): string {
  return text.toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();
}

/**
 * The hint found in `text` (the phrase as configured), or null. `extraHints` are the user's own
 * phrases from Settings, on top of the defaults.
 */
export function findOptOutHint(text: string, extraHints: readonly string[] = []): string | null {
  const haystack = comparable(text);
  for (const hint of [...Object.values(DEFAULT_OPT_OUT_HINTS).flat(), ...extraHints]) {
    const needle = comparable(hint);
    if (needle !== '' && haystack.includes(needle)) return hint;
  }
  return null;
}

export function hasOptOutHint(text: string, extraHints: readonly string[] = []): boolean {
  return findOptOutHint(text, extraHints) !== null;
}
