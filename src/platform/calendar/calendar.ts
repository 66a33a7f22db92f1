import { type BankHolidaysFile, ENGLAND_AND_WALES, validateBankHolidays, yearsOf } from './bank-holidays-format.ts';
import { loadBundledBankHolidays } from './bundled.ts';
import { dayOfWeekOfDayNumber, fromDayNumber, type IsoDate, parseIsoDate, toDayNumber } from './iso-date.ts';

// Working days in England and Wales: Monday to Friday, except England-and-Wales bank holidays.
//
// Counting convention (the KPI clocks):
// - workingDaysBetween(from, to) counts the working days AFTER `from`, up to and INCLUDING `to`.
//   Received Friday, screened Monday: 1 working day. Same day: 0. Negative when `to` < `from`
//   (workingDaysBetween(a, b) === -workingDaysBetween(b, a)).
// - addWorkingDays(date, n), n >= 1: the n-th working day strictly after `date`, whether or not
//   `date` is itself a working day (Friday + 1 = Monday; Saturday + 1 = Monday). So for n >= 1,
//   workingDaysBetween(date, addWorkingDays(date, n)) === n, and "within n working days of
//   receipt" means "on or before addWorkingDays(receipt, n)".
// - addWorkingDays(date, 0): `date` itself if it is a working day, else the next working day.
//
// Only the years in the bank-holiday data are known: asking about any date outside them (or a
// result that would fall outside them) throws OutOfCoverageError rather than guessing.

export type Coverage = {
  firstYear: number;
  lastYear: number;
  /** `${firstYear}-01-01` */
  firstDate: IsoDate;
  /** `${lastYear}-12-31` */
  lastDate: IsoDate;
};

export interface WorkingDayCalendar {
  isWorkingDay(date: IsoDate): boolean;
  /** See the counting convention above; n must be a non-negative integer. */
  addWorkingDays(date: IsoDate, n: number): IsoDate;
  /** Working days after `from` up to and including `to`; negative if `to` is before `from`. */
  workingDaysBetween(from: IsoDate, to: IsoDate): number;
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: IsoDate): IsoDate;
  /** The last working day strictly before `date`. */
  previousWorkingDay(date: IsoDate): IsoDate;
  /** The bank holiday's title (e.g. "Boxing Day"), or undefined if `date` is not one. */
  bankHoliday(date: IsoDate): string | undefined;
  coverage(): Coverage;
}

export class OutOfCoverageError extends RangeError {
  readonly date: string;
  readonly coverage: Coverage;

  constructor(date: string, coverage: Coverage, what = date) {
    super(
      `No England-and-Wales bank-holiday data for ${what}: the calendar covers ` +
        `${coverage.firstYear} to ${coverage.lastYear}. ` +
        'Run `npm run bank-holidays:refresh` to update src/platform/calendar/bank-holidays.json.',
    );
    this.name = 'OutOfCoverageError';
    this.date = date;
    this.coverage = coverage;
  }
}

/**
 * A working-day calendar from GOV.UK-format bank-holiday data (by default the bundled
 * bank-holidays.json). The years covered are those of the england-and-wales events, which must
 * be consecutive.
 */
export function createCalendar(data: BankHolidaysFile = loadBundledBankHolidays()): WorkingDayCalendar {
  const englandAndWales = validateBankHolidays(data)[ENGLAND_AND_WALES];
  const years = yearsOf(englandAndWales);
  const firstYear = years[0] as number;
  const lastYear = years[years.length - 1] as number;
  const missing: number[] = [];
  for (let year = firstYear; year <= lastYear; year++) {
    if (!years.includes(year)) missing.push(year);
  }
  if (missing.length > 0) {
    throw new Error(
      `England-and-Wales bank-holiday data has no events for ${missing.join(', ')}, ` +
        `between ${firstYear} and ${lastYear}: the covered years must be consecutive`,
    );
  }
  const coverage: Coverage = Object.freeze({
    firstYear,
    lastYear,
    firstDate: parseIsoDate(`${String(firstYear).padStart(4, '0')}-01-01`),
    lastDate: parseIsoDate(`${String(lastYear).padStart(4, '0')}-12-31`),
  });

  const start = toDayNumber(coverage.firstDate);
  const end = toDayNumber(coverage.lastDate);
  const holidays = new Map<number, string>();
  for (const event of englandAndWales.events) holidays.set(toDayNumber(event.date), event.title);

  // workingUpTo[i]: working days from the first covered day to day `start + i`, inclusive.
  // workingDay[k]: day number of the (k+1)-th working day of the covered range.
  const workingUpTo = new Int32Array(end - start + 1);
  const workingDay: number[] = [];
  for (let day = start; day <= end; day++) {
    const weekday = dayOfWeekOfDayNumber(day);
    if (weekday !== 0 && weekday !== 6 && !holidays.has(day)) workingDay.push(day);
    workingUpTo[day - start] = workingDay.length;
  }

  function indexOf(date: IsoDate): number {
    const day = toDayNumber(date);
    if (day < start || day > end) throw new OutOfCoverageError(date, coverage);
    return day - start;
  }
  function isWorkingIndex(index: number): boolean {
    return (workingUpTo[index] as number) - (index > 0 ? (workingUpTo[index - 1] as number) : 0) === 1;
  }
  /** The date of the (k+1)-th working day, or OutOfCoverageError described by `what`. */
  function nthWorkingDay(k: number, date: IsoDate, what: string): IsoDate {
    const day = workingDay[k];
    if (k < 0 || day === undefined) throw new OutOfCoverageError(date, coverage, what);
    return fromDayNumber(day);
  }

  return {
    isWorkingDay(date) {
      return isWorkingIndex(indexOf(date));
    },
    addWorkingDays(date, n) {
      if (!Number.isSafeInteger(n) || n < 0) {
        throw new RangeError(`addWorkingDays needs a whole number of days, 0 or more (got ${n})`);
      }
      const index = indexOf(date);
      if (n === 0 && isWorkingIndex(index)) return date;
      const k = (workingUpTo[index] as number) + Math.max(n, 1) - 1;
      return nthWorkingDay(k, date, `${n} working day(s) after ${date}`);
    },
    workingDaysBetween(from, to) {
      return (workingUpTo[indexOf(to)] as number) - (workingUpTo[indexOf(from)] as number);
    },
    nextWorkingDay(date) {
      const k = workingUpTo[indexOf(date)] as number;
      return nthWorkingDay(k, date, `the working day after ${date}`);
    },
    previousWorkingDay(date) {
      const index = indexOf(date);
      const k = (workingUpTo[index] as number) - (isWorkingIndex(index) ? 1 : 0) - 1;
      return nthWorkingDay(k, date, `the working day before ${date}`);
    },
    bankHoliday(date) {
      return holidays.get(start + indexOf(date));
    },
    coverage() {
      return coverage;
    },
  };
}
