import {
  type BankHolidayDivision,
  type BankHolidayEvent,
  type BankHolidaysFile,
  ENGLAND_AND_WALES,
  validateBankHolidays,
} from './bank-holidays-format.ts';
import { createCalendar } from './calendar.ts';

// Refreshing the bundled bank holidays from GOV.UK. Pure parts (merge, serialise, summary) are
// here so they can be tested; scripts/refresh-bank-holidays.ts does the file and console work.

export const GOV_UK_BANK_HOLIDAYS_URL = 'https://www.gov.uk/bank-holidays.json';

export type DivisionChanges = {
  division: string;
  /** Years in the feed that the bundled file did not have. */
  yearsAdded: number[];
  /** Years in both, where the feed differs from the bundled file (the feed wins). */
  yearsUpdated: number[];
  /** Years in both, identical. */
  yearsUnchanged: number[];
  /** Years only in the bundled file: kept as they are, never dropped. */
  yearsKept: number[];
  eventsAdded: BankHolidayEvent[];
  eventsRemoved: BankHolidayEvent[];
};

export type MergeResult = {
  data: BankHolidaysFile;
  changes: DivisionChanges[];
  changed: boolean;
};

function yearOf(event: BankHolidayEvent): number {
  return Number(event.date.slice(0, 4));
}

function byYear(division: BankHolidayDivision | undefined): Map<number, BankHolidayEvent[]> {
  const years = new Map<number, BankHolidayEvent[]>();
  for (const event of division?.events ?? []) {
    const list = years.get(yearOf(event)) ?? [];
    list.push(event);
    years.set(yearOf(event), list);
  }
  return years;
}

function eventKey(event: BankHolidayEvent): string {
  return JSON.stringify([event.date, event.title, event.notes, event.bunting]);
}

/**
 * Merges a fetched GOV.UK file into the bundled one, year by year and division by division:
 * a year present in the feed replaces that year of the bundled file (GOV.UK is the authority for
 * what it publishes); a year only in the bundled file is kept, so a refresh never drops a year
 * the bundled file already has (the GOV.UK feed only spans a few years either side of today).
 * Both inputs are validated first, and the result must make a usable calendar
 * (consecutive england-and-wales years), or this throws and nothing should be written.
 */
export function mergeBankHolidays(bundledJson: unknown, fetchedJson: unknown): MergeResult {
  const bundled = validateBankHolidays(bundledJson, 'the bundled bank-holidays.json');
  const fetched = validateBankHolidays(fetchedJson, 'the downloaded bank holidays');
  const divisions = [...new Set([...Object.keys(bundled), ...Object.keys(fetched)])];

  const merged: Record<string, BankHolidayDivision> = {};
  const changes: DivisionChanges[] = [];
  for (const division of divisions) {
    const old = byYear(bundled[division]);
    const fresh = byYear(fetched[division]);
    const change: DivisionChanges = {
      division,
      yearsAdded: [],
      yearsUpdated: [],
      yearsUnchanged: [],
      yearsKept: [],
      eventsAdded: [],
      eventsRemoved: [],
    };
    const years = [...new Set([...old.keys(), ...fresh.keys()])].sort((a, b) => a - b);
    const events: BankHolidayEvent[] = [];
    for (const year of years) {
      const before = old.get(year);
      const after = fresh.get(year);
      if (!after) {
        change.yearsKept.push(year);
        events.push(...(before ?? []));
        continue;
      }
      events.push(...after);
      if (!before) {
        change.yearsAdded.push(year);
        change.eventsAdded.push(...after);
        continue;
      }
      const beforeKeys = new Set(before.map(eventKey));
      const afterKeys = new Set(after.map(eventKey));
      const added = after.filter((event) => !beforeKeys.has(eventKey(event)));
      const removed = before.filter((event) => !afterKeys.has(eventKey(event)));
      if (added.length === 0 && removed.length === 0) change.yearsUnchanged.push(year);
      else change.yearsUpdated.push(year);
      change.eventsAdded.push(...added);
      change.eventsRemoved.push(...removed);
    }
    merged[division] = { division, events };
    changes.push(change);
  }

  // Same checks the application will make when it loads the file.
  const data = validateBankHolidays(merged, 'the merged bank holidays');
  createCalendar(data);
  const changed = changes.some((change) => change.eventsAdded.length > 0 || change.eventsRemoved.length > 0);
  return { data, changes, changed };
}

/** The file's text: GOV.UK divisions first in their usual order, 2-space indent, final newline. */
export function serialiseBankHolidays(data: BankHolidaysFile): string {
  const order = [ENGLAND_AND_WALES, 'scotland', 'northern-ireland'];
  const keys = Object.keys(data).sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    return (ia === -1 ? order.length : ia) - (ib === -1 ? order.length : ib) || (a < b ? -1 : 1);
  });
  const ordered: Record<string, BankHolidayDivision> = {};
  for (const key of keys) {
    const division = data[key] as BankHolidayDivision;
    ordered[key] = {
      division: division.division,
      events: division.events.map(({ title, date, notes, bunting }) => ({
        title,
        date,
        notes,
        bunting,
      })),
    };
  }
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

function span(years: number[]): string {
  if (years.length === 0) return 'none';
  const first = years[0] as number;
  const last = years[years.length - 1] as number;
  return years.length === last - first + 1 && years.length > 2 ? `${first}-${last}` : years.join(', ');
}

function describe(event: BankHolidayEvent): string {
  return `${event.date} ${event.title}${event.notes ? ` (${event.notes})` : ''}`;
}

/** A human-readable account of a merge, for the console. */
export function formatMergeSummary(result: MergeResult): string {
  const lines: string[] = [];
  for (const change of result.changes) {
    const years = byYear(result.data[change.division]).size;
    lines.push(`${change.division}: ${years} year(s) in the file`);
    lines.push(`  added from GOV.UK:      ${span(change.yearsAdded)}`);
    lines.push(`  updated from GOV.UK:    ${span(change.yearsUpdated)}`);
    lines.push(`  unchanged:              ${span(change.yearsUnchanged)}`);
    lines.push(`  kept (not in the feed): ${span(change.yearsKept)}`);
    for (const event of change.eventsRemoved) lines.push(`  - ${describe(event)}`);
    for (const event of change.eventsAdded) lines.push(`  + ${describe(event)}`);
  }
  const calendar = createCalendar(result.data).coverage();
  lines.push(`England-and-Wales working-day calendar covers ${calendar.firstYear} to ${calendar.lastYear}.`);
  lines.push(result.changed ? 'Changes found.' : 'No changes.');
  return lines.join('\n');
}

const MAX_CHARS = 5 * 1024 * 1024;

/** Downloads and validates a GOV.UK-format bank-holidays file (http or https only). */
export async function fetchBankHolidays(
  url: string,
  { timeoutMs = 30_000 }: { timeoutMs?: number } = {},
): Promise<BankHolidaysFile> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error(`Refusing to fetch bank holidays from ${parsed.protocol} URL ${url}`);
  }
  let response: Response;
  try {
    response = await fetch(parsed, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    throw new Error(`Could not fetch ${url}: ${cause ?? (error as Error).message}`);
  }
  if (!response.ok) {
    throw new Error(`GET ${url} answered ${response.status} ${response.statusText}`);
  }
  const text = await response.text();
  if (text.length > MAX_CHARS) throw new Error(`GET ${url} returned more than ${MAX_CHARS} characters`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`GET ${url} did not return JSON: ${(error as Error).message}`);
  }
  return validateBankHolidays(json, url);
}
