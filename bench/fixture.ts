import { eq, sql } from 'drizzle-orm';
import { allocateCase, appendTimeline, createCase } from '../src/modules/casework/service.ts';
import { createStaffMember } from '../src/modules/organisation/service.ts';
import { userAccount } from '../src/platform/auth/schema.ts';
import { type Db, queryRows } from '../src/platform/db/database.ts';

/**
 * What the bench needs in a populated database: a practitioner (FCA) who can sign in,
 * in the team with the most open cases (so their caseload has full pages), and cases
 * allocated to them, each with a long timeline. Made through the real services; reused
 * when already there (a kept or pre-generated large database).
 */
export const BENCH_EMAIL = 'bench-fca@bench.childvoice.test';
export const BENCH_PASSWORD = 'bench-fca-password-not-secret';
export const TIMELINE_EVENTS = 200;
/** Cases written to by the write and peak loads, so the overview case keeps ~200 events. */
export const WRITE_CASES = 20;
/** Open cases the FCA's team must have, so the caseload's first page (25 rows) is full. */
export const MIN_CASELOAD = 30;
/** References of filler cases (short timelines) start here. */
const FILLER_FROM = 100;

export interface BenchFixture {
  email: string;
  password: string;
  userId: string;
  teamId: string;
  /** Open cases the FCA's caseload lists (their team's). */
  caseloadTotal: number;
  /** The case whose overview page is measured (~200 timeline events). */
  overviewCaseId: string;
  /** Cases the write and peak loads post notes to and read. */
  writeCaseIds: string[];
}

const NOTES = [
  'Telephone call with the applicant to arrange the safeguarding interview.',
  'Police national computer check requested; awaiting the result before the first hearing.',
  'Local authority check returned: no current involvement with the family, one closed referral in 2023.',
  'Spoke with the child at school with the teacher present. Wishes and feelings recorded separately.',
  'Letter to the respondent explaining the role of the family court adviser and the next steps.',
];

function reference(i: number): string {
  return `CV-BENCH-${String(i).padStart(6, '0')}`;
}

async function chooseTeam(db: Db): Promise<{ teamId: string; areaId: string }> {
  const [row] = await queryRows<{ team_id: string; area_id: string; n: number }>(
    db,
    sql`SELECT c.team_id, t.area_id, count(*)::int AS n
        FROM case_record c JOIN team t ON t.id = c.team_id
        WHERE c.closed_at IS NULL AND NOT c.restricted
        GROUP BY c.team_id, t.area_id ORDER BY n DESC, c.team_id LIMIT 1`,
  );
  if (!row) throw new Error('the database has no open cases in any team: populate it first');
  return { teamId: row.team_id, areaId: row.area_id };
}

async function benchUser(db: Db): Promise<{ userId: string; teamId: string }> {
  const [existing] = await db
    .select({ id: userAccount.id })
    .from(userAccount)
    .where(eq(userAccount.email, BENCH_EMAIL));
  if (existing) {
    const [membership] = await queryRows<{ team_id: string }>(
      db,
      sql`SELECT team_id FROM team_membership WHERE user_id = ${existing.id} ORDER BY team_id LIMIT 1`,
    );
    if (!membership) throw new Error(`${BENCH_EMAIL} exists but is in no team`);
    return { userId: existing.id, teamId: membership.team_id };
  }
  const { teamId, areaId } = await chooseTeam(db);
  const userId = await createStaffMember(db, {
    email: BENCH_EMAIL,
    displayName: 'Bench Adviser',
    password: BENCH_PASSWORD,
    jobTitle: 'Family court adviser',
    areaId,
    roles: ['fca'],
    teams: [{ teamId }],
  });
  return { userId, teamId };
}

async function createBenchCase(
  db: Db,
  input: { index: number; userId: string; teamId: string; now: Date; events: number },
): Promise<string> {
  const { index, userId, teamId, now, events } = input;
  const day = 86_400_000;
  const [team] = await queryRows<{ area_id: string }>(db, sql`SELECT area_id FROM team WHERE id = ${teamId}`);
  const receivedAt = new Date(now.getTime() - (events + 10) * day);
  return db.transaction(async (tx) => {
    const { caseId, childIds } = await createCase(tx, {
      reference: reference(index),
      law: 'private',
      applicationType: 'c100',
      status: 'allocated',
      areaId: team!.area_id,
      teamId,
      receivedOn: receivedAt.toISOString().slice(0, 10),
      receivedAt,
      firstHearingOn: new Date(receivedAt.getTime() + 35 * day).toISOString().slice(0, 10),
      children: [
        { key: 'c0', givenNames: 'Amelia', familyName: 'Benchley', dateOfBirth: '2019-04-02', gender: 'female' },
        { key: 'c1', givenNames: 'Oliver', familyName: 'Benchley', dateOfBirth: '2021-09-30', gender: 'male' },
      ],
      parties: [
        {
          key: 'mother',
          partyRole: 'applicant',
          givenNames: 'Grace',
          familyName: 'Benchley',
          dateOfBirth: '1990-05-01',
          relationships: [
            { childKey: 'c0', relationship: 'mother' },
            { childKey: 'c1', relationship: 'mother' },
          ],
          contacts: [{ kind: 'address', addressLines: ['1 Bench Street', 'Testham'], postcode: 'ZZ1 1XX' }],
        },
        {
          key: 'father',
          partyRole: 'respondent',
          givenNames: 'Daniel',
          familyName: 'Crossbench',
          dateOfBirth: '1987-11-12',
          relationships: [
            { childKey: 'c0', relationship: 'father' },
            { childKey: 'c1', relationship: 'father' },
          ],
          contacts: [{ kind: 'address', addressLines: ['2 Bench Street', 'Testham'], postcode: 'ZZ1 2XX' }],
        },
      ],
      actorUserId: null,
    });
    await allocateCase(tx, {
      caseId,
      userId,
      role: 'fca',
      now: new Date(receivedAt.getTime() + day),
      actorUserId: null,
    });
    // createCase and allocateCase wrote two events; the rest make up the long timeline.
    for (let i = 0; i < events - 2; i += 1) {
      const details = i % 3 === 2;
      await appendTimeline(tx, {
        caseId,
        kind: details ? 'details-changed' : 'note-added',
        occurredAt: new Date(receivedAt.getTime() + 2 * day + i * day),
        actorUserId: userId,
        childId: i % 5 === 0 ? childIds.c0 : null,
        body: details ? null : NOTES[i % NOTES.length]!,
        details: details ? { fields: ['firstHearingOn'] } : {},
      });
    }
    return caseId;
  });
}

export async function prepareFixture(db: Db, now = new Date()): Promise<BenchFixture> {
  const { userId, teamId } = await benchUser(db);
  const ids: string[] = [];
  for (let i = 0; i <= WRITE_CASES; i += 1) {
    const [found] = await queryRows<{ id: string }>(
      db,
      sql`SELECT id FROM case_record WHERE reference = ${reference(i)}`,
    );
    ids.push(found?.id ?? (await createBenchCase(db, { index: i, userId, teamId, now, events: TIMELINE_EVENTS })));
  }
  const openCases = async () => {
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM case_record WHERE team_id = ${teamId} AND closed_at IS NULL AND NOT restricted`,
    );
    return row?.n ?? 0;
  };
  // A small population (or a generator that closes most cases) can leave the team with
  // less than a page: top it up with short cases, so the caseload page is always full.
  let open = await openCases();
  for (let i = FILLER_FROM; open < MIN_CASELOAD; i += 1) {
    const [found] = await queryRows<{ id: string }>(
      db,
      sql`SELECT id FROM case_record WHERE reference = ${reference(i)}`,
    );
    if (found) continue;
    await createBenchCase(db, { index: i, userId, teamId, now, events: 2 });
    open += 1;
  }
  return {
    email: BENCH_EMAIL,
    password: BENCH_PASSWORD,
    userId,
    teamId,
    caseloadTotal: open,
    overviewCaseId: ids[0]!,
    writeCaseIds: ids.slice(1),
  };
}
