// Calendar dates as plain `YYYY-MM-DD` strings (proleptic Gregorian calendar, no time, no zone).
//
// `IsoDate` is a branded string: any `IsoDate` has been through `parseIsoDate` (or `isIsoDate`),
// so it names a date that exists. Two IsoDates compare correctly with `<`, `>` and `===`.

declare const isoDateBrand: unique symbol;

export type IsoDate = string & { readonly [isoDateBrand]: true };

export class InvalidDateError extends RangeError {
  readonly input: unknown;

  constructor(input: unknown, reason: string) {
    super(`Invalid calendar date ${JSON.stringify(input) ?? String(input)}: ${reason}`);
    this.name = 'InvalidDateError';
    this.input = input;
  }
}

const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Gregorian rule: every 4th year, except centuries, except every 4th century (2000 yes, 2100 no). */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function daysInMonth(year: number, month: number): number {
  if (month === 2 && isLeapYear(year)) return 29;
  const days = DAYS_IN_MONTH[month - 1];
  if (days === undefined) throw new RangeError(`Month out of range: ${month}`);
  return days;
}

/** Why `value` is not a valid IsoDate, or undefined when it is one. */
function problemWith(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'expected a string in the form YYYY-MM-DD';
  const match = ISO_DATE_PATTERN.exec(value);
  if (!match) return 'expected the form YYYY-MM-DD';
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12) return `there is no month ${match[2]}`;
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) return `${match[1]}-${match[2]} has days 01 to ${last}`;
  return undefined;
}

export function isIsoDate(value: unknown): value is IsoDate {
  return problemWith(value) === undefined;
}

/** Returns the input as an IsoDate, or throws InvalidDateError (e.g. for 2023-02-29 or 2024-13-01). */
export function parseIsoDate(value: unknown): IsoDate {
  const problem = problemWith(value);
  if (problem !== undefined) throw new InvalidDateError(value, problem);
  return value as IsoDate;
}

// Day numbers: days since 1970-01-01 (which is day 0). Howard Hinnant's civil-calendar algorithms,
// exact for the whole proleptic Gregorian calendar and independent of Date (which maps years 0-99
// to 1900-1999).

/** Day number of a date (1970-01-01 is 0). Validates its argument. */
export function toDayNumber(date: IsoDate): number {
  parseIsoDate(date);
  let year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  if (month <= 2) year -= 1;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The date of a day number (inverse of toDayNumber). */
export function fromDayNumber(dayNumber: number): IsoDate {
  if (!Number.isSafeInteger(dayNumber)) throw new RangeError(`Not a day number: ${dayNumber}`);
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return parseIsoDate(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
}

/** 0 = Sunday, 1 = Monday, ... 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return dayOfWeekOfDayNumber(toDayNumber(date));
}

export function dayOfWeekOfDayNumber(dayNumber: number): number {
  // 1970-01-01 (day 0) was a Thursday.
  return (((dayNumber + 4) % 7) + 7) % 7;
}

export function isWeekend(date: IsoDate): boolean {
  const day = dayOfWeek(date);
  return day === 0 || day === 6;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
