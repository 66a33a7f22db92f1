import { type SQL, sql } from 'drizzle-orm';
import type { Principal } from '../../platform/authorisation/roles.ts';
import { type Executor, queryRows, sqlList } from '../../platform/db/database.ts';
import { visibleCasesCondition } from '../casework/service.ts';
import {
  CASEHOLDER_ROLES,
  type CaseStage,
  type CaseTypeKey,
  caseTypeKey,
  FULL_TIME_CAPACITY,
  MAX_SIBLING_UPLIFT_QUARTERS,
  SIBLING_UPLIFT_QUARTERS,
  UNKNOWN_TYPE_WEIGHT,
  type WeightTable,
} from './workload.ts';

export const QUEUE_PAGE_SIZE = 25;
export const WORKLOAD_PAGE_SIZE = 50;

const CASEHOLDERS = sqlList(CASEHOLDER_ROLES);

/**
 * The weight of the case `c` in SQL, the same rule as `caseWeight` (workload.ts): the weight
 * of its type at its stage (other open states weigh as allocated, a type with no weight one
 * point) times the sibling uplift, rounded to the hundredth. Needs `c` (case_record).
 */
export function caseWeightSql(stage?: SQL): SQL {
  const stageOf =
    stage ?? sql`CASE WHEN c.status IN ('reporting', 'report-filed', 'closing') THEN c.status ELSE 'allocated' END`;
  return sql`ROUND(COALESCE((SELECT w.weight FROM workload_weight w WHERE w.law = c.law
      AND w.application_type = c.application_type AND w.stage = ${stageOf}), ${UNKNOWN_TYPE_WEIGHT})
    * (4 + LEAST(GREATEST((SELECT count(*) FROM case_child ch WHERE ch.case_id = c.id) - 1, 0) * ${SIBLING_UPLIFT_QUARTERS},
        ${MAX_SIBLING_UPLIFT_QUARTERS})) / 4.0, 2)`;
}

/** Capacity of practitioner `u` (with `pc` their practitioner_capacity row): set, or the default. */
const CAPACITY_SQL = sql`COALESCE(pc.points, CASE WHEN EXISTS (SELECT 1 FROM staff_role r WHERE r.user_id = u.id
    AND r.role IN ('fca', 'childrens-guardian')) THEN ${FULL_TIME_CAPACITY}::numeric END)`;

export interface WeightRow {
  law: string;
  applicationType: string;
  stage: CaseStage;
  weight: number;
  version: number;
  updatedAt: string;
  updatedByName: string | null;
}

export async function listWeights(db: Executor): Promise<WeightRow[]> {
  return queryRows<WeightRow>(
    db,
    sql`SELECT w.law, w.application_type AS "applicationType", w.stage, w.weight::float8 AS weight, w.version,
          w.updated_at AS "updatedAt", u.display_name AS "updatedByName"
        FROM workload_weight w LEFT JOIN user_account u ON u.id = w.updated_by
        ORDER BY w.law, w.application_type, w.stage`,
  );
}

export async function loadWeightTable(db: Executor): Promise<WeightTable> {
  const table = new Map<CaseTypeKey, Partial<Record<CaseStage, number>>>();
  for (const row of await listWeights(db)) {
    const key = caseTypeKey(row.law, row.applicationType);
    table.set(key, { ...table.get(key), [row.stage]: row.weight });
  }
  return table;
}

// --- The unallocated-work queue -------------------------------------------------------------

export interface QueueRow {
  caseId: string;
  reference: string;
  law: string;
  applicationType: string;
  language: 'en' | 'cy';
  receivedOn: string;
  readyOn: string;
  children: number;
  teamName: string | null;
  teamNameCy: string | null;
  areaName: string;
  areaNameCy: string;
}

/**
 * Cases waiting for allocation in the manager's areas that the manager may see, with the
 * day each became ready (the latest first-hearing outcome, reopening or move from another
 * area, in London; else the day received), in the order of their month-end deadline and then
 * oldest first. Ordering by the month they became ready and then the day is the same order
 * (see monthEndDeadline). A case moved here from another area after its allocation arrives
 * with no worker (the move ended the allocation) and waits here too.
 */
export async function listUnallocated(
  db: Executor,
  principal: Principal,
  now: Date,
  input: { areaIds: readonly string[]; page: number },
): Promise<{ rows: QueueRow[]; total: number }> {
  if (input.areaIds.length === 0) return { rows: [], total: 0 };
  const areas = sqlList(input.areaIds);
  // Only a move between areas leaves an allocated case without a caseholder: moved cases are
  // few, so they are found through case_area_change rather than by probing every open case.
  const movedWithoutWorker = sql`(c.status IN ('allocated', 'reporting', 'report-filed', 'closing')
    AND c.id IN (SELECT x.case_id FROM case_area_change x WHERE x.to_area_id IN (${areas}))
    AND NOT EXISTS (SELECT 1 FROM case_allocation al WHERE al.case_id = c.id AND al.ended_at IS NULL
      AND al.allocation_role IN (${CASEHOLDERS})))`;
  const where = sql`(c.status = 'awaiting-allocation' OR ${movedWithoutWorker}) AND c.closed_at IS NULL
    AND c.area_id IN (${areas}) AND ${visibleCasesCondition(principal, now)}`;
  const [count] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM case_record c WHERE ${where}`);
  const rows = await queryRows<QueueRow>(
    db,
    sql`WITH q AS (
          SELECT c.id, c.reference, c.law, c.application_type, c.language, c.received_on, c.team_id, c.area_id,
            COALESCE((SELECT (e.occurred_at AT TIME ZONE 'Europe/London')::date FROM timeline_event e
                WHERE e.case_id = c.id AND e.kind IN ('state.first-hearing-outcome', 'state.reopened', 'case.transferred')
                ORDER BY e.occurred_at DESC NULLS LAST, e.id DESC NULLS LAST LIMIT 1), c.received_on) AS ready_on,
            (SELECT count(*)::int FROM case_child ch WHERE ch.case_id = c.id) AS children
          FROM case_record c WHERE ${where})
        SELECT q.id AS "caseId", q.reference, q.law, q.application_type AS "applicationType", q.language,
          q.received_on::text AS "receivedOn", q.ready_on::text AS "readyOn", q.children,
          t.name AS "teamName", t.name_cy AS "teamNameCy", a.name AS "areaName", a.name_cy AS "areaNameCy"
        FROM q JOIN service_area a ON a.id = q.area_id LEFT JOIN team t ON t.id = q.team_id
        ORDER BY date_trunc('month', q.ready_on), q.ready_on, q.reference, q.id
        LIMIT ${QUEUE_PAGE_SIZE} OFFSET ${(input.page - 1) * QUEUE_PAGE_SIZE}`,
  );
  return { rows, total: count?.n ?? 0 };
}

// --- Practitioners and their caseloads ------------------------------------------------------

export const WORKLOAD_SORTS = ['name', 'cases', 'points', 'capacity', 'used'] as const;
export type WorkloadSort = (typeof WORKLOAD_SORTS)[number];

export interface PractitionerLoad {
  userId: string;
  name: string;
  roles: string[];
  welshSpeaker: boolean;
  teams: { id: string; name: string; nameCy: string }[];
  cases: number;
  points: number;
  capacity: number | null;
  /** Whether the capacity was set by a manager (else it is the default). */
  capacitySet: boolean;
  capacityVersion: number;
}

/** Practitioners (FCAs, children's guardians, associates) working in any of `areaIds`. */
function practitionersIn(areaIds: readonly string[]): SQL {
  const areas = sqlList(areaIds);
  return sql`u.disabled_at IS NULL
    AND EXISTS (SELECT 1 FROM staff_role r WHERE r.user_id = u.id AND r.role IN (${CASEHOLDERS}))
    AND (s.area_id IN (${areas}) OR EXISTS (SELECT 1 FROM team_membership m JOIN team t ON t.id = m.team_id
      WHERE m.user_id = u.id AND t.area_id IN (${areas})))`;
}

/** The columns of a practitioner's load, over user_account u, staff s, practitioner_capacity pc. */
function loadColumns(areaIds: readonly string[]): SQL {
  return sql`u.id AS "userId", u.display_name AS name, s.welsh_speaker AS "welshSpeaker",
      ARRAY(SELECT r.role FROM staff_role r WHERE r.user_id = u.id ORDER BY r.role) AS roles,
      COALESCE((SELECT json_agg(json_build_object('id', t.id, 'name', t.name, 'nameCy', t.name_cy) ORDER BY t.name)
        FROM team_membership m JOIN team t ON t.id = m.team_id
        WHERE m.user_id = u.id AND t.area_id IN (${sqlList(areaIds)})), '[]'::json) AS teams,
      l.cases, l.points::float8 AS points, (${CAPACITY_SQL})::float8 AS capacity,
      pc.user_id IS NOT NULL AS "capacitySet", COALESCE(pc.version, 0) AS "capacityVersion"`;
}

/** Open cases allocated to `u` now and their weighted points (each case once). */
const LOAD_JOIN = sql`LEFT JOIN practitioner_capacity pc ON pc.user_id = u.id
    CROSS JOIN LATERAL (SELECT count(*)::int AS cases, COALESCE(sum(${caseWeightSql()}), 0) AS points
      FROM case_record c WHERE c.closed_at IS NULL AND c.id IN (SELECT a.case_id FROM case_allocation a
        WHERE a.user_id = u.id AND a.ended_at IS NULL)) l`;

export async function listPractitionerLoads(
  db: Executor,
  input: { areaIds: readonly string[]; sort: WorkloadSort; order: 'asc' | 'desc'; page: number },
): Promise<{ rows: PractitionerLoad[]; total: number }> {
  if (input.areaIds.length === 0) return { rows: [], total: 0 };
  const where = practitionersIn(input.areaIds);
  const [count] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM user_account u JOIN staff s ON s.user_id = u.id WHERE ${where}`,
  );
  const direction = input.order === 'asc' ? sql`ASC` : sql`DESC`;
  const sortBy: Record<WorkloadSort, SQL> = {
    name: sql`u.display_name`,
    cases: sql`l.cases`,
    points: sql`l.points`,
    capacity: sql`${CAPACITY_SQL}`,
    used: sql`l.points / NULLIF(${CAPACITY_SQL}, 0)`,
  };
  const rows = await queryRows<PractitionerLoad>(
    db,
    sql`SELECT ${loadColumns(input.areaIds)}
        FROM user_account u JOIN staff s ON s.user_id = u.id ${LOAD_JOIN}
        WHERE ${where}
        ORDER BY ${sortBy[input.sort]} ${direction} NULLS LAST, u.display_name, u.id
        LIMIT ${WORKLOAD_PAGE_SIZE} OFFSET ${(input.page - 1) * WORKLOAD_PAGE_SIZE}`,
  );
  return { rows, total: count?.n ?? 0 };
}

/** One practitioner's load, if they work in one of `areaIds` (else null). */
export async function getPractitionerLoad(
  db: Executor,
  userId: string,
  areaIds: readonly string[],
): Promise<PractitionerLoad | null> {
  if (areaIds.length === 0) return null;
  const [row] = await queryRows<PractitionerLoad>(
    db,
    sql`SELECT ${loadColumns(areaIds)}
        FROM user_account u JOIN staff s ON s.user_id = u.id ${LOAD_JOIN}
        WHERE u.id = ${userId} AND ${practitionersIn(areaIds)}`,
  );
  return row ?? null;
}

/** Every practitioner of an area with their load: the choice when allocating one of its cases. */
export async function listCandidates(db: Executor, areaId: string): Promise<PractitionerLoad[]> {
  return queryRows<PractitionerLoad>(
    db,
    sql`SELECT ${loadColumns([areaId])}
        FROM user_account u JOIN staff s ON s.user_id = u.id ${LOAD_JOIN}
        WHERE ${practitionersIn([areaId])}
        ORDER BY u.display_name, u.id`,
  );
}

export interface GroupLoad {
  id: string;
  name: string;
  nameCy: string;
  practitioners: number;
  cases: number;
  points: number;
  capacity: number;
}

/** Totals per team of the manager's areas (a practitioner in two teams counts in both). */
export async function listTeamLoads(db: Executor, areaIds: readonly string[]): Promise<GroupLoad[]> {
  if (areaIds.length === 0) return [];
  return queryRows<GroupLoad>(
    db,
    sql`SELECT t.id, t.name, t.name_cy AS "nameCy", count(u.id)::int AS practitioners,
          COALESCE(sum(l.cases), 0)::int AS cases, COALESCE(sum(l.points), 0)::float8 AS points,
          COALESCE(sum(${CAPACITY_SQL}), 0)::float8 AS capacity
        FROM team t
          LEFT JOIN team_membership m ON m.team_id = t.id
          LEFT JOIN user_account u ON u.id = m.user_id AND u.disabled_at IS NULL
            AND EXISTS (SELECT 1 FROM staff_role r WHERE r.user_id = u.id AND r.role IN (${CASEHOLDERS}))
          LEFT JOIN practitioner_capacity pc ON pc.user_id = u.id
          LEFT JOIN LATERAL (SELECT count(*)::int AS cases, COALESCE(sum(${caseWeightSql()}), 0) AS points
            FROM case_record c WHERE c.closed_at IS NULL AND c.id IN (SELECT a.case_id FROM case_allocation a
              WHERE a.user_id = u.id AND a.ended_at IS NULL)) l ON u.id IS NOT NULL
        WHERE t.area_id IN (${sqlList(areaIds)})
        GROUP BY t.id, t.name, t.name_cy
        ORDER BY t.name, t.id`,
  );
}

/** Totals per area of the manager (every practitioner working in it, with or without a team). */
export async function listAreaLoads(db: Executor, areaIds: readonly string[]): Promise<GroupLoad[]> {
  if (areaIds.length === 0) return [];
  return queryRows<GroupLoad>(
    db,
    sql`SELECT a.id, a.name, a.name_cy AS "nameCy", count(p.user_id)::int AS practitioners,
          COALESCE(sum(p.cases), 0)::int AS cases, COALESCE(sum(p.points), 0)::float8 AS points,
          COALESCE(sum(p.capacity), 0)::float8 AS capacity
        FROM service_area a
          LEFT JOIN LATERAL (
            SELECT u.id AS user_id, l.cases, l.points, ${CAPACITY_SQL} AS capacity
            FROM user_account u JOIN staff s ON s.user_id = u.id ${LOAD_JOIN}
            WHERE u.disabled_at IS NULL
              AND EXISTS (SELECT 1 FROM staff_role r WHERE r.user_id = u.id AND r.role IN (${CASEHOLDERS}))
              AND (s.area_id = a.id OR EXISTS (SELECT 1 FROM team_membership m JOIN team t ON t.id = m.team_id
                WHERE m.user_id = u.id AND t.area_id = a.id))) p ON TRUE
        WHERE a.id IN (${sqlList(areaIds)})
        GROUP BY a.id, a.name, a.name_cy
        ORDER BY a.name, a.id`,
  );
}

// --- A case's allocations -------------------------------------------------------------------

export interface AllocationHistoryRow {
  id: string;
  userId: string;
  name: string;
  role: string;
  allocatedAt: string;
  allocatedByName: string | null;
  reason: string | null;
  endedAt: string | null;
  endedByName: string | null;
  endReason: string | null;
}

/** Every allocation of a case, current and ended, newest first: the history is never lost. */
export async function listAllocationHistory(db: Executor, caseId: string): Promise<AllocationHistoryRow[]> {
  return queryRows<AllocationHistoryRow>(
    db,
    sql`SELECT a.id, a.user_id AS "userId", u.display_name AS name, a.allocation_role AS role,
          a.allocated_at AS "allocatedAt", ab.display_name AS "allocatedByName", a.reason,
          a.ended_at AS "endedAt", eb.display_name AS "endedByName", a.end_reason AS "endReason"
        FROM case_allocation a JOIN user_account u ON u.id = a.user_id
          LEFT JOIN user_account ab ON ab.id = a.allocated_by
          LEFT JOIN user_account eb ON eb.id = a.ended_by
        WHERE a.case_id = ${caseId}
        ORDER BY a.allocated_at DESC, (a.ended_at IS NULL) DESC, a.id`,
  );
}

/** The current caseholder allocations of a case (FCA, guardian, associate): the case's worker(s). */
export async function currentCaseholders(
  db: Executor,
  caseId: string,
): Promise<{ id: string; userId: string; role: string }[]> {
  return queryRows(
    db,
    sql`SELECT id, user_id AS "userId", allocation_role AS role FROM case_allocation
        WHERE case_id = ${caseId} AND ended_at IS NULL AND allocation_role IN (${CASEHOLDERS})
        ORDER BY id`,
  );
}

/** The facts of a case that allocating needs (its weight's inputs, state, area, team, language). */
export interface AllocationCase {
  id: string;
  status: string;
  law: string;
  applicationType: string;
  areaId: string;
  teamId: string | null;
  language: 'en' | 'cy';
  children: number;
}

export async function getAllocationCase(db: Executor, caseId: string, lock = false): Promise<AllocationCase | null> {
  const [row] = await queryRows<AllocationCase>(
    db,
    sql`SELECT c.id, c.status, c.law, c.application_type AS "applicationType", c.area_id AS "areaId",
          c.team_id AS "teamId", c.language,
          (SELECT count(*)::int FROM case_child ch WHERE ch.case_id = c.id) AS children
        FROM case_record c WHERE c.id = ${caseId} ${lock ? sql`FOR UPDATE` : sql``}`,
  );
  return row ?? null;
}
