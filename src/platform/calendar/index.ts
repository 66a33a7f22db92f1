// The working-day calendar for England and Wales. Import from here.
export {
  type BankHolidayDivision,
  type BankHolidayEvent,
  type BankHolidaysFile,
  BankHolidaysFormatError,
  validateBankHolidays,
} from './bank-holidays-format.ts';
export { loadBundledBankHolidays } from './bundled.ts';
export {
  type Coverage,
  createCalendar,
  OutOfCoverageError,
  type WorkingDayCalendar,
} from './calendar.ts';
export { InvalidDateError, type IsoDate, isIsoDate, isLeapYear, parseIsoDate } from './iso-date.ts';
export { londonDate } from './london-date.ts';
