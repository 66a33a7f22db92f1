import type { IsoDate, WorkingDayCalendar } from '../../platform/calendar/index.ts';
import type { CaseBundle, Law } from './case-bundle.ts';

/**
 * What a KPI definition is (DOMAIN §6). Each KPI is one module in `kpis/` exporting a
 * `KpiDefinition`; `kpis/index.ts` finds them, so adding a KPI is adding one file.
 * A definition is pure: it turns one case's records (a `CaseBundle`) into the units it
 * counts. Everything else (storing, summing, periods, dashboards, drill-downs, the CLI, the
 * DuckDB baseline's comparison) is shared and knows nothing about any one KPI.
 */

/**
 * - `rate`: value = met units / decided units. A unit is decided when it is done, or when its
 *   due date is before today (overdue: missed). A unit is met when done on or before its due
 *   date (a unit without a clock is done and decided at once; its value says met or not).
 * - `mean`: value = sum of the units' values / number of done units (e.g. working days to
 *   allocate a guardian).
 * - `mean-per-practitioner`: a snapshot: value = sum of the units' values on the snapshot day /
 *   the number of distinct practitioners holding them (weighted caseload).
 * - `count`: value = units in the period against the same period a year before (demand).
 */
export type KpiKind = 'rate' | 'mean' | 'mean-per-practitioner' | 'count';

export type { Law };
export type Nation = 'england' | 'wales';

/** One unit a KPI counts, as measured from the records (stored as a `kpi_fact` row). */
export interface KpiUnit {
  /** Unique within the KPI: a record id, or `<case id>:<date>` for an episode or a snapshot. */
  unitId: string;
  /** The date that places the unit in a period. */
  day: IsoDate;
  /** When the clock runs out; null for a unit without a clock (done and decided on `day`). */
  dueOn: IsoDate | null;
  /** When it was done; null while not done. */
  doneOn: IsoDate | null;
  /** rate: 1 met / 0 not met (for a done unit; 0 while not done); mean: the measure; count: 1. */
  value: number;
  /** The practitioner the KPI names for the unit (who screened, wrote, holds it), if any. */
  practitionerId: string | null;
}

/** Words for a KPI, in English and Welsh: a definition carries its own text. */
export interface KpiText {
  en: string;
  cy: string;
}

export interface KpiDefinition {
  /** kebab-case id: the URL segment, the CLI's and JSON's key, the fact rows' `kpi`. */
  id: string;
  kind: KpiKind;
  /** Order on the dashboard (lower first). */
  order: number;
  title: KpiText;
  /** What the numerator and the denominator count, in words an analyst can check. */
  numerator: KpiText;
  denominator: KpiText;
  /** The clock and the inclusion rules, in words (docs/kpis.md says the same at length). */
  definition: KpiText;
  /** The unit of a mean (e.g. "working days", "points"); null for a rate or a count. */
  unit: KpiText | null;
  /** Default targets per nation (configuration overrides them: kpi_target); null: no target. */
  defaultTarget: Record<Nation, number> | null;
  /** Is a higher value better (rates) or lower (allocation time)? Null: neither (demand, caseload). */
  better: 'higher' | 'lower' | null;
  /** Where the DOMAIN §6 figure to beat comes from (shown beside the target). */
  source: KpiText;
  /** The units of one case. Pure: same bundle, same units. */
  measure(bundle: CaseBundle, ctx: MeasureContext): KpiUnit[];
  /**
   * Work that will miss this KPI's timescale unless someone acts: an open unit due within
   * `horizon` working days (or overdue). Optional: snapshots and counts have none.
   */
  earlyWarning?: {
    /** What is to be done, e.g. "Screen the application". */
    action: KpiText;
    /** Who acts on an open unit: the practitioner the unit names, else the area's managers. */
    actor: 'practitioner' | 'manager';
  };
}

export interface MeasureContext {
  calendar: WorkingDayCalendar;
  /** Today in Europe/London: snapshots are taken only at month ends before it. */
  today: IsoDate;
  /** Workload weights and sibling uplift (allocation's `caseWeight`), for the caseload. */
  weigh(input: { law: string; applicationType: string; children: number; stage: string }): number;
}
