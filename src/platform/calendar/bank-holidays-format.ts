import { type IsoDate, isIsoDate } from './iso-date.ts';

// The GOV.UK format of https://www.gov.uk/bank-holidays.json:
// {"england-and-wales":{"division":"england-and-wales","events":[
//   {"title":"New Year’s Day","date":"2018-01-01","notes":"","bunting":true}, ...]},
//  "scotland":{...},"northern-ireland":{...}}

export const ENGLAND_AND_WALES = 'england-and-wales';

export type BankHolidayEvent = {
  title: string;
  date: IsoDate;
  /** "" or e.g. "Substitute day". */
  notes: string;
  bunting: boolean;
};

export type BankHolidayDivision = {
  division: string;
  events: BankHolidayEvent[];
};

export type BankHolidaysFile = {
  [ENGLAND_AND_WALES]: BankHolidayDivision;
  [division: string]: BankHolidayDivision;
};

export class BankHolidaysFormatError extends Error {
  readonly issues: readonly string[];

  constructor(source: string, issues: readonly string[]) {
    const shown = issues.slice(0, 10).map((issue) => `  - ${issue}`);
    if (issues.length > shown.length) shown.push(`  - and ${issues.length - shown.length} more`);
    super(`${source} is not valid bank-holiday data:\n${shown.join('\n')}`);
    this.name = 'BankHolidaysFormatError';
    this.issues = issues;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks parsed JSON against the GOV.UK format and returns a clean copy (events sorted by date,
 * unknown keys dropped). Requires the england-and-wales division with at least one event; every
 * event needs a non-empty title and a real YYYY-MM-DD date, no date may appear twice in a division;
 * `notes` defaults to "" and `bunting` to false when absent. Throws BankHolidaysFormatError
 * listing every problem found.
 */
export function validateBankHolidays(json: unknown, source = 'bank-holiday data'): BankHolidaysFile {
  const issues: string[] = [];
  if (!isRecord(json)) throw new BankHolidaysFormatError(source, ['expected a JSON object']);
  if (!(ENGLAND_AND_WALES in json)) issues.push(`the "${ENGLAND_AND_WALES}" division is missing`);

  const result: Record<string, BankHolidayDivision> = {};
  for (const [key, value] of Object.entries(json)) {
    const division = validateDivision(key, value, issues);
    if (division) result[key] = division;
  }
  const englandAndWales = result[ENGLAND_AND_WALES];
  if (englandAndWales && englandAndWales.events.length === 0) {
    issues.push(`the "${ENGLAND_AND_WALES}" division has no events`);
  }
  if (issues.length > 0 || !englandAndWales) throw new BankHolidaysFormatError(source, issues);
  return { ...result, [ENGLAND_AND_WALES]: englandAndWales };
}

function validateDivision(key: string, value: unknown, issues: string[]): BankHolidayDivision | undefined {
  if (!isRecord(value)) {
    issues.push(`${key}: expected an object with "division" and "events"`);
    return undefined;
  }
  if (value.division !== key) {
    issues.push(`${key}: "division" should be ${JSON.stringify(key)}`);
  }
  if (!Array.isArray(value.events)) {
    issues.push(`${key}: "events" should be an array`);
    return undefined;
  }
  const events: BankHolidayEvent[] = [];
  const seen = new Set<string>();
  value.events.forEach((raw: unknown, index: number) => {
    const where = `${key}.events[${index}]`;
    if (!isRecord(raw)) {
      issues.push(`${where}: expected an object`);
      return;
    }
    const { title, date, notes = '', bunting = false } = raw;
    let ok = true;
    if (typeof title !== 'string' || title.trim() === '') {
      issues.push(`${where}: "title" should be a non-empty string`);
      ok = false;
    }
    if (!isIsoDate(date)) {
      issues.push(`${where}: "date" ${JSON.stringify(date)} is not a real YYYY-MM-DD date`);
      ok = false;
    } else if (seen.has(date)) {
      issues.push(`${where}: ${date} appears more than once`);
      ok = false;
    }
    if (typeof notes !== 'string') {
      issues.push(`${where}: "notes" should be a string`);
      ok = false;
    }
    if (typeof bunting !== 'boolean') {
      issues.push(`${where}: "bunting" should be true or false`);
      ok = false;
    }
    if (ok) {
      seen.add(date as IsoDate);
      events.push({
        title: title as string,
        date: date as IsoDate,
        notes: notes as string,
        bunting: bunting as boolean,
      });
    }
  });
  events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { division: key, events };
}

/** The years (from event dates) present in a division, ascending. */
export function yearsOf(division: BankHolidayDivision): number[] {
  return [...new Set(division.events.map((event) => Number(event.date.slice(0, 4))))].sort((a, b) => a - b);
}
