/** A calendar date exists (no 30 February, 29 February only in leap years). */
export function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * A GOV.UK date input's three parts as an ISO date (YYYY-MM-DD): null when all three are
 * empty, 'invalid' when they are not a real date between 2000 and 2100.
 */
export function dateFromParts(day: string, month: string, year: string): string | null | 'invalid' {
  const parts = [day.trim(), month.trim(), year.trim()];
  if (parts.every((p) => p === '')) return null;
  if (parts.some((p) => !/^\d{1,4}$/.test(p))) return 'invalid';
  const [d, m, y] = parts.map(Number) as [number, number, number];
  if (y < 2000 || y > 2100 || !isRealDate(y, m, d)) return 'invalid';
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
