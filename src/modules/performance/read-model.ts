import type { PerformanceScope } from '../../platform/authorisation/policy.ts';
import type { IsoDate } from '../../platform/calendar/index.ts';
import type { KpiText } from './kpi.ts';

/**
 * The shapes the performance read model answers in: shared by the dashboards, the drill-down
 * lists, early warning, `npm run kpis` and the bench's comparison with DuckDB.
 */

export type PeriodKind = 'month' | 'quarter' | 'financial-year' | 'custom';

/** A range of calendar dates, both ends included. */
export interface Period {
  kind: PeriodKind;
  from: IsoDate;
  to: IsoDate;
  label: KpiText;
}

/** One KPI's figure for a scope and period. */
export interface Figure {
  kpi: string;
  numerator: number;
  denominator: number;
  /** numerator / denominator (rate, means); for `count`, the change on the year before; null when the denominator is 0. */
  value: number | null;
  /** The target for the scope's nation (national: England's); null when the KPI has none. */
  target: number | null;
  /** Whether the value meets the target (null without a value or a target, or with `better` null). */
  meetsTarget: boolean | null;
  /** For `mean-per-practitioner`: the snapshot day used; else null. */
  snapshotOn: IsoDate | null;
}

/** A month of a KPI's trend. */
export interface TrendPoint {
  kpi: string;
  month: string; // YYYY-MM
  numerator: number;
  denominator: number;
  value: number | null;
}

export interface FiguresQuery {
  scope: PerformanceScope;
  period: Period;
  /** Today in Europe/London: overdue open units count as missed. */
  today: IsoDate;
  /** Only these KPIs (default: all). */
  kpis?: readonly string[];
}

export interface Dashboard {
  figures: Figure[];
  /** The 12 months ending with the period's last month (or the period's months if more). */
  trend: TrendPoint[];
  /** Each area's figures for the period (national scope only; empty otherwise). */
  areas: { areaId: string; figures: Figure[] }[];
  /** Each team's figures (area scope) or each practitioner's (team scope); empty otherwise. */
  breakdown: { id: string; name: string; figures: Figure[] }[];
  freshness: { refreshedAt: Date | null; casesWaiting: number };
}

/** Which side of a figure a drill-down lists. */
export type FigurePart = 'numerator' | 'denominator';

export interface DrillDownRow {
  caseId: string;
  reference: string;
  unitId: string;
  day: IsoDate;
  dueOn: IsoDate | null;
  doneOn: IsoDate | null;
  value: number;
  areaId: string;
  teamId: string | null;
  practitionerName: string | null;
}

export interface DrillDown {
  rows: DrillDownRow[];
  /** Units of the figure's part in all (visible or not). */
  total: number;
  /** Of `total`, units on cases the viewer may not see (restricted, or outside need-to-know). */
  hidden: number;
  page: number;
  pageSize: number;
  /**
   * Caseload's denominator counts practitioners, not cases: its list is one row per
   * practitioner (with their points and cases on the snapshot day) instead of `rows`.
   */
  practitioners: { userId: string; name: string; cases: number; points: number }[] | null;
}
