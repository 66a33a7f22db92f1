import { type SQL, sql } from 'drizzle-orm';
import type { PerformanceScope } from '../../platform/authorisation/policy.ts';
import type { Principal } from '../../platform/authorisation/roles.ts';
import type { IsoDate } from '../../platform/calendar/index.ts';
import { type Executor, queryRows } from '../../platform/db/database.ts';
import { visibleCasesCondition } from '../casework/service.ts';
import { readFigures, snapshotDay } from './figures.ts';
import type { KpiDefinition } from './kpi.ts';
import { previousYear } from './periods.ts';
import type { DrillDown, DrillDownRow, FigurePart, Period } from './read-model.ts';

/**
 * The units behind a figure (its numerator or its denominator), by the same reading rules as
 * figures.ts, listed only where the viewer may see the case (need-to-know); the others are
 * counted as hidden, never shown.
 */
export interface DrillDownQuery {
  principal: Principal;
  now: Date;
  kpi: KpiDefinition;
  part: FigurePart;
  scope: PerformanceScope;
  period: Period;
  today: IsoDate;
  page: number;
  pageSize: number;
}

function scopeCondition(scope: PerformanceScope): SQL {
  switch (scope.level) {
    case 'national':
      return sql`TRUE`;
    case 'area':
      return sql`f.area_id = ${scope.areaId}`;
    case 'team':
      return sql`f.team_id = ${scope.teamId}`;
    default:
      return sql`f.practitioner_id = ${scope.userId}::uuid`;
  }
}

/** The rows of kpi_fact (alias f) in the figure's part. */
export function partCondition(q: Pick<DrillDownQuery, 'kpi' | 'part' | 'scope' | 'period' | 'today'>): SQL {
  const { kpi, part, period, today } = q;
  const inPeriod = (p: Period) => sql`f.day BETWEEN ${p.from}::date AND ${p.to}::date`;
  let rule: SQL;
  switch (kpi.kind) {
    case 'rate': {
      const decided = sql`(f.done_on IS NOT NULL OR f.due_on < ${today}::date)`;
      rule =
        part === 'numerator'
          ? sql`${inPeriod(period)} AND ${decided} AND f.value = 1`
          : sql`${inPeriod(period)} AND ${decided}`;
      break;
    }
    case 'mean':
      rule = sql`${inPeriod(period)} AND f.done_on IS NOT NULL`;
      break;
    case 'mean-per-practitioner':
      rule = sql`f.day = ${snapshotDay(period.to, today)}::date`;
      break;
    default:
      rule = part === 'numerator' ? inPeriod(period) : inPeriod(previousYear(period));
  }
  return sql`f.kpi = ${kpi.id} AND ${scopeCondition(q.scope)} AND ${rule}`;
}

const ROW_COLUMNS = sql`f.case_id AS "caseId", c.reference, f.unit_id AS "unitId", f.day::text AS day,
  f.due_on::text AS "dueOn", f.done_on::text AS "doneOn", f.value, f.area_id AS "areaId", f.team_id AS "teamId",
  u.display_name AS "practitionerName"`;

export async function readDrillDown(db: Executor, q: DrillDownQuery): Promise<DrillDown> {
  const where = partCondition(q);
  const visible = visibleCasesCondition(q.principal, q.now);
  const page = Math.max(1, q.page);
  const offset = (page - 1) * q.pageSize;
  // How many units the part has is the figure's own count, read from the sums; only the
  // units the viewer may not see are counted here (a few restricted cases, not every unit).
  const [figure] = await readFigures(db, { scope: q.scope, period: q.period, today: q.today, kpis: [q.kpi.id] });
  const countHidden = async () => {
    const [invisible] = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM kpi_fact f JOIN case_record c ON c.id = f.case_id WHERE ${where} AND NOT ${visible}`,
    );
    return invisible?.n ?? 0;
  };
  if (q.kpi.kind === 'mean-per-practitioner') {
    const snapshot = snapshotDay(q.period.to, q.today);
    if (q.part === 'denominator') {
      // Each practitioner's caseload on the snapshot day, from its sums.
      const practitioners = await queryRows<{ userId: string; name: string; cases: number; points: number }>(
        db,
        sql`SELECT f.practitioner_id::text AS "userId", COALESCE(u.display_name, '') AS name,
              sum(f.cases)::int AS cases, round(sum(f.points)::numeric, 2)::float8 AS points
            FROM kpi_caseload_day f LEFT JOIN user_account u ON u.id = f.practitioner_id
            WHERE f.day = ${snapshot}::date AND ${scopeCondition(q.scope)}
            GROUP BY f.practitioner_id, u.display_name ORDER BY name, 1
            LIMIT ${q.pageSize} OFFSET ${offset}`,
      );
      return { rows: [], total: figure?.denominator ?? 0, hidden: 0, page, pageSize: q.pageSize, practitioners };
    }
    const [held] = await queryRows<{ n: number }>(
      db,
      sql`SELECT COALESCE(sum(f.cases), 0)::int AS n FROM kpi_caseload_day f
          WHERE f.day = ${snapshot}::date AND ${scopeCondition(q.scope)}`,
    );
    return {
      ...(await listRows(db, q, where, visible, offset)),
      total: held?.n ?? 0,
      hidden: await countHidden(),
      page,
    };
  }
  const total = (q.part === 'numerator' && q.kpi.kind !== 'mean' ? figure?.numerator : figure?.denominator) ?? 0;
  return { ...(await listRows(db, q, where, visible, offset)), total, hidden: await countHidden(), page };
}

/** A page of the visible units, in order of day and case (the day index keeps it short). */
async function listRows(db: Executor, q: DrillDownQuery, where: SQL, visible: SQL, offset: number) {
  const rows = await queryRows<DrillDownRow>(
    db,
    sql`SELECT ${ROW_COLUMNS} FROM kpi_fact f JOIN case_record c ON c.id = f.case_id
        LEFT JOIN user_account u ON u.id = f.practitioner_id
        WHERE ${where} AND ${visible}
        ORDER BY f.day, c.reference, f.unit_id LIMIT ${q.pageSize} OFFSET ${offset}`,
  );
  return { rows, pageSize: q.pageSize, practitioners: null };
}

/** The most rows one CSV export holds: a list longer than this is refused, never cut short. */
export const EXPORT_LIMIT = 50_000;

/** Every visible row of the part, for a CSV export (at most `limit`). */
export async function readDrillDownAll(
  db: Executor,
  q: Omit<DrillDownQuery, 'page' | 'pageSize'>,
  limit = EXPORT_LIMIT,
): Promise<DrillDownRow[]> {
  return queryRows<DrillDownRow>(
    db,
    sql`SELECT ${ROW_COLUMNS} FROM kpi_fact f JOIN case_record c ON c.id = f.case_id
        LEFT JOIN user_account u ON u.id = f.practitioner_id
        WHERE ${partCondition(q)} AND ${visibleCasesCondition(q.principal, q.now)}
        ORDER BY f.day, c.reference, f.unit_id LIMIT ${limit}`,
  );
}
