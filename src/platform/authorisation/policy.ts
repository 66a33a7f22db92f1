import {
  AREA_MANAGER_ROLES,
  CASE_EDITOR_ROLES,
  CONFIDENTIAL_READER_ROLES,
  FRONT_DOOR_ROLES,
  INTAKE_ROLES,
  NATIONAL_CASE_ROLES,
  PRACTITIONER_ROLES,
  type Principal,
  type Role,
  SAFEGUARDING_ROLES,
} from './roles.ts';

/**
 * Authorisation in one place. Every route names an action; `can` decides it over plain
 * data, so the rules are tested without a server. Anything not listed is refused.
 */
export const ACTIONS = [
  'caseload:view',
  'case:view',
  'case:edit',
  'case:view-confidential',
  'case:view-access-log',
  'case:emergency-access',
  'audit:review-emergency-access',
  'intake:create',
  'intake:reconcile',
  'safeguarding:queues',
  'letter:review',
  'allocation:queue',
  'case:allocate',
  'reports:queue',
  'report:review',
  'staff:self-regulation',
  'reference:manage',
  'outbox:view',
  'performance:view',
  'performance:early-warning',
  'case:transfer',
] as const;
export type Action = (typeof ACTIONS)[number];

/** What the policy needs to know about a case (never its content). */
export interface CaseAccessFacts {
  caseId: string;
  areaId: string;
  teamId: string | null;
  restricted: boolean;
  /** People the case is allocated to now. */
  allocatedUserIds: string[];
  /** People named on the case (restricted cases, inspection samples), with unexpired grants. */
  grantedUserIds: string[];
  /** People holding unexpired emergency access. */
  emergencyUserIds: string[];
}

/**
 * Whose performance figures are asked for (DOMAIN §6): the nation, an area, a team (with its
 * area) or a practitioner (with the areas they work in).
 */
export type PerformanceScope =
  | { level: 'national' }
  | { level: 'area'; areaId: string }
  | { level: 'team'; teamId: string; areaId: string }
  | { level: 'practitioner'; userId: string; areaIds: readonly string[] };

export type Resource =
  | { kind: 'none' }
  | { kind: 'case'; facts: CaseAccessFacts }
  | { kind: 'performance'; scope: PerformanceScope };

/** Who reads the national figures and any area's, team's or practitioner's (DOMAIN §1). */
export const NATIONAL_PERFORMANCE_ROLES: readonly Role[] = ['performance-analyst'];

/**
 * May this person see these figures? Analysts see every scope; managers see their areas, the
 * teams of their areas and the practitioners working in them; a practitioner sees their own.
 * The cases behind any figure are still filtered by need-to-know, case by case.
 */
export function canSeePerformance(p: Principal, scope: PerformanceScope): boolean {
  if (has(p, NATIONAL_PERFORMANCE_ROLES)) return true;
  const manager = has(p, AREA_MANAGER_ROLES);
  switch (scope.level) {
    case 'national':
      return false;
    case 'area':
    case 'team':
      return manager && p.areaIds.includes(scope.areaId);
    case 'practitioner':
      if (scope.userId === p.userId) return p.roles.some((r) => r !== 'system-admin' && r !== 'inspector');
      return manager && scope.areaIds.some((a) => p.areaIds.includes(a));
    default: {
      const unknown: never = scope;
      return unknown;
    }
  }
}

const has = (p: Principal, roles: readonly Role[]) => p.roles.some((r) => roles.includes(r));

/** How the person stands to the case, before any emergency access. */
export function caseRelationship(p: Principal, c: CaseAccessFacts) {
  return {
    allocated: c.allocatedUserIds.includes(p.userId),
    granted: c.grantedUserIds.includes(p.userId),
    emergency: c.emergencyUserIds.includes(p.userId),
    sameTeam: c.teamId !== null && p.teamIds.includes(c.teamId),
    sameArea: p.areaIds.includes(c.areaId),
  };
}

/** Need-to-know: may this person see this case at all? */
export function canSeeCase(p: Principal, c: CaseAccessFacts): boolean {
  const r = caseRelationship(p, c);
  // A restricted case (e.g. a member of staff is a party) is seen by named people only:
  // not by its area, not by national roles, and not through emergency access.
  if (c.restricted) return r.granted;
  if (r.granted || r.allocated || r.emergency) return true;
  if (has(p, NATIONAL_CASE_ROLES)) return true;
  if (has(p, AREA_MANAGER_ROLES) && r.sameArea) return true;
  if (has(p, PRACTITIONER_ROLES) && r.sameTeam) return true;
  // A new application (imported or typed in) has an area but no team until it is allocated:
  // the area's safeguarding enquiry officers screen and check it.
  if (has(p, FRONT_DOOR_ROLES) && c.teamId === null && r.sameArea) return true;
  return false;
}

function caseEditable(p: Principal, c: CaseAccessFacts): boolean {
  if (!canSeeCase(p, c) || !has(p, CASE_EDITOR_ROLES)) return false;
  const r = caseRelationship(p, c);
  // Associates and inspectors work only on what they are given; others on what they can see.
  if (p.roles.length === 1 && p.roles[0] === 'associate') return r.allocated || r.emergency;
  return true;
}

export function can(p: Principal, action: Action, resource: Resource = { kind: 'none' }): boolean {
  switch (action) {
    case 'caseload:view':
      return p.roles.some((r) => r !== 'system-admin');
    case 'audit:review-emergency-access':
      return has(p, AREA_MANAGER_ROLES);
    // Taking in an application (typed in, or imported from a saved HMCTS response).
    case 'intake:create':
      return has(p, INTAKE_ROLES);
    // The HMCTS feed's state and the cases missing from it.
    case 'intake:reconcile':
      return has(p, INTAKE_ROLES);
    // Screening, checks-to-chase and letters-to-review queues (lists filtered by need-to-know).
    case 'safeguarding:queues':
      return has(p, SAFEGUARDING_ROLES);
    // Managers' lists: unallocated work and workloads, reports waiting for review, and who
    // is self-regulating (each list filtered to the manager's areas by its query).
    case 'allocation:queue':
    case 'reports:queue':
    case 'staff:self-regulation':
      return has(p, AREA_MANAGER_ROLES);
    // Reference data the organisation maintains (direct-work tools, local services,
    // workload weights) and the outbox of messages waiting to go out.
    case 'reference:manage':
    case 'outbox:view':
      return p.roles.includes('system-admin');
    // A manager of the case's area reviews (returns, or approves and files) a letter or a
    // report, and allocates or reallocates the case.
    case 'letter:review':
    case 'report:review':
    case 'case:allocate': {
      if (resource.kind !== 'case') return false;
      const c = resource.facts;
      return canSeeCase(p, c) && has(p, AREA_MANAGER_ROLES) && caseRelationship(p, c).sameArea;
    }
    // KPI dashboards: the scope asked for decides (canSeePerformance).
    case 'performance:view':
      return resource.kind === 'performance' && canSeePerformance(p, resource.scope);
    // Work about to miss a timescale: whoever works cases or watches performance (the list is
    // filtered to what each person can see).
    case 'performance:early-warning':
      return has(p, CASE_EDITOR_ROLES) || has(p, NATIONAL_PERFORMANCE_ROLES);
    // Moving a case to another service area: a manager of the area that has it.
    case 'case:transfer': {
      if (resource.kind !== 'case') return false;
      const c = resource.facts;
      return canSeeCase(p, c) && has(p, AREA_MANAGER_ROLES) && caseRelationship(p, c).sameArea;
    }
    case 'case:view':
    case 'case:edit':
    case 'case:view-confidential':
    case 'case:view-access-log':
    case 'case:emergency-access': {
      if (resource.kind !== 'case') return false;
      const c = resource.facts;
      if (action === 'case:view') return canSeeCase(p, c);
      if (action === 'case:edit') return caseEditable(p, c);
      if (action === 'case:view-confidential') return canSeeCase(p, c) && has(p, CONFIDENTIAL_READER_ROLES);
      if (action === 'case:view-access-log') {
        return canSeeCase(p, c) && has(p, AREA_MANAGER_ROLES) && caseRelationship(p, c).sameArea;
      }
      // Emergency access is for staff who hold a case role but are outside need-to-know
      // (or who already hold it, so that a repeated request is harmless).
      if (c.restricted || !has(p, CASE_EDITOR_ROLES)) return false;
      return caseRelationship(p, c).emergency || !canSeeCase(p, c);
    }
    default: {
      const unknown: never = action;
      return unknown;
    }
  }
}
