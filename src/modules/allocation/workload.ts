/**
 * Weighted caseloads (DOMAIN §5.3): each case carries a weight by its type (law and
 * application) and its stage; a practitioner's caseload is the sum of the weights of their
 * open allocated cases, set against their contracted capacity. Pure: no database, no clock.
 *
 * Points are relative to one private-law child arrangements case (C100) being worked towards
 * a section 7 report: 1 point. Weights are kept in hundredths (the table's numeric(5,2)) and
 * the arithmetic is done in whole numbers, so that the SQL of the caseload pages (see
 * `caseWeightSql` in queries.ts) and these functions always agree to the hundredth.
 */

/** The stages of the work after the first hearing that carry a weight (the private-law states). */
export const CASE_STAGES = ['allocated', 'reporting', 'report-filed', 'closing'] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

export function isCaseStage(value: unknown): value is CaseStage {
  return typeof value === 'string' && (CASE_STAGES as readonly string[]).includes(value);
}

/** The kinds of case (law and application type, DOMAIN §2) a weight is set for. */
export const CASE_TYPES = [
  { law: 'private', applicationType: 'c100' },
  { law: 'private', applicationType: 'enforcement' },
  { law: 'private', applicationType: 'leave-to-remove' },
  { law: 'private', applicationType: 'parental-order' },
  { law: 'private', applicationType: 'rule-16-4' },
  { law: 'public', applicationType: 'c110a' },
  { law: 'public', applicationType: 'emergency-protection' },
  { law: 'public', applicationType: 'secure-accommodation' },
  { law: 'adoption', applicationType: 'placement-order' },
  { law: 'adoption', applicationType: 'adoption' },
] as const;

export type CaseTypeKey = `${string}/${string}`;
export const caseTypeKey = (law: string, applicationType: string): CaseTypeKey => `${law}/${applicationType}`;

/**
 * The starting weights, loaded into `workload_weight` by migration 0010 (the two must match:
 * a test checks). Where they come from: they are our own starting values, not an official
 * Cafcass weighting. They follow the relative effort the sources describe (DOMAIN §2, §3.2,
 * §3.3 and the 2018 inspection): a children's guardian's care case (26-week timetable, initial
 * and final analysis, IRO liaison, solicitor) is about twice a private-law section 7 case, as
 * is a rule 16.4 appointment; enforcement and parental-order work is lighter; work weighs most
 * while the report is being written and least at closing (summary and letter to the child).
 * Each organisation sets its own at /admin/reference/workload-weights.
 */
export const DEFAULT_WORKLOAD_WEIGHTS: Record<CaseTypeKey, Record<CaseStage, number>> = {
  'private/c100': { allocated: 1, reporting: 1, 'report-filed': 0.5, closing: 0.25 },
  'private/enforcement': { allocated: 0.75, reporting: 0.75, 'report-filed': 0.5, closing: 0.25 },
  'private/leave-to-remove': { allocated: 1, reporting: 1, 'report-filed': 0.5, closing: 0.25 },
  'private/parental-order': { allocated: 0.75, reporting: 0.75, 'report-filed': 0.25, closing: 0.25 },
  'private/rule-16-4': { allocated: 2, reporting: 2, 'report-filed': 1.5, closing: 0.5 },
  'public/c110a': { allocated: 2, reporting: 2, 'report-filed': 1.5, closing: 0.5 },
  'public/emergency-protection': { allocated: 1.5, reporting: 1.5, 'report-filed': 1, closing: 0.5 },
  'public/secure-accommodation': { allocated: 2, reporting: 2, 'report-filed': 1.5, closing: 0.5 },
  'adoption/placement-order': { allocated: 1.5, reporting: 1.5, 'report-filed': 1, closing: 0.5 },
  'adoption/adoption': { allocated: 1, reporting: 1, 'report-filed': 0.5, closing: 0.25 },
};

/** The weight of a case of a type no weight is set for (a new application type): one point. */
export const UNKNOWN_TYPE_WEIGHT = 1;

/** Smallest and largest weight an administrator may set (points per case). */
export const MIN_WEIGHT = 0;
export const MAX_WEIGHT = 10;

/**
 * Sibling groups weigh more: every child is seen and recorded on their own (DOMAIN §3.2
 * step 4), but much of the work (the adults, the checks, one report) is shared. So each
 * child after the first adds a quarter of the case's weight, up to a doubling (five children
 * or more): 1 child ×1, 2 ×1.25, 3 ×1.5, 4 ×1.75, 5 or more ×2.
 */
export const SIBLING_UPLIFT_QUARTERS = 1;
export const MAX_SIBLING_UPLIFT_QUARTERS = 4;

/**
 * Contracted capacity, in points. A full-time family court adviser or children's guardian:
 * 22 points (about 22 private-law report cases, or 11 care cases, at once). Associates are
 * independent, with capacity by contract: they have none until a manager sets it.
 */
export const FULL_TIME_CAPACITY = 22;
export const MAX_CAPACITY = 100;

/** The practitioner roles that hold caseloads, in the order the pages show them. */
export const CASEHOLDER_ROLES = ['fca', 'childrens-guardian', 'associate'] as const;
export type CaseholderRole = (typeof CASEHOLDER_ROLES)[number];

export type WeightTable = ReadonlyMap<CaseTypeKey, Partial<Record<CaseStage, number>>>;

/** The defaults as a weight table (what the migration seeds). */
export function defaultWeightTable(): WeightTable {
  return new Map(Object.entries(DEFAULT_WORKLOAD_WEIGHTS) as [CaseTypeKey, Record<CaseStage, number>][]);
}

/** The stage a case's state weighs as: closed weighs nothing; any other open state as allocated. */
export function stageOf(status: string): CaseStage | null {
  if (status === 'closed') return null;
  return isCaseStage(status) ? status : 'allocated';
}

/** The multiplier of a sibling group of `children` children, in quarters (4 = ×1). */
export function siblingQuarters(children: number): number {
  const extra = Math.max(0, Math.floor(children) - 1) * SIBLING_UPLIFT_QUARTERS;
  return 4 + Math.min(extra, MAX_SIBLING_UPLIFT_QUARTERS);
}

export interface WeighedCase {
  law: string;
  applicationType: string;
  /** The case's work state (closed cases weigh nothing). */
  status: string;
  /** Subject children (a case always has at least one; 0 counts as one). */
  children: number;
}

const hundredths = (points: number) => Math.round(points * 100);

/** The weight of one case, in points to the hundredth (half a hundredth rounds up). */
export function caseWeight(weights: WeightTable, c: WeighedCase, stage: CaseStage | null = stageOf(c.status)): number {
  if (stage === null) return 0;
  const base = weights.get(caseTypeKey(c.law, c.applicationType))?.[stage] ?? UNKNOWN_TYPE_WEIGHT;
  // base (hundredths) × quarters / 4: a multiple of 0.25 hundredths, so Math.round is exact.
  return Math.round((hundredths(base) * siblingQuarters(c.children)) / 4) / 100;
}

/** A practitioner's weighted caseload: the sum of their open cases' weights. */
export function weightedCaseload(weights: WeightTable, cases: readonly WeighedCase[]): number {
  return cases.reduce((sum, c) => sum + hundredths(caseWeight(weights, c)), 0) / 100;
}

/** Capacity used, as a whole percentage; null when no capacity is set (or it is nil). */
export function capacityUsed(points: number, capacity: number | null): number | null {
  if (capacity === null || capacity <= 0) return null;
  return Math.round((points / capacity) * 100);
}

/**
 * What a practitioner's caseload would be if the case were added to it, weighed at the
 * stage it would be in once allocated (a case waiting for allocation becomes `allocated`).
 */
export function resultingCaseload(
  weights: WeightTable,
  current: { points: number; capacity: number | null },
  added: WeighedCase,
): { points: number; added: number; percent: number | null; overCapacity: boolean } {
  const stage = added.status === 'awaiting-allocation' ? 'allocated' : stageOf(added.status);
  const weight = caseWeight(weights, added, stage);
  const points = (hundredths(current.points) + hundredths(weight)) / 100;
  const percent = capacityUsed(points, current.capacity);
  return {
    points,
    added: weight,
    percent,
    overCapacity: current.capacity !== null && points > current.capacity,
  };
}

/** The capacity of a practitioner with no capacity set: full time for employees, none for associates. */
export function defaultCapacity(roles: readonly string[]): number | null {
  if (roles.includes('fca') || roles.includes('childrens-guardian')) return FULL_TIME_CAPACITY;
  return null;
}

/** The role a practitioner is allocated in, from their roles and the kind of case. */
export function allocationRoleFor(roles: readonly string[], c: { law: string; applicationType: string }): string {
  if (roles.includes('associate') && !roles.includes('fca') && !roles.includes('childrens-guardian')) {
    return 'associate';
  }
  const guardianWork = c.law === 'public' || c.applicationType === 'rule-16-4';
  if (guardianWork && roles.includes('childrens-guardian')) return 'childrens-guardian';
  if (roles.includes('fca')) return 'fca';
  if (roles.includes('childrens-guardian')) return 'childrens-guardian';
  return 'associate';
}

/** Points for display: at most two decimals, no trailing zeros (12, 12.5, 12.25). */
export function formatPoints(points: number): string {
  return String(Math.round(points * 100) / 100);
}
