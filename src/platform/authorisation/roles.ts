/** The staff roles of DOMAIN §1, written in kebab case (also the demo sign-in names). */
export const ROLES = [
  'intake-officer',
  'seo',
  'fca',
  'childrens-guardian',
  'service-manager',
  'head-of-practice',
  'qa-auditor',
  'complaints',
  'performance-analyst',
  'associate',
  'inspector',
  'system-admin',
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Roles whose case access is national: they work across every area (but never restricted cases). */
export const NATIONAL_CASE_ROLES: readonly Role[] = [
  'intake-officer',
  'qa-auditor',
  'complaints',
  'performance-analyst',
];
/** Practitioners: they see their teams' cases and the cases allocated to them. */
export const PRACTITIONER_ROLES: readonly Role[] = ['seo', 'fca', 'childrens-guardian'];
/** The front door: they also see the cases of their areas not yet given to a team (new applications). */
export const FRONT_DOOR_ROLES: readonly Role[] = ['seo'];
/** Managers: they see and act on every case in their areas. */
export const AREA_MANAGER_ROLES: readonly Role[] = ['service-manager', 'head-of-practice'];
/** Roles that may change a case they can see (auditors, analysts and inspectors only read). */
export const CASE_EDITOR_ROLES: readonly Role[] = [
  'intake-officer',
  'seo',
  'fca',
  'childrens-guardian',
  'associate',
  'service-manager',
  'head-of-practice',
];
/** Roles that take in applications from the court (typed in or imported). */
export const INTAKE_ROLES: readonly Role[] = ['intake-officer', 'seo', 'service-manager', 'head-of-practice'];
/** Roles that work the front door: screening, checks, interviews and safeguarding letters. */
export const SAFEGUARDING_ROLES: readonly Role[] = [
  'intake-officer',
  'seo',
  'fca',
  'service-manager',
  'head-of-practice',
];
/** Roles that may see confidential contact details of a case they can see. */
export const CONFIDENTIAL_READER_ROLES: readonly Role[] = CASE_EDITOR_ROLES;

/** The person acting: loaded on every request, so a change of role or team applies at once. */
export interface Principal {
  userId: string;
  email: string;
  displayName: string;
  roles: Role[];
  homeAreaId: string | null;
  /** Areas the person works in: their home area and the areas of their teams. */
  areaIds: string[];
  teamIds: string[];
  /** Teams the person manages (practice supervisors and service managers). */
  managedTeamIds: string[];
  welshSpeaker: boolean;
}
