// A contact's merge fields as contacts.fields_json holds them (see schema.ts): an object, or for
// imported contacts an array of values whose names are in field_names.
/** Names lists parsed once: a campaign reads a million contacts that share a few. */
const namesByText = new Map<string, readonly string[]>();
const NAMES_CACHED = 64;

export function mergeFieldsOf(fieldsJson: string, namesJson: string | null): Record<string, string> {
  if (namesJson === null) return JSON.parse(fieldsJson) as Record<string, string>;
  let names = namesByText.get(namesJson);
  if (!names) {
    if (namesByText.size >= NAMES_CACHED) namesByText.clear();
    names = JSON.parse(namesJson) as string[];
    namesByText.set(namesJson, names);
  }
  return fieldsOfValues(fieldsJson, names);
}

/** The object text of imported values (a JSON array) under their names. */
export function mergeFieldsObjectText(valuesJson: string, names: readonly string[]): string {
  return JSON.stringify(fieldsOfValues(valuesJson, names));
}

function fieldsOfValues(valuesJson: string, names: readonly string[]): Record<string, string> {
  const values = JSON.parse(valuesJson) as string[];
  // fromEntries defines own properties, so a column titled "__proto__" stays a field.
  return Object.fromEntries(names.map((name, index) => [name, values[index] ?? '']));
}
