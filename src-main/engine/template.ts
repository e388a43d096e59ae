// Campaign templates: plain text with merge fields `{{Column}}` and fallbacks `{{Vorname|Kunde}}`
// (the text after the bar is used when the contact has no value for the column). Pure, no Node
// APIs, so it can move to src-shared/template when the composer needs it in the window.

export type TemplateSegment =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'field'; readonly name: string; readonly fallback: string | null };

export interface ParsedTemplate {
  readonly segments: readonly TemplateSegment[];
  /** Column names the template refers to, in order of first use. */
  readonly fields: readonly string[];
}

export interface RenderedTemplate {
  readonly text: string;
  /** Fields the contact had no value for and that had no fallback: they rendered as nothing. */
  readonly missing: readonly string[];
}

const OPEN = '{{';
const CLOSE = '}}';

export function parseTemplate(template: string): ParsedTemplate {
  const segments: TemplateSegment[] = [];
  const fields: string[] = [];
  let literal = '';
  let at = 0;
  while (at < template.length) {
    const open = template.indexOf(OPEN, at);
    if (open < 0) break;
    const close = template.indexOf(CLOSE, open + OPEN.length);
    if (close < 0) break;
    const inner = template.slice(open + OPEN.length, close);
    const bar = inner.indexOf('|');
    const name = (bar < 0 ? inner : inner.slice(0, bar)).trim();
    // "{{}}" or "{{ |x}}" is not a field: keep it as the user wrote it.
    if (name === '' || name.includes('{')) {
      literal += template.slice(at, open + OPEN.length);
      at = open + OPEN.length;
      continue;
    }
    literal += template.slice(at, open);
    if (literal) segments.push({ kind: 'text', text: literal });
    literal = '';
    segments.push({ kind: 'field', name, fallback: bar < 0 ? null : inner.slice(bar + 1).trim() });
    if (!fields.includes(name)) fields.push(name);
    at = close + CLOSE.length;
  }
  literal += template.slice(at);
  if (literal) segments.push({ kind: 'text', text: literal });
  return { segments, fields };
}

/**
 * Looks a column up by its exact name first, then ignoring case, because CSV headers are typed
 * by hand ("vorname" in the file, "{{Vorname}}" in the template).
 */
function lookUp(values: Readonly<Record<string, string>>, name: string): string | undefined {
  if (Object.hasOwn(values, name)) return values[name];
  const folded = name.toLowerCase();
  for (const [key, value] of Object.entries(values)) if (key.toLowerCase() === folded) return value;
  return undefined;
}

export function renderTemplate(template: ParsedTemplate, values: Readonly<Record<string, string>>): RenderedTemplate {
  let text = '';
  const missing: string[] = [];
  for (const segment of template.segments) {
    if (segment.kind === 'text') {
      text += segment.text;
      continue;
    }
    const value = lookUp(values, segment.name)?.trim();
    if (value) text += value;
    else if (segment.fallback !== null) text += segment.fallback;
    else if (!missing.includes(segment.name)) missing.push(segment.name);
  }
  return { text, missing };
}
