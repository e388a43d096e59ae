// The date filter's days (yyyy-mm-dd from <input type="date">) as instants: a day runs from
// local midnight to the last millisecond before the next, as the person picking it means it.

export function startOfLocalDay(day: string): string | undefined {
  const parsed = parseDay(day);
  return parsed ? new Date(parsed.year, parsed.month - 1, parsed.day).toISOString() : undefined;
}

export function endOfLocalDay(day: string): string | undefined {
  const parsed = parseDay(day);
  return parsed ? new Date(new Date(parsed.year, parsed.month - 1, parsed.day + 1).getTime() - 1).toISOString() : undefined;
}

function parseDay(day: string): { year: number; month: number; day: number } | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}
