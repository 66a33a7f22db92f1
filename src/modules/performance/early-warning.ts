import { sql } from 'drizzle-orm';
import type { Principal } from '../../platform/authorisation/roles.ts';
import type { IsoDate, WorkingDayCalendar } from '../../platform/calendar/index.ts';
import { type Executor, queryRows } from '../../platform/db/database.ts';
import { visibleCasesCondition } from '../casework/service.ts';
import { KPIS } from './kpis/index.ts';

/**
 * Early warning (DOMAIN §6): open work that will miss a timescale unless someone acts: units
 * not done, due within `within` working days (or already overdue), on open cases the viewer may
 * see, most urgent first, with who should act.
 */
export interface WarningRow {
  kpi: string;
  caseId: string;
  reference: string;
  dueOn: IsoDate;
  areaId: string;
  teamId: string | null;
  teamName: string | null;
  practitionerId: string | null;
  practitionerName: string | null;
  /** Working days until due (negative: overdue). */
  workingDaysLeft: number;
  /** The practitioner acts, or the area's managers. */
  actor: 'practitioner' | 'manager';
}

export const WARNING_KPIS = KPIS.filter((k) => k.earlyWarning);

export async function readEarlyWarning(
  db: Executor,
  input: {
    principal: Principal;
    now: Date;
    today: IsoDate;
    calendar: WorkingDayCalendar;
    within: number;
    teamId?: string | null;
    userId?: string | null;
    page: number;
    pageSize: number;
  },
): Promise<{ rows: WarningRow[]; total: number }> {
  const horizon = input.calendar.addWorkingDays(input.today, input.within);
  const kpiIds = WARNING_KPIS.map((k) => k.id);
  const where = sql`f.done_on IS NULL AND f.due_on <= ${horizon}::date
    AND f.kpi = ANY(${`{${kpiIds.join(',')}}`}::text[]) AND c.closed_at IS NULL
    AND ${input.teamId ? sql`f.team_id = ${input.teamId}` : sql`TRUE`}
    AND ${input.userId ? sql`f.practitioner_id = ${input.userId}::uuid` : sql`TRUE`}
    AND ${visibleCasesCondition(input.principal, input.now)}`;
  const [count] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM kpi_fact f JOIN case_record c ON c.id = f.case_id WHERE ${where}`,
  );
  const rows = await queryRows<Omit<WarningRow, 'workingDaysLeft' | 'actor'>>(
    db,
    sql`SELECT f.kpi, f.case_id AS "caseId", c.reference, f.due_on::text AS "dueOn", f.area_id AS "areaId",
          f.team_id AS "teamId", t.name AS "teamName", f.practitioner_id::text AS "practitionerId",
          u.display_name AS "practitionerName"
        FROM kpi_fact f JOIN case_record c ON c.id = f.case_id
        LEFT JOIN team t ON t.id = f.team_id LEFT JOIN user_account u ON u.id = f.practitioner_id
        WHERE ${where}
        ORDER BY f.due_on, c.reference, f.kpi, f.unit_id
        LIMIT ${input.pageSize} OFFSET ${(Math.max(1, input.page) - 1) * input.pageSize}`,
  );
  return {
    total: count?.n ?? 0,
    rows: rows.map((r) => {
      const k = WARNING_KPIS.find((x) => x.id === r.kpi);
      const actor = k?.earlyWarning?.actor === 'practitioner' && r.practitionerId ? 'practitioner' : 'manager';
      return { ...r, workingDaysLeft: input.calendar.workingDaysBetween(input.today, r.dueOn), actor };
    }),
  };
}
