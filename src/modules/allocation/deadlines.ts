import { parseIsoDate, type WorkingDayCalendar } from '../../platform/calendar/index.ts';

/** The last calendar day of the month of `date` (leap years included). */
export function lastDayOfMonth(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${date.slice(0, 7)}-${String(last).padStart(2, '0')}`;
}

/**
 * The month-end allocation deadline (the KPI "allocated by the end of the month", DOMAIN §6):
 * the last working day of the month in which the case became ready for allocation. A case
 * that became ready after that day (on a weekend or bank holiday at the very end of the
 * month) is still counted in that month, so it is due the day it became ready: a case ready
 * on the last day of a month is due that day.
 */
export function monthEndDeadline(calendar: WorkingDayCalendar, readyOn: string): string {
  const last = parseIsoDate(lastDayOfMonth(readyOn));
  const lastWorking = calendar.isWorkingDay(last) ? last : calendar.previousWorkingDay(last);
  return lastWorking >= readyOn ? lastWorking : readyOn;
}

/** How a case waiting for allocation stands on `today`: its age and its deadline. */
export function queueClock(
  calendar: WorkingDayCalendar,
  readyOn: string,
  today: string,
): { ageWorkingDays: number; deadline: string; overdue: boolean; dueToday: boolean; workingDaysLeft: number } {
  const deadline = monthEndDeadline(calendar, readyOn);
  return {
    ageWorkingDays: Math.max(0, calendar.workingDaysBetween(parseIsoDate(readyOn), parseIsoDate(today))),
    deadline,
    overdue: today > deadline,
    dueToday: today === deadline,
    workingDaysLeft: calendar.workingDaysBetween(parseIsoDate(today), parseIsoDate(deadline)),
  };
}
