import type { Random } from './random.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const OPEN = 8 * 60 + 30;
const CLOSE = 18 * 60;

export function isWeekend(dayMs: number): boolean {
  const weekday = new Date(dayMs).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/**
 * The first working moment at or after `ms` (weekdays 08:30–18:00, UTC as a stand-in for
 * UK time), to whole seconds: work recorded outside office hours moves to the next morning.
 */
export function workingFrom(ms: number, random: Random): number {
  const day = Math.floor(ms / DAY) * DAY;
  const minute = (ms - day) / MINUTE;
  if (!isWeekend(day) && minute >= OPEN && minute < CLOSE) return Math.floor(ms / 1000) * 1000;
  if (!isWeekend(day) && minute < OPEN) return day + random.int(OPEN, CLOSE - 1) * MINUTE + random.int(0, 59) * 1000;
  let next = day + DAY;
  while (isWeekend(next)) next += DAY;
  return next + random.int(OPEN, CLOSE - 1) * MINUTE + random.int(0, 59) * 1000;
}

/** A weekday at the same time of day: Saturday and Sunday move to Monday. */
export function weekday(ms: number): number {
  let day = Math.floor(ms / DAY) * DAY;
  const offset = ms - day;
  while (isWeekend(day)) day += DAY;
  return day + offset;
}

/** A moment strictly between `fromMs` and `toMs`, in working hours when it can be (most work is). */
export function workingBetween(random: Random, fromMs: number, toMs: number): number {
  const ms = Math.floor((fromMs + 1000 + random.next() * Math.max(0, toMs - fromMs - 2000)) / 1000) * 1000;
  if (random.chance(0.06)) return ms;
  let day = Math.floor(ms / DAY) * DAY;
  const weekday = new Date(day).getUTCDay();
  // A weekend moment moves to any weekday of the same week (Saturday) or the next (Sunday).
  if (weekday === 6) day -= random.int(1, 5) * DAY;
  if (weekday === 0) day += random.int(1, 5) * DAY;
  const at = day + random.int(OPEN, CLOSE - 1) * MINUTE + random.int(0, 59) * 1000;
  if (at > fromMs && at < toMs) return at;
  const forward = workingFrom(ms, random);
  return forward > fromMs && forward < toMs ? forward : ms;
}

/** The UTC midnight of the day of `ms`. */
export function dayOf(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

/** The working day `n` working days after (or, for negative `n`, before) the day `dayMs` (weekdays only). */
export function addWorkingDays(dayMs: number, n: number): number {
  let day = dayOf(dayMs);
  const step = n < 0 ? -DAY : DAY;
  for (let left = Math.abs(n); left > 0; ) {
    day += step;
    if (!isWeekend(day)) left -= 1;
  }
  return day;
}

/** A moment in office hours on the day `dayMs`, to whole seconds. */
export function workingTimeOn(dayMs: number, random: Random): number {
  return dayOf(dayMs) + random.int(OPEN, CLOSE - 1) * MINUTE + random.int(0, 59) * 1000;
}
