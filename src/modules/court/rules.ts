import { type IsoDate, parseIsoDate, type WorkingDayCalendar } from '../../platform/calendar/index.ts';
import { FIRST_HEARING_REPORT_TYPES, PRL_ORDER_TYPES } from '../safeguarding/service.ts';

/**
 * Hearing types a worker can choose (HMC service ABA5 codes, API.md §5.2). The court's
 * list is open: imported hearings may carry any code, shown with the court's own label.
 * Labels are the locale keys court.hearingTypes.<code>.
 */
export const HEARING_TYPES = [
  'ABA5-FHD',
  'ABA5-FHR',
  'ABA5-DRA',
  'ABA5-FFH',
  'ABA5-FOF',
  'ABA5-CMH',
  'ABA5-DIR',
  'ABA5-GRH',
  'ABA5-PHR',
  'ABA5-REV',
  'ABA5-JMT',
  'ABA5-APP',
] as const;
export type HearingType = (typeof HEARING_TYPES)[number];

/** Hearing statuses a worker can set, in HMC's spelling (LISTED, ADJOURNED …) plus VACATED. */
export const HEARING_STATUSES = ['LISTED', 'ADJOURNED', 'VACATED', 'COMPLETED'] as const;
export type HearingStatus = (typeof HEARING_STATUSES)[number];

/** Statuses of hearings that will not go ahead (HMC's and ours): never the "next hearing". */
export const HEARING_NOT_GOING_AHEAD = ['VACATED', 'CANCELLED', 'ADJOURNED', 'POSTPONED'] as const;

/**
 * Orders a worker can record: the first hearing's PRL forms (C43 child arrangements,
 * specific issue and prohibited steps; C43A special guardianship; C45A parental
 * responsibility; FL404A non-molestation) and the others of API.md §6.3, then "other"
 * with a label. Labels are court.orderTypes.<code>.
 */
export const ORDER_TYPES = [
  ...PRL_ORDER_TYPES.filter((o) => o !== 'other'),
  'C21',
  'C47A',
  'C49',
  'FL404',
  'other',
] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

/**
 * Reports and filings the court directs of us (the first hearing's list, an addendum and
 * an update to the safeguarding letter), then "other" with a label. Labels are
 * court.reportTypes.<type>; imported directions may also be `safeguarding-letter`.
 */
export const DIRECTION_TYPES = [
  ...FIRST_HEARING_REPORT_TYPES.filter((r) => r !== 'other'),
  's7-addendum',
  'letter-update',
  'other',
] as const;
export type DirectionType = (typeof DIRECTION_TYPES)[number];

/** States from which a final order moves the case to closing (private-law-states.ts). */
export const FINAL_ORDER_STATES = ['allocated', 'reporting', 'report-filed'] as const;

export function finalOrderAllowed(status: string): boolean {
  return (FINAL_ORDER_STATES as readonly string[]).includes(status);
}

/**
 * How many working days ahead a filing date counts as "will be missed" when nothing is
 * filed yet (DOMAIN §3.4): time enough to tell the parties before the date, not after.
 */
export const DELAY_WARNING_WORKING_DAYS = 2;

/**
 * The last calendar date that is within DELAY_WARNING_WORKING_DAYS working days of today:
 * the day before the next working day after that. A weekend or bank holiday straight after
 * the window is inside it (nothing gets filed on those days either).
 * Due on or before this date and not filed means the date will be missed.
 */
export function atRiskThrough(
  calendar: WorkingDayCalendar,
  today: string,
  workingDays = DELAY_WARNING_WORKING_DAYS,
): IsoDate {
  const next = calendar.addWorkingDays(parseIsoDate(today), workingDays + 1);
  const d = new Date(`${next}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return parseIsoDate(d.toISOString().slice(0, 10));
}

export type DelayRisk = 'filed' | 'no-date' | 'on-track' | 'will-be-missed' | 'missed';

/**
 * Will a direction's filing date be missed? Filed is filed (even late); no date, no risk;
 * a date already past and not filed is missed; a date within the warning window (working
 * days) is going to be missed unless filed now. Pure, over calendar dates (Europe/London).
 */
export function delayRisk(
  calendar: WorkingDayCalendar,
  direction: { dueOn: string | null; filedOn: string | null },
  today: string,
  workingDays = DELAY_WARNING_WORKING_DAYS,
): DelayRisk {
  if (direction.filedOn) return 'filed';
  if (!direction.dueOn) return 'no-date';
  if (direction.dueOn < today) return 'missed';
  return direction.dueOn <= atRiskThrough(calendar, today, workingDays) ? 'will-be-missed' : 'on-track';
}

/** The parties must be told: the date is past or will be missed (DOMAIN §3.4). */
export function willBeMissed(
  calendar: WorkingDayCalendar,
  direction: { dueOn: string | null; filedOn: string | null },
  today: string,
  workingDays = DELAY_WARNING_WORKING_DAYS,
): boolean {
  const risk = delayRisk(calendar, direction, today, workingDays);
  return risk === 'missed' || risk === 'will-be-missed';
}

export type NoticeChannel = 'email' | 'sms' | 'letter';

export interface PartyContact {
  kind: 'address' | 'phone' | 'email';
  value: string | null;
  confidential: boolean;
  refuge: boolean;
}

/**
 * The channels a party can be told by, best first: e-mail, then text, when they have one
 * on file that is not confidential (a confidential value never goes into the outbox);
 * a letter always (sent to the address on file by the delivery job).
 */
export function channelsFor(contacts: PartyContact[]): { channel: NoticeChannel; recipient: string | null }[] {
  const usable = (kind: 'email' | 'phone') =>
    contacts.find((c) => c.kind === kind && !c.confidential && !c.refuge && (c.value ?? '').trim() !== '');
  const out: { channel: NoticeChannel; recipient: string | null }[] = [];
  const email = usable('email');
  if (email) out.push({ channel: 'email', recipient: email.value!.trim() });
  const phone = usable('phone');
  if (phone) out.push({ channel: 'sms', recipient: phone.value!.trim() });
  out.push({ channel: 'letter', recipient: null });
  return out;
}

/** An adult party who can be told (not the local authority, not a child). */
export function isTellableParty(p: { partyRole: string; dateOfBirth: string | null }, today: string): boolean {
  if (p.partyRole === 'local-authority') return false;
  if (!p.dateOfBirth) return true;
  const [by, bm, bd] = p.dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age >= 18;
}

/**
 * A time typed as HH:MM (24-hour, "9:30" allowed, "2pm" not): minutes past midnight, or
 * null when it is not a time.
 */
export function parseTime(value: string): { hours: number; minutes: number } | null {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(value.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return null;
  return { hours, minutes };
}

/** A London wall-clock date and time as a UTC instant (summer time included). */
export function londonInstant(date: string, time: { hours: number; minutes: number }): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d, time.hours, time.minutes);
  // London is UTC or UTC+1: take the offset London shows at the guessed instant, then re-check.
  const offsetAt = (ms: number) => {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    }).formatToParts(new Date(ms));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute')) - ms;
  };
  let instant = guess - offsetAt(guess);
  instant = guess - offsetAt(instant);
  return new Date(instant);
}

/** The London date and HH:MM time of an instant (for the edit form and the list). */
export function londonDateTime(instant: string | Date): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}
