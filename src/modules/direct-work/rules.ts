/**
 * Direct work: the pure rules (DOMAIN §3.2 steps 4 to 6). No database, no HTTP.
 */

/**
 * The welfare checklist of s1(3) Children Act 1989, (a) to (g), in the order of the Act.
 * Each code is also the locale key directWork.welfare.<code> of its name.
 */
export const WELFARE_CHECKLIST: readonly string[] = Object.freeze([
  'wishes-feelings',
  'needs',
  'effect-of-change',
  'characteristics',
  'harm',
  'parental-capability',
  'court-powers',
]);

/** The paragraph letter of each welfare checklist code, s1(3)(a) to (g). */
export function welfareParagraph(code: string): string | null {
  const i = WELFARE_CHECKLIST.indexOf(code);
  return i < 0 ? null : String.fromCharCode(97 + i);
}

/** The aspects of a child's diversity and identity; locale keys directWork.diversityAspects.<code>. */
export const DIVERSITY_ASPECTS = [
  'ethnicity',
  'culture',
  'religion',
  'language',
  'gender-identity',
  'disability',
] as const;
export type DiversityAspect = (typeof DIVERSITY_ASPECTS)[number];

/** How signposting is given; locale keys directWork.signpostingMethods.<code>. */
export const SIGNPOSTING_METHODS = ['in-person', 'telephone', 'video', 'letter', 'email'] as const;

/** The kinds of local service in the directory; locale keys directWork.serviceKinds.<code>. */
export const SERVICE_KINDS = [
  'family-information',
  'domestic-abuse',
  'parenting-programme',
  'mediation',
  'young-carers',
  'counselling',
  'other',
] as const;

/** The longest session recorded, in minutes (a whole day). */
export const MAX_SESSION_MINUTES = 600;

export interface SessionSeenFacts {
  heldOn: string;
  createdAt: string;
  seen: boolean;
  notSeenReason: string | null;
  seenAlone: boolean;
  notSeenAloneReason: string | null;
}

export interface SeenStatus {
  /** No session recorded at all. */
  none: boolean;
  seen: boolean;
  notSeenReason: string | null;
  seenAlone: boolean;
  notSeenAloneReason: string | null;
}

const latestFirst = (a: SessionSeenFacts, b: SessionSeenFacts) =>
  a.heldOn === b.heldOn ? b.createdAt.localeCompare(a.createdAt) : b.heldOn.localeCompare(a.heldOn);

/**
 * Whether a child has been seen, and seen alone, across their sessions: seen when any
 * session saw them, seen alone when any session saw them alone. While not, the reason is
 * the one given at the latest session that did not (held last; recorded last on the same day):
 * for not being seen alone, the latest session that saw them with someone else present, or,
 * when they have never been seen, the reason they were not seen.
 */
export function seenStatus(sessions: readonly SessionSeenFacts[]): SeenStatus {
  const ordered = [...sessions].sort(latestFirst);
  const seen = ordered.some((s) => s.seen);
  const seenAlone = ordered.some((s) => s.seen && s.seenAlone);
  const notSeen = ordered.find((s) => !s.seen);
  const seenWithOthers = ordered.find((s) => s.seen && !s.seenAlone);
  let notSeenAloneReason: string | null = null;
  if (!seenAlone) {
    notSeenAloneReason = seenWithOthers
      ? seenWithOthers.notSeenAloneReason
      : // Never seen at all: why not is also why not alone.
        (notSeen?.notSeenReason ?? null);
  }
  return {
    none: ordered.length === 0,
    seen,
    notSeenReason: seen ? null : (notSeen?.notSeenReason ?? null),
    seenAlone,
    notSeenAloneReason,
  };
}

/** The welfare checklist headings not yet written about (empty or only spaces), in the Act's order. */
export function missingWelfareHeadings(welfare: Readonly<Record<string, string | undefined>>): string[] {
  return WELFARE_CHECKLIST.filter((code) => (welfare[code] ?? '').trim() === '');
}

/** Line endings as stored: the child's words keep their line breaks, whatever the browser sent. */
export function normaliseLineEndings(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

export interface ServiceOrderFacts {
  id: string;
  localAuthorityCode: string | null;
  nation: string;
  name: string;
}

/**
 * Order the directory for a case: the services of the case's local authority first, then
 * those for the whole of the case's nation, then the rest; by name within each.
 */
export function orderServicesForCase<T extends ServiceOrderFacts>(
  services: readonly T[],
  kase: { localAuthorityCode: string | null; nation: string | null },
): { local: T[]; national: T[]; other: T[] } {
  const byName = (a: T, b: T) => a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id);
  const local: T[] = [];
  const national: T[] = [];
  const other: T[] = [];
  for (const s of services) {
    if (kase.localAuthorityCode !== null && s.localAuthorityCode === kase.localAuthorityCode) local.push(s);
    else if (s.localAuthorityCode === null && s.nation === kase.nation) national.push(s);
    else other.push(s);
  }
  return { local: local.sort(byName), national: national.sort(byName), other: other.sort(byName) };
}

/**
 * A child's age in whole years on a day (ISO dates). Someone born on 29 February has their
 * birthday on 1 March in a year that is not a leap year.
 */
export function ageOn(dateOfBirth: string | null, on: string): number | null {
  if (!dateOfBirth || !/^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth)) return null;
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age < 0 ? null : age;
}
