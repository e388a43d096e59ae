/**
 * Message templates with merge fields: `Hallo {{Vorname|Kunde}}, Ihr Termin ist am {{Datum}}.`
 * `{{Name}}` is replaced by the recipient's value; `{{Name|Fallback}}` uses the fallback when the
 * value is missing or blank. Field names are matched case-insensitively and ignoring surrounding
 * spaces, because column headers from spreadsheets vary ("vorname", " Vorname ").
 */
export type TemplatePiece = { kind: 'text'; text: string } | { kind: 'field'; name: string; fallback: string | null; source: string };

export interface ParsedTemplate {
  pieces: TemplatePiece[];
  /** Distinct field names in order of first use, as written in the template. */
  fields: string[];
  /** Problems a person should fix before sending, e.g. an unclosed `{{`. */
  problems: TemplateProblem[];
}

export interface TemplateProblem {
  kind: 'unclosed-field' | 'empty-field-name';
  /** Index in the template text where the problem starts. */
  at: number;
  message: string;
}

const fieldPattern = /\{\{([^{}]*)\}\}/g;

export function parseTemplate(template: string): ParsedTemplate {
  const pieces: TemplatePiece[] = [];
  const fields: string[] = [];
  const seen = new Set<string>();
  const problems: TemplateProblem[] = [];
  let last = 0;
  const addText = (from: number, to: number) => {
    if (to <= from) return;
    const text = template.slice(from, to);
    const open = text.indexOf('{{');
    if (open !== -1) {
      problems.push({ kind: 'unclosed-field', at: from + open, message: 'A merge field starts with "{{" but is not closed with "}}".' });
    }
    pieces.push({ kind: 'text', text });
  };
  for (const match of template.matchAll(fieldPattern)) {
    const start = match.index;
    addText(last, start);
    const inner = match[1] ?? '';
    const bar = inner.indexOf('|');
    const name = (bar === -1 ? inner : inner.slice(0, bar)).trim();
    const fallback = bar === -1 ? null : inner.slice(bar + 1).trim();
    if (name === '') {
      problems.push({ kind: 'empty-field-name', at: start, message: `The merge field "${match[0]}" has no name.` });
      pieces.push({ kind: 'text', text: match[0] });
    } else {
      pieces.push({ kind: 'field', name, fallback, source: match[0] });
      const key = fieldKey(name);
      if (!seen.has(key)) {
        seen.add(key);
        fields.push(name);
      }
    }
    last = start + match[0].length;
  }
  addText(last, template.length);
  return { pieces, fields, problems };
}

/** The form under which field names are compared. */
export function fieldKey(name: string): string {
  return name.trim().toLocaleLowerCase('en');
}
