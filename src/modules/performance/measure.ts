import { sql } from 'drizzle-orm';
import type { IsoDate, WorkingDayCalendar } from '../../platform/calendar/index.ts';
import { type Executor, queryRows } from '../../platform/db/database.ts';
import { caseWeight, loadWeightTable, stageOf } from '../allocation/service.ts';
import { type CaseBundle, placeOn } from './case-bundle.ts';
import type { KpiDefinition, KpiUnit, Law, MeasureContext } from './kpi.ts';
import { KPIS } from './kpis/index.ts';

/** A unit placed where it belongs: a `kpi_fact` row. */
export type FactRow = KpiUnit & { kpi: string; caseId: string; areaId: string; teamId: string | null; law: Law };

/** A time the case was closed: from its closing day to the day it was reopened (null: still closed). */
export interface ClosedPeriod {
  from: IsoDate;
  until: IsoDate | null;
}

/** The case's closed periods, from its state moves (or, without them, its closing day). */
export function closedPeriods(bundle: Pick<CaseBundle, 'stateEvents' | 'closedOn'>): ClosedPeriod[] {
  const periods: ClosedPeriod[] = [];
  let open: ClosedPeriod | null = null;
  for (const e of bundle.stateEvents) {
    const closes = e.details.to === 'closed';
    if (closes && !open) {
      open = { from: e.on, until: null };
      periods.push(open);
    } else if (!closes && open) {
      open.until = e.on;
      open = null;
    }
  }
  // Closed now without a state move that says so (records loaded otherwise): closed since then.
  if (bundle.closedOn !== null && !periods.some((p) => p.until === null)) {
    periods.push({ from: bundle.closedOn, until: null });
  }
  return periods;
}

/**
 * The case-end rule (docs/kpis.md): a unit not done whose clock ran out while the case was
 * closed (due on or after the closing day, before it was reopened), or that has no clock on a
 * case closed now, is not counted: the clock stopped. Once a case is reopened, work due after
 * the reopening counts again.
 */
export function stoppedByClosure(unit: KpiUnit, periods: readonly ClosedPeriod[]): boolean {
  if (unit.doneOn !== null) return false;
  return periods.some((p) =>
    unit.dueOn === null ? p.until === null : unit.dueOn >= p.from && (p.until === null || unit.dueOn < p.until),
  );
}

/** Every KPI's units of one case, placed in the area and team that had the case on their day. */
export function measureCase(bundle: CaseBundle, ctx: MeasureContext, kpis: readonly KpiDefinition[] = KPIS): FactRow[] {
  const rows: FactRow[] = [];
  const closed = closedPeriods(bundle);
  for (const k of kpis) {
    for (const unit of k.measure(bundle, ctx)) {
      if (stoppedByClosure(unit, closed)) continue;
      const place = placeOn(bundle, unit.day);
      rows.push({
        ...unit,
        kpi: k.id,
        caseId: bundle.caseId,
        areaId: place.areaId,
        teamId: place.teamId,
        law: bundle.law,
      });
    }
  }
  return rows;
}

/** The context of a measuring run: the calendar, today and the current workload weights. */
export async function createMeasureContext(
  db: Executor,
  calendar: WorkingDayCalendar,
  today: IsoDate,
): Promise<MeasureContext> {
  const weights = await loadWeightTable(db);
  return {
    calendar,
    today,
    weigh: ({ law, applicationType, children, stage }) =>
      caseWeight(weights, { law, applicationType, children, status: stage }, stageOf(stage) ?? 'allocated'),
  };
}

/** The London date of the database's clock is not used: callers pass today. */
export async function countCases(db: Executor): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM case_record`);
  return row?.n ?? 0;
}
