import { count } from 'drizzle-orm';
import {
  allocateCase,
  appendTimeline,
  createCase,
  grantCaseAccess,
  type NewCase,
} from '../modules/casework/service.ts';
import { createStaffMember, createTeam } from '../modules/organisation/service.ts';
import { appendAudit } from '../platform/audit/audit.ts';
import { hashPassword } from '../platform/auth/passwords.ts';
import { userAccount } from '../platform/auth/schema.ts';
import { ROLES, type Role } from '../platform/authorisation/roles.ts';
import type { Db } from '../platform/db/database.ts';
import {
  FAMILY,
  FAMILY_CY,
  GIVEN_FEMALE,
  GIVEN_FEMALE_CY,
  GIVEN_MALE,
  GIVEN_MALE_CY,
  STREETS,
  TOWNS,
} from './names.ts';

/** A small deterministic random source, so the demo is the same on every machine. */
export function seededRandom(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}

export const DEMO_DOMAIN = 'demo.childvoice.test';

export const DEMO_TEAMS = [
  { id: 'eng-06-south', areaId: 'eng-06', name: 'Hampshire South team', nameCy: 'Tîm De Hampshire' },
  { id: 'eng-06-dorset', areaId: 'eng-06', name: 'Dorset team', nameCy: 'Tîm Dorset' },
  { id: 'wal-south-cardiff', areaId: 'wal-south', name: 'Cardiff team', nameCy: 'Tîm Caerdydd' },
  { id: 'eng-15a-north', areaId: 'eng-15a', name: 'London North team', nameCy: 'Tîm Gogledd Llundain' },
  // No demo cases: it puts London South and East (where HMCTS imports from East London land) in
  // the head of practice's areas, so imported cases have a manager who can review their letters.
  { id: 'eng-15b-east', areaId: 'eng-15b', name: 'London East team', nameCy: 'Tîm Dwyrain Llundain' },
];

const DISPLAY_NAMES: Record<Role, string> = {
  'intake-officer': 'Priya Intake',
  seo: 'Sam Safeguarding',
  fca: 'Frances Adviser',
  'childrens-guardian': 'Gwen Guardian',
  'service-manager': 'Morgan Manager',
  'head-of-practice': 'Hari Head',
  'qa-auditor': 'Alex Auditor',
  complaints: 'Chris Complaints',
  'performance-analyst': 'Pat Analyst',
  associate: 'Ash Associate',
  inspector: 'Indra Inspector',
  'system-admin': 'Sol Admin',
};

function teamsFor(role: Role): { teamId: string; manages?: boolean }[] {
  if (['seo', 'fca', 'childrens-guardian'].includes(role)) return [{ teamId: 'eng-06-south' }];
  if (role === 'service-manager')
    return [
      { teamId: 'eng-06-south', manages: true },
      { teamId: 'eng-06-dorset', manages: true },
    ];
  if (role === 'head-of-practice') return [{ teamId: 'eng-15b-east', manages: true }];
  return [];
}

function homeArea(role: Role): string | null {
  return ['seo', 'fca', 'childrens-guardian', 'service-manager', 'head-of-practice', 'associate'].includes(role)
    ? 'eng-06'
    : null;
}

export async function hasAnyAccounts(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(userAccount);
  return (row?.n ?? 0) > 0;
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * Load the demo organisation (one person per role) and a few hundred synthetic cases.
 * Returns the demo sign-ins. Everything is generated: no real people.
 */
export async function loadDemoData(
  db: Db,
  options: { password: string; now: Date; cases?: number; seed?: number },
): Promise<{ email: string; role: Role }[]> {
  const random = seededRandom(options.seed ?? 20261122);
  for (const team of DEMO_TEAMS) await createTeam(db, team);
  const passwordHash = await hashPassword(options.password);
  const userIds = {} as Record<Role, string>;
  for (const role of ROLES) {
    userIds[role] = await createStaffMember(db, {
      email: `${role}@${DEMO_DOMAIN}`,
      displayName: DISPLAY_NAMES[role],
      passwordHash,
      jobTitle: DISPLAY_NAMES[role].split(' ')[1] ?? role,
      areaId: homeArea(role),
      roles: [role],
      teams: teamsFor(role),
      welshSpeaker: role === 'childrens-guardian',
    });
  }
  const total = options.cases ?? 300;
  const day = 24 * 3600 * 1000;
  // Families return to court: some cases reuse the person-index identities of an earlier one.
  const families: { familyName: string; childPersonId: string; motherPersonId: string }[] = [];
  await db.transaction(async (tx) => {
    for (let i = 0; i < total; i += 1) {
      const welsh = i % 5 === 1;
      const team = welsh
        ? DEMO_TEAMS[2]!
        : i % 5 === 2
          ? DEMO_TEAMS[3]!
          : i % 2 === 0
            ? DEMO_TEAMS[0]!
            : DEMO_TEAMS[1]!;
      const law = random.chance(0.7) ? 'private' : random.chance(0.8) ? 'public' : 'adoption';
      const returning = i % 20 === 19 ? families[i - 15] : undefined;
      const familyName = returning?.familyName ?? random.pick(welsh ? FAMILY_CY : FAMILY);
      const allocated = random.chance(0.6);
      // Private-law applications not yet past the first hearing wait at the front door:
      // received in the last few days, not screened (the screening queue's work).
      const frontDoor = law === 'private' && !allocated && random.chance(0.6);
      const ageDays = frontDoor ? random.int(0, 4) : random.int(1, 400);
      const receivedAt = new Date(options.now.getTime() - ageDays * day - random.int(0, 8 * 3600) * 1000);
      const receivedOn = isoDate(receivedAt);
      const childCount = random.chance(0.45) ? random.int(2, 3) : 1;
      const children: NewCase['children'] = [];
      for (let c = 0; c < childCount; c += 1) {
        const female = random.chance(0.5);
        const ageYears = random.chance(0.75) ? random.int(0, 9) : random.int(10, 16);
        const dob = new Date(receivedAt.getTime() - (ageYears * 365 + random.int(0, 364)) * day);
        children.push({
          key: `c${c}`,
          givenNames: random.pick(
            female ? (welsh ? GIVEN_FEMALE_CY : GIVEN_FEMALE) : welsh ? GIVEN_MALE_CY : GIVEN_MALE,
          ),
          familyName,
          dateOfBirth: isoDate(dob),
          gender: female ? 'female' : 'male',
          languagePreference: welsh && random.chance(0.5) ? 'cy' : 'en',
        });
      }
      const confidentialMother = random.chance(0.2);
      const address = () => ({
        kind: 'address' as const,
        addressLines: [`${random.int(1, 120)} ${random.pick(STREETS)}`, random.pick(TOWNS)],
        postcode: `ZZ${random.int(1, 99)} ${random.int(1, 9)}XX`,
      });
      const parties: NewCase['parties'] = [
        {
          key: 'mother',
          partyRole: law === 'public' ? 'respondent' : 'applicant',
          givenNames: random.pick(welsh ? GIVEN_FEMALE_CY : GIVEN_FEMALE),
          familyName,
          dateOfBirth: isoDate(new Date(receivedAt.getTime() - random.int(20, 45) * 365 * day)),
          languagePreference: welsh && random.chance(0.4) ? 'cy' : 'en',
          relationships: children.map((c) => ({ childKey: c.key, relationship: 'mother' })),
          contacts: [
            { ...address(), confidential: confidentialMother, refuge: confidentialMother && random.chance(0.3) },
            {
              kind: 'phone',
              value: `07700 900${String(random.int(0, 999)).padStart(3, '0')}`,
              confidential: confidentialMother,
            },
          ],
        },
        {
          key: 'father',
          partyRole: 'respondent',
          givenNames: random.pick(welsh ? GIVEN_MALE_CY : GIVEN_MALE),
          familyName: random.pick(welsh ? FAMILY_CY : FAMILY),
          dateOfBirth: isoDate(new Date(receivedAt.getTime() - random.int(20, 50) * 365 * day)),
          interpreterLanguage: random.chance(0.08) ? random.pick(['Polish', 'Urdu', 'Romanian', 'Arabic']) : null,
          relationships: children.map((c) => ({ childKey: c.key, relationship: 'father' })),
          contacts: [address()],
        },
      ];
      const year = receivedAt.getUTCFullYear();
      // Only states whose records the demo has: the front door (nothing recorded yet), waiting
      // for allocation after the first hearing, and just allocated (a worker, no plan or report
      // yet). Screening, checks, letters, plans, reports and closing are made through the pages.
      // (The pick stays so that every later random draw, and so the demo, is unchanged.)
      const picked = allocated ? random.pick(['allocated', 'reporting']) : null;
      const status =
        picked !== null && team.id === 'eng-06-south'
          ? 'allocated'
          : frontDoor && picked === null
            ? 'received'
            : 'awaiting-allocation';
      if (returning) {
        children[0]!.existingPersonId = returning.childPersonId;
        parties[0]!.existingPersonId = returning.motherPersonId;
      }
      const { caseId, personIds } = await createCase(tx, {
        reference: `CV-${year}-${String(i + 1).padStart(6, '0')}`,
        law,
        applicationType: law === 'private' ? 'c100' : law === 'public' ? 'c110a' : 'placement-order',
        status,
        areaId: team.areaId,
        teamId: team.id,
        courtId: null,
        receivedOn,
        receivedAt,
        firstHearingOn: isoDate(new Date(receivedAt.getTime() + random.int(28, 42) * day)),
        language: welsh && random.chance(0.3) ? 'cy' : 'en',
        restricted: i === 7 || i === 13,
        children,
        parties,
        actorUserId: userIds['intake-officer'],
      });
      families[i] = { familyName, childPersonId: personIds.c0!, motherPersonId: personIds.mother! };
      if (i === 7 || i === 13) {
        await grantCaseAccess(tx, {
          caseId,
          userId: userIds['service-manager'],
          grantedBy: null,
          reason: 'Named on a restricted case',
          now: receivedAt,
        });
      }
      if (allocated && team.id === 'eng-06-south') {
        const role = law === 'private' ? 'fca' : 'childrens-guardian';
        const who = i % 11 === 0 ? userIds.associate : law === 'private' ? userIds.fca : userIds['childrens-guardian'];
        await allocateCase(tx, {
          caseId,
          userId: who,
          role,
          now: new Date(receivedAt.getTime() + 2 * day),
          actorUserId: userIds['service-manager'],
        });
      }
      if (i % 40 === 0) {
        await grantCaseAccess(tx, {
          caseId,
          userId: userIds.inspector,
          grantedBy: userIds['head-of-practice'],
          reason: 'Inspection sample',
          now: options.now,
        });
      }
      const notes = random.int(0, 3);
      for (let n = 0; n < notes; n += 1) {
        await appendTimeline(tx, {
          caseId,
          kind: 'note-added',
          occurredAt: new Date(receivedAt.getTime() + (n + 1) * 3 * day),
          actorUserId: userIds.seo,
          body: random.pick([
            'Telephone call with the applicant to arrange the safeguarding interview.',
            'Police check requested.',
            'Local authority check returned: no current involvement.',
            'Spoke to the school about attendance (with consent).',
          ]),
        });
      }
    }
    await appendAudit(tx, { userId: null, role: 'system', requestId: null, clientIp: null }, options.now, [
      { action: 'create', resourceType: 'demo-data', resourceIds: [String(total)] },
    ]);
  });
  return ROLES.map((role) => ({ email: `${role}@${DEMO_DOMAIN}`, role }));
}
