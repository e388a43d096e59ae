// An import writes its new contacts (and their list memberships and consents) once, straight
// into the final tables, in short transactions; they stay hidden until one small update sets its
// contact_imports row to 'committed'. Every query that shows contacts, or counts list members,
// adds this condition. The subquery does not depend on the row: SQLite evaluates it once per
// statement into a small set (the imports running right now, usually none).

/** SQL condition: the contact behind `alias` (a contacts row) is not part of an import still running. */
export function visibleContactSql(alias: string): string {
  return `(${alias}.import_id IS NULL OR ${alias}.import_id NOT IN (SELECT id FROM contact_imports WHERE state = 'staging'))`;
}
