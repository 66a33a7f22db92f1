import { sql } from 'drizzle-orm';
import type { IsoDate } from '../../platform/calendar/index.ts';
import { type Executor, queryRows, readsTogether } from '../../platform/db/database.ts';
import type { CaseBundle } from './case-bundle.ts';
import type { Law } from './kpi.ts';

/**
 * Loads the CaseBundle of many cases with one query per table (the only place the performance
 * module reads other modules' tables). Instants become their Europe/London date in SQL.
 */
const londonDay = (column: string) => sql.raw(`((${column}) AT TIME ZONE 'Europe/London')::date::text`);

export async function loadCaseBundles(db: Executor, caseIds: readonly string[]): Promise<CaseBundle[]> {
  if (caseIds.length === 0) return [];
  const ids = sql`${`{${caseIds.join(',')}}`}::uuid[]`;
  const cases = await queryRows<{
    caseId: string;
    reference: string;
    law: Law;
    applicationType: string;
    status: string;
    areaId: string;
    teamId: string | null;
    receivedOn: IsoDate;
    firstHearingOn: IsoDate | null;
    closedOn: IsoDate | null;
    restricted: boolean;
  }>(
    db,
    sql`SELECT c.id AS "caseId", c.reference, c.law, c.application_type AS "applicationType", c.status,
          c.area_id AS "areaId", c.team_id AS "teamId", c.received_on::text AS "receivedOn",
          c.first_hearing_on::text AS "firstHearingOn", ${londonDay('c.closed_at')} AS "closedOn", c.restricted
        FROM case_record c WHERE c.id = ANY(${ids}) ORDER BY c.id`,
  );
  if (cases.length === 0) return [];
  const [children, moves, states, screenings, checks, letters, allocations, directions, reports, sessions] =
    await readsTogether(db, [
      () =>
        queryRows<{ caseId: string; childId: string }>(
          db,
          sql`SELECT case_id AS "caseId", id AS "childId" FROM case_child WHERE case_id = ANY(${ids}) ORDER BY id`,
        ),
      () =>
        queryRows<{ caseId: string } & CaseBundle['areaChanges'][number]>(
          db,
          sql`SELECT case_id AS "caseId", ${londonDay('changed_at')} AS "on", from_area_id AS "fromAreaId",
              from_team_id AS "fromTeamId", to_area_id AS "toAreaId", to_team_id AS "toTeamId"
            FROM case_area_change WHERE case_id = ANY(${ids}) ORDER BY changed_at, id`,
        ),
      () =>
        queryRows<{ caseId: string } & CaseBundle['stateEvents'][number]>(
          db,
          sql`SELECT case_id AS "caseId", ${londonDay('occurred_at')} AS "on", substr(kind, 7) AS event, details
            FROM timeline_event WHERE case_id = ANY(${ids}) AND kind LIKE 'state.%' ORDER BY occurred_at, id`,
        ),
      () =>
        queryRows<{ caseId: string; screenedOn: IsoDate; screenedBy: string }>(
          db,
          sql`SELECT case_id AS "caseId", ${londonDay('screened_at')} AS "screenedOn", screened_by AS "screenedBy"
            FROM screening WHERE case_id = ANY(${ids})`,
        ),
      () =>
        queryRows<{ caseId: string } & CaseBundle['checks'][number]>(
          db,
          sql`SELECT case_id AS "caseId", id, kind, requested_on::text AS "requestedOn", returned_on::text AS "returnedOn",
              created_by AS "createdBy"
            FROM safeguarding_check WHERE case_id = ANY(${ids}) ORDER BY requested_on, id`,
        ),
      () =>
        queryRows<{ caseId: string } & CaseBundle['letters'][number]>(
          db,
          sql`SELECT case_id AS "caseId", id, kind, status, due_on::text AS "dueOn", filed_on::text AS "filedOn",
              author_id AS "authorId"
            FROM safeguarding_letter WHERE case_id = ANY(${ids}) ORDER BY created_at, id`,
        ),
      () =>
        queryRows<{ caseId: string } & CaseBundle['allocations'][number]>(
          db,
          sql`SELECT case_id AS "caseId", user_id AS "userId", allocation_role AS role,
              ${londonDay('allocated_at')} AS "allocatedOn", ${londonDay('ended_at')} AS "endedOn"
            FROM case_allocation WHERE case_id = ANY(${ids}) ORDER BY allocated_at, id`,
        ),
      () =>
        queryRows<{ caseId: string } & CaseBundle['directions'][number]>(
          db,
          sql`SELECT case_id AS "caseId", id, report_type AS "reportType", due_on::text AS "dueOn", filed_on::text AS "filedOn"
            FROM court_direction WHERE case_id = ANY(${ids}) ORDER BY created_at, id`,
        ),
      () =>
        queryRows<{ caseId: string } & CaseBundle['reports'][number]>(
          db,
          sql`SELECT case_id AS "caseId", id, kind, direction_id AS "directionId", status, due_on::text AS "dueOn",
              filed_on::text AS "filedOn", author_id AS "authorId"
            FROM court_report WHERE case_id = ANY(${ids}) ORDER BY created_at, id`,
        ),
      () =>
        queryRows<{ caseId: string } & CaseBundle['sessions'][number]>(
          db,
          sql`SELECT case_id AS "caseId", child_id AS "childId", held_on::text AS "heldOn", seen, seen_alone AS "seenAlone",
              not_seen_alone_reason AS "notSeenAloneReason"
            FROM direct_work_session WHERE case_id = ANY(${ids}) ORDER BY held_on, id`,
        ),
    ]);
  const bundles = new Map<string, CaseBundle>();
  for (const c of cases) {
    bundles.set(c.caseId, {
      ...c,
      children: [],
      areaChanges: [],
      stateEvents: [],
      screening: null,
      checks: [],
      letters: [],
      allocations: [],
      directions: [],
      reports: [],
      sessions: [],
    });
  }
  const each = <T extends { caseId: string }>(rows: T[], put: (b: CaseBundle, row: Omit<T, 'caseId'>) => void) => {
    for (const { caseId, ...row } of rows) {
      const b = bundles.get(caseId);
      if (b) put(b, row);
    }
  };
  each(children, (b, r) => b.children.push(r));
  each(moves, (b, r) => b.areaChanges.push(r));
  each(states, (b, r) => b.stateEvents.push({ ...r, details: r.details ?? {} }));
  each(screenings, (b, r) => {
    b.screening = r;
  });
  each(checks, (b, r) => b.checks.push(r));
  each(letters, (b, r) => b.letters.push(r));
  each(allocations, (b, r) => b.allocations.push(r));
  each(directions, (b, r) => b.directions.push(r));
  each(reports, (b, r) => b.reports.push(r));
  each(sessions, (b, r) => b.sessions.push(r));
  return [...bundles.values()];
}
