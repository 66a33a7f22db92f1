import { sql } from 'drizzle-orm';
import type { IsoDate, WorkingDayCalendar } from '../../platform/calendar/index.ts';
import { type Executor, queryRows } from '../../platform/db/database.ts';
import { caseWeight, loadWeightTable, stageOf } from '../allocation/service.ts';
import { type CaseBundle, placeOn } from './case-bundle.ts';
import type { KpiDefinition, KpiUnit, Law, MeasureContext } from './kpi.ts';
import { KPIS } from './kpis/index.ts';

/** A unit placed where it belongs: a `kpi_fact` row. */
export type FactRow = KpiUnit & { kpi: string; caseId: string; areaId: string; teamId: string | null; law: Law };

/**
 * The case-end rule (docs/kpis.md): on a case closed now, a unit not done whose clock had not
 * run out by the closing day (or that has no clock) is not counted: the clock stopped.
 */
export function stoppedByClosure(unit: KpiUnit, closedOn: IsoDate | null): boolean {
  if (closedOn === null || unit.doneOn !== null) return false;
  return unit.dueOn === null || unit.dueOn >= closedOn;
}

/** Every KPI's units of one case, placed in the area and team that had the case on their day. */
export function measureCase(bundle: CaseBundle, ctx: MeasureContext, kpis: readonly KpiDefinition[] = KPIS): FactRow[] {
  const rows: FactRow[] = [];
  for (const k of kpis) {
    for (const unit of k.measure(bundle, ctx)) {
      if (stoppedByClosure(unit, bundle.closedOn)) continue;
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
