import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { userAccount } from '../../platform/auth/schema.ts';

/**
 * The performance read model (DOMAIN §6): facts measured from the case records by the KPI
 * definitions in `kpis/`, and aggregates over them, maintained as records change. Nothing
 * here is a source of truth: `npm run kpis -- --rebuild` makes all of it again from the
 * records. The facts are written only by `refresh.ts`.
 */

/**
 * One thing a KPI counts (a case, a check, a letter, a report, an allocation episode, a
 * caseload snapshot), placed in periods by `day`, with its clock. A unit is "decided" when it
 * is done or its due date has passed (an overdue unit counts as missed); read-time rules in
 * `figures.ts` decide that against today's date, so no fact changes just because time passes.
 */
export const kpiFact = pgTable(
  'kpi_fact',
  {
    kpi: text('kpi').notNull(),
    /** Unique within the KPI: the record's id, or `<case id>:<date>` for episodes and snapshots. */
    unitId: text('unit_id').notNull(),
    caseId: uuid('case_id').notNull(),
    /** The date that places the unit in a period (receipt, request, due date, filing, snapshot). */
    day: date('day', { mode: 'string' }).notNull(),
    /** Who had the case on `day`: its area and team then, and the practitioner the KPI names. */
    areaId: text('area_id').notNull(),
    teamId: text('team_id'),
    practitionerId: uuid('practitioner_id'),
    /** private | public | adoption */
    law: text('law').notNull(),
    /** When the clock runs out (null: no clock; decided at once). */
    dueOn: date('due_on', { mode: 'string' }),
    /** When the work was done (null: not done yet). */
    doneOn: date('done_on', { mode: 'string' }),
    /** rate: 1 when met, else 0; mean: the unit's value (points, working days); count: 1. */
    value: doublePrecision('value').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.kpi, t.unitId] }),
    index('kpi_fact_case_idx').on(t.caseId),
    index('kpi_fact_kpi_day_idx').on(t.kpi, t.day),
    index('kpi_fact_area_idx').on(t.kpi, t.areaId, t.day),
    index('kpi_fact_team_idx').on(t.kpi, t.teamId, t.day),
    index('kpi_fact_practitioner_idx').on(t.kpi, t.practitionerId, t.day),
    // Units not yet done: counted at read time once overdue, and listed by early warning.
    index('kpi_fact_open_idx').on(t.kpi, t.dueOn).where(sql`${t.doneOn} IS NULL`),
  ],
);

/**
 * Done units summed by KPI, day, area, team and law: what the national, area and team
 * dashboards read. Kept equal to `SELECT … FROM kpi_fact WHERE done_on IS NOT NULL GROUP BY …`
 * by refresh.ts.
 */
export const kpiAreaDay = pgTable(
  'kpi_area_day',
  {
    kpi: text('kpi').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    areaId: text('area_id').notNull(),
    /** The case's team then ('' for none), so team dashboards read sums too. */
    teamId: text('team_id').notNull().default(''),
    law: text('law').notNull(),
    /** Done units. */
    done: integer('done').notNull(),
    /** Sum of `value` over the done units. */
    total: doublePrecision('total').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.kpi, t.day, t.areaId, t.teamId, t.law] }),
    // The days at the edges of a period that are not whole months, for every KPI at once.
    index('kpi_area_day_day_idx').on(t.day, t.areaId),
  ],
);

/**
 * `kpi_area_day` summed by calendar month (`month` is its first day) and area: a year of the
 * national and area figures reads twelve rows a KPI and area instead of 365 × teams × laws.
 * Periods read whole months here and the days at their edges from kpi_area_day. Kept equal to
 * kpi_team_month (and so to kpi_area_day) by refresh.ts.
 */
export const kpiAreaMonth = pgTable(
  'kpi_area_month',
  {
    kpi: text('kpi').notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    areaId: text('area_id').notNull(),
    done: integer('done').notNull(),
    total: doublePrecision('total').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kpi, t.month, t.areaId] }), index('kpi_area_month_month_idx').on(t.month)],
);

/** The same by team ('' for none): what a team's figures read. Kept equal to kpi_area_day by refresh.ts. */
export const kpiTeamMonth = pgTable(
  'kpi_team_month',
  {
    kpi: text('kpi').notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    areaId: text('area_id').notNull(),
    teamId: text('team_id').notNull(),
    done: integer('done').notNull(),
    total: doublePrecision('total').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.kpi, t.month, t.areaId, t.teamId] }),
    index('kpi_team_month_team_idx').on(t.teamId, t.month),
  ],
);

/**
 * The caseload snapshots (kpi_fact rows of `caseload`) summed per practitioner, day, area and
 * team: what the caseload figure reads, so that counting the distinct practitioners of a
 * nation on twelve month ends reads about 1,200 rows a day instead of every case held.
 * Kept equal to kpi_fact by refresh.ts.
 */
export const kpiCaseloadDay = pgTable(
  'kpi_caseload_day',
  {
    day: date('day', { mode: 'string' }).notNull(),
    practitionerId: uuid('practitioner_id').notNull(),
    areaId: text('area_id').notNull(),
    teamId: text('team_id'),
    /** Cases held (caseload units). */
    cases: integer('cases').notNull(),
    /** Their weighted points. */
    points: doublePrecision('points').notNull(),
  },
  (t) => [
    index('kpi_caseload_day_day_idx').on(t.day),
    index('kpi_caseload_day_practitioner_idx').on(t.practitionerId, t.day),
  ],
);

/**
 * Cases whose records changed since their facts were last measured. A trigger on
 * timeline_event fills it in the same transaction as the change (every change to a case writes
 * its timeline), so no change is missed whatever order transactions commit in.
 */
export const kpiDirtyCase = pgTable('kpi_dirty_case', {
  caseId: uuid('case_id').primaryKey(),
  markedAt: timestamp('marked_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One row: when the figures were last brought up to date, and how. */
export const kpiRefreshState = pgTable(
  'kpi_refresh_state',
  {
    id: integer('id').primaryKey().default(1),
    /** When the last refresh finished (null: the facts have never been built). */
    refreshedAt: timestamp('refreshed_at', { withTimezone: true }),
    /** When the last full rebuild finished. */
    rebuiltAt: timestamp('rebuilt_at', { withTimezone: true }),
    /** Cases measured by the last refresh or rebuild. */
    casesMeasured: bigint('cases_measured', { mode: 'number' }).notNull().default(0),
    /**
     * The last month end every case's caseload snapshots were measured for. A month end
     * passing changes no record, so the first refresh after it marks the cases held then.
     */
    snapshotsThrough: date('snapshots_through', { mode: 'string' }),
  },
  (t) => [check('kpi_refresh_state_one_row', sql`${t.id} = 1`)],
);

/**
 * A KPI's target for a nation, as configuration (DOMAIN §6: England and Wales differ). No row:
 * the KPI module's default. Changed by a system administrator, with optimistic concurrency.
 */
export const kpiTarget = pgTable(
  'kpi_target',
  {
    kpi: text('kpi').notNull(),
    /** england | wales */
    nation: text('nation').notNull(),
    /** A share (0 to 1) for a rate; a number in the KPI's unit for a mean. */
    target: doublePrecision('target').notNull(),
    version: integer('version').notNull().default(1),
    updatedBy: uuid('updated_by').references(() => userAccount.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.kpi, t.nation] }),
    check('kpi_target_nation', sql`${t.nation} IN ('england', 'wales')`),
    check('kpi_target_range', sql`${t.target} >= 0 AND ${t.target} <= 1000`),
  ],
);
