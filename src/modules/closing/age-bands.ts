/**
 * Age bands of the letter to each child (DOMAIN §3.2 step 9): the words of the letter are
 * chosen for the child's age. A child under 4 gets no letter. Pure functions.
 */
export const AGE_BANDS = ['4-7', '8-11', '12-15', '16-17'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export function isAgeBand(value: unknown): value is AgeBand {
  return typeof value === 'string' && (AGE_BANDS as readonly string[]).includes(value);
}

/** The youngest age that gets a letter. */
export const LETTER_MIN_AGE = 4;
/** The youngest age invited to give feedback when the case closes. */
export const FEEDBACK_MIN_AGE = 12;

/**
 * Age in whole years on a date (both YYYY-MM-DD). Someone born on 29 February has their
 * birthday on 1 March in a year that has no 29 February (as the law of England and Wales
 * counts it): on 28 February they are still a year younger.
 */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

/** The band of an age: null under 4 (no letter); 16 and over are in the oldest band. */
export function bandOfAge(age: number): AgeBand | null {
  if (age < LETTER_MIN_AGE) return null;
  if (age <= 7) return '4-7';
  if (age <= 11) return '8-11';
  if (age <= 15) return '12-15';
  return '16-17';
}

export type LetterEligibility =
  /** Date of birth known, 4 or over: the band follows from it. */
  | { kind: 'band'; band: AgeBand; age: number }
  /** Date of birth known, under 4: no letter. */
  | { kind: 'too-young'; age: number }
  /** Date of birth not known: the adviser chooses the band. */
  | { kind: 'choose' };

/** What kind of letter a child gets on a date. */
export function letterEligibility(dateOfBirth: string | null, on: string): LetterEligibility {
  if (!dateOfBirth) return { kind: 'choose' };
  const age = ageOn(dateOfBirth, on);
  const band = bandOfAge(age);
  return band ? { kind: 'band', band, age } : { kind: 'too-young', age };
}

/**
 * Whether a child is invited to give feedback at closure: aged 12 or over on the day, or,
 * with no date of birth, when the letter was written for a band of 12 and over.
 */
export function childInvitedToFeedback(dateOfBirth: string | null, on: string, letterBand: string | null): boolean {
  if (dateOfBirth) return ageOn(dateOfBirth, on) >= FEEDBACK_MIN_AGE;
  return letterBand === '12-15' || letterBand === '16-17';
}
