import type { Role } from '../../src/platform/authorisation/roles.ts';
import { generatedId, ID_KIND, type IdTag } from './ids.ts';
import { familyName, givenName, type NamePools, type Nation } from './people.ts';
import { createRandom, STREAM } from './random.ts';
import type { AreaInfo } from './reference.ts';

/** Generated staff sign in with addresses at this domain; --reset recognises them by it. */
export const GENERATED_EMAIL_DOMAIN = 'generated.childvoice.test';
/** Generated teams have ids starting with this. */
export const GENERATED_TEAM_PREFIX = 'gen-';

export interface GeneratedTeam {
  id: string;
  areaId: string;
  name: string;
  nameCy: string;
}

export interface GeneratedStaff {
  userId: string;
  email: string;
  displayName: string;
  areaId: string | null;
  jobTitle: string;
  welshSpeaker: boolean;
  roles: Role[];
  teams: { teamId: string; manages: boolean }[];
  createdAt: string;
}

/** The staff of one team by what they do, for allocation and timeline actors. */
export interface TeamStaff {
  team: GeneratedTeam;
  managers: string[];
  fcas: string[];
  guardians: string[];
  seos: string[];
}

export interface AreaStaff {
  teams: TeamStaff[];
  heads: string[];
  associates: string[];
  /** Intake officers who receive this area's applications (national, or Cafcass Cymru's own). */
  intake: string[];
}

export interface Organisation {
  teams: GeneratedTeam[];
  staff: GeneratedStaff[];
  byArea: Map<string, AreaStaff>;
  /** Practitioners of every area, for emergency access from outside the case's area. */
  practitioners: { userId: string; areaId: string }[];
}

const DIRECTIONS = [
  ['North', 'Gogledd'],
  ['South', 'De'],
  ['East', 'Dwyrain'],
  ['West', 'Gorllewin'],
] as const;

const TITLES: Record<Nation, Partial<Record<Role, string>>> = {
  england: {
    fca: 'Family Court Adviser',
    'childrens-guardian': 'Children’s Guardian',
    seo: 'Safeguarding Enquiry Officer',
    'service-manager': 'Service Manager',
    'head-of-practice': 'Head of Practice',
    associate: 'Associate Family Court Adviser',
    'intake-officer': 'Intake Officer',
  },
  wales: {
    fca: 'Family Court Adviser',
    'childrens-guardian': 'Children’s Guardian',
    seo: 'Business Support Officer (safeguarding)',
    'service-manager': 'Practice Manager',
    'head-of-practice': 'Head of Operations',
    associate: 'Associate Family Court Adviser',
    'intake-officer': 'Business Support Officer',
  },
};

const NATIONAL: { role: Role; count: number; title: string }[] = [
  { role: 'intake-officer', count: 60, title: 'Intake Officer (National Business Centre)' },
  { role: 'qa-auditor', count: 15, title: 'Quality Assurance Auditor' },
  { role: 'complaints', count: 10, title: 'Complaints Officer' },
  { role: 'performance-analyst', count: 8, title: 'Performance Analyst' },
  { role: 'system-admin', count: 4, title: 'System Administrator' },
];

const DAY = 86_400_000;

/**
 * About 1,700 staff: in each English area four teams (a service manager, family court
 * advisers, children's guardians and safeguarding enquiry officers), a head of practice
 * and associates; two smaller teams in each Welsh area, many of them Welsh speakers; and
 * national intake, quality, complaints, performance and administration staff. Generated
 * staff have no password: they are there for allocation and the timeline, not to sign in.
 */
export function generateOrganisation(options: {
  seed: number;
  tag: IdTag;
  pools: NamePools;
  areas: AreaInfo[];
  until: Date;
  years: number;
}): Organisation {
  const random = createRandom(options.seed, 0, STREAM.organisation);
  const teams: GeneratedTeam[] = [];
  const staff: GeneratedStaff[] = [];
  const byArea = new Map<string, AreaStaff>();
  const practitioners: { userId: string; areaId: string }[] = [];
  const emails = new Set<string>();

  const person = (input: {
    nation: Nation;
    areaId: string | null;
    roles: Role[];
    title: string;
    teams?: { teamId: string; manages: boolean }[];
  }): string => {
    const n = staff.length;
    const sex = random.chance(0.78) ? 'female' : 'male';
    const given = givenName(options.pools, random, input.nation, sex);
    const family = familyName(options.pools, random, input.nation);
    const local = `${given}.${family}`
      .normalize('NFD')
      .replace(/[^A-Za-z.]/g, '')
      .toLowerCase();
    let email = `${local}@${GENERATED_EMAIL_DOMAIN}`;
    for (let k = 2; emails.has(email); k += 1) email = `${local}${k}@${GENERATED_EMAIL_DOMAIN}`;
    emails.add(email);
    const userId = generatedId(options.tag, ID_KIND.staff, n, 0, random.uint32());
    staff.push({
      userId,
      email,
      displayName: `${given} ${family}`,
      areaId: input.areaId,
      jobTitle: input.title,
      welshSpeaker: input.nation === 'wales' ? random.chance(0.45) : random.chance(0.01),
      roles: input.roles,
      teams: input.teams ?? [],
      createdAt: new Date(
        options.until.getTime() - random.int(30, Math.max(60, options.years * 365)) * DAY,
      ).toISOString(),
    });
    return userId;
  };

  for (const area of options.areas) {
    const titles = TITLES[area.nation];
    const wales = area.nation === 'wales';
    const areaStaff: AreaStaff = { teams: [], heads: [], associates: [], intake: [] };
    const teamCount = wales ? 2 : 4;
    for (let k = 0; k < teamCount; k += 1) {
      const [direction, directionCy] = DIRECTIONS[wales ? k + 2 : k]!;
      const team: GeneratedTeam = {
        id: `${GENERATED_TEAM_PREFIX}${area.id}-${k + 1}`,
        areaId: area.id,
        name: wales ? `${area.name} ${direction} team` : `Area ${area.code} ${direction} team`,
        nameCy: wales ? `Tîm ${directionCy} ${area.nameCy}` : `Tîm ${directionCy} Ardal ${area.code}`,
      };
      teams.push(team);
      const member = (role: Role, manages = false) =>
        person({
          nation: area.nation,
          areaId: area.id,
          roles: [role],
          title: titles[role]!,
          teams: [{ teamId: team.id, manages }],
        });
      const times = (count: number, role: Role) => Array.from({ length: count }, () => member(role));
      const teamStaff: TeamStaff = {
        team,
        managers: [member('service-manager', true)],
        fcas: times(wales ? 6 : 9, 'fca'),
        guardians: times(wales ? 3 : 5, 'childrens-guardian'),
        seos: times(wales ? 3 : 4, 'seo'),
      };
      for (const userId of [...teamStaff.fcas, ...teamStaff.guardians, ...teamStaff.seos])
        practitioners.push({ userId, areaId: area.id });
      areaStaff.teams.push(teamStaff);
    }
    areaStaff.heads.push(
      person({ nation: area.nation, areaId: area.id, roles: ['head-of-practice'], title: titles['head-of-practice']! }),
    );
    for (let k = 0; k < (wales ? 1 : 3); k += 1)
      areaStaff.associates.push(
        person({ nation: area.nation, areaId: area.id, roles: ['associate'], title: titles.associate! }),
      );
    if (wales)
      for (let k = 0; k < 2; k += 1)
        areaStaff.intake.push(
          person({ nation: 'wales', areaId: area.id, roles: ['intake-officer'], title: titles['intake-officer']! }),
        );
    byArea.set(area.id, areaStaff);
  }
  const nationalIntake: string[] = [];
  for (const group of NATIONAL) {
    for (let k = 0; k < group.count; k += 1) {
      const userId = person({ nation: 'england', areaId: null, roles: [group.role], title: group.title });
      if (group.role === 'intake-officer') nationalIntake.push(userId);
    }
  }
  for (const areaStaff of byArea.values()) if (areaStaff.intake.length === 0) areaStaff.intake = nationalIntake;
  return { teams, staff, byArea, practitioners };
}

export function areaStaffOf(organisation: Organisation, areaId: string): AreaStaff {
  const found = organisation.byArea.get(areaId);
  if (!found) throw new Error(`no generated staff for area ${areaId}`);
  return found;
}
