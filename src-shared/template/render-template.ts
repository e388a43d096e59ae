import { fieldKey, parseTemplate, type ParsedTemplate } from './parse-template';

export interface RenderResult {
  text: string;
  /** Fields that had neither a value nor a fallback: the message would go out with a gap. */
  missingFields: string[];
}

/** Recipient values looked up by field key, built once per recipient. */
export function indexFields(values: Readonly<Record<string, string | null | undefined>>): Map<string, string> {
  const index = new Map<string, string>();
  for (const [name, value] of Object.entries(values)) {
    if (value !== null && value !== undefined) index.set(fieldKey(name), value);
  }
  return index;
}

export function renderTemplate(
  template: string | ParsedTemplate,
  values: Readonly<Record<string, string | null | undefined>> | Map<string, string>,
): RenderResult {
  const parsed = typeof template === 'string' ? parseTemplate(template) : template;
  const index = values instanceof Map ? values : indexFields(values);
  const missing: string[] = [];
  let text = '';
  for (const piece of parsed.pieces) {
    if (piece.kind === 'text') {
      text += piece.text;
      continue;
    }
    const value = index.get(fieldKey(piece.name));
    if (value !== undefined && value.trim() !== '') text += value;
    else if (piece.fallback !== null) text += piece.fallback;
    else if (!missing.includes(piece.name)) missing.push(piece.name);
  }
  return { text, missingFields: missing };
}
