import { type IsoDate, parseIsoDate, type WorkingDayCalendar } from '../../platform/calendar/index.ts';

/**
 * The clocks of the work to the first hearing (DOMAIN §3.1 and §6), in working days of
 * England and Wales through platform/calendar. Targets are configuration in principle;
 * these are the national figures, named so each KPI and queue reads the same one.
 */
export const SCREENING_WORKING_DAYS = 1;
export const POLICE_CHECK_WORKING_DAYS = 2;
/** Local-authority checks have no national timescale; we ask for them within 5 working days. */
export const LOCAL_AUTHORITY_CHECK_WORKING_DAYS = 5;
/** With no court-set date, the letter is due this many working days before the first hearing. */
export const LETTER_BEFORE_HEARING_WORKING_DAYS = 2;

/** Screening is due within 1 working day of receipt (received Friday → due Monday). */
export function screeningDueOn(calendar: WorkingDayCalendar, receivedOn: string): IsoDate {
  return calendar.addWorkingDays(parseIsoDate(receivedOn), SCREENING_WORKING_DAYS);
}

export function policeCheckDueOn(calendar: WorkingDayCalendar, requestedOn: string): IsoDate {
  return calendar.addWorkingDays(parseIsoDate(requestedOn), POLICE_CHECK_WORKING_DAYS);
}

export function localAuthorityCheckDueOn(calendar: WorkingDayCalendar, requestedOn: string): IsoDate {
  return calendar.addWorkingDays(parseIsoDate(requestedOn), LOCAL_AUTHORITY_CHECK_WORKING_DAYS);
}

/**
 * The date the safeguarding letter is due: the court's date when it set one; otherwise
 * the working day LETTER_BEFORE_HEARING_WORKING_DAYS before the first hearing; null when
 * neither is known yet.
 */
export function letterDueOn(
  calendar: WorkingDayCalendar,
  courtDate: string | null,
  firstHearingOn: string | null,
): IsoDate | null {
  if (courtDate) return parseIsoDate(courtDate);
  if (!firstHearingOn) return null;
  let day = parseIsoDate(firstHearingOn);
  for (let i = 0; i < LETTER_BEFORE_HEARING_WORKING_DAYS; i += 1) day = calendar.previousWorkingDay(day);
  return day;
}

export type ClockState = 'done-on-time' | 'done-late' | 'due' | 'due-today' | 'overdue';

/**
 * Where a clock stands on `today`: done on time or late when it has a done date;
 * otherwise due, due today or overdue. Dates are calendar dates (Europe/London).
 */
export function clockState(dueOn: string, doneOn: string | null, today: string): ClockState {
  if (doneOn) return doneOn <= dueOn ? 'done-on-time' : 'done-late';
  if (today < dueOn) return 'due';
  return today === dueOn ? 'due-today' : 'overdue';
}

/** Working days from today until the due date (negative when overdue): what a queue sorts on. */
export function workingDaysLeft(calendar: WorkingDayCalendar, dueOn: string, today: string): number {
  return calendar.workingDaysBetween(parseIsoDate(today), parseIsoDate(dueOn));
}

/** Was an interview held on the day of the first hearing (too late: DOMAIN §3.1 step 5)? */
export function heldOnHearingDay(heldOn: string, firstHearingOn: string | null): boolean {
  return firstHearingOn !== null && heldOn === firstHearingOn;
}
