import { type SQL, sql } from 'drizzle-orm';
import type { PerformanceScope } from '../../platform/authorisation/policy.ts';
import type { IsoDate } from '../../platform/calendar/index.ts';
import { type Executor, queryRows, readsTogether } from '../../platform/db/database.ts';
import type { KpiDefinition, Nation } from './kpi.ts';
import { KPIS } from './kpis/index.ts';
import { previousYear, trendMonths } from './periods.ts';
import type { Dashboard, Figure, FiguresQuery, TrendPoint } from './read-model.ts';
import { readTargets, type Targets, targetFor } from './targets.ts';

/**
 * Reads the figures of a scope and period from the read model, by the reading rules of
 * docs/kpis.md: done units from the sums (whole months from kpi_area_month, the days at the
 * edges from kpi_area_day; kpi_fact for a practitioner), overdue open units from kpi_fact's
 * open index, caseload from kpi_caseload_day on its snapshot day.
 */

/** What is summed for one KPI in one bucket (period, month or area). */
export interface Tally {
  done: number;
  total: number;
  overdue: number;
  /** caseload: distinct practitioners on the snapshot day. */
  practitioners: number;
  /** count KPIs: units in the same period a year before. */
  prior: number;
}

const emptyTally = (): Tally => ({ done: 0, total: 0, overdue: 0, practitioners: 0, prior: 0 });

/** A figure from its tally: the reading rules, in one pure function. */
export function figureFrom(
  k: KpiDefinition,
  t: Tally,
  target: number | null,
  snapshotOn: IsoDate | null = null,
): Omit<Figure, 'kpi'> {
  let numerator: number;
  let denominator: number;
  let value: number | null;
  switch (k.kind) {
    case 'rate':
      numerator = t.total;
      denominator = t.done + t.overdue;
      value = denominator === 0 ? null : numerator / denominator;
      break;
    case 'mean':
      numerator = t.total;
      denominator = t.done;
      value = denominator === 0 ? null : numerator / denominator;
      break;
    case 'mean-per-practitioner':
      numerator = Math.round(t.total * 100) / 100;
      denominator = t.practitioners;
      value = denominator === 0 ? null : t.total / denominator;
      break;
    default:
      numerator = t.done;
      denominator = t.prior;
      value = denominator === 0 ? null : (numerator - denominator) / denominator;
  }
  const meetsTarget =
    value === null || target === null || k.better === null
      ? null
      : k.better === 'higher'
        ? value >= target
        : value <= target;
  return { numerator, denominator, value, target, meetsTarget, snapshotOn };
}

/** The snapshot day of a caseload: the last month end on or before `to` that is before today. */
export function snapshotDay(to: IsoDate, today: IsoDate): IsoDate {
  const end = to < today ? to : today;
  const y = Number(end.slice(0, 4));
  const m = Number(end.slice(5, 7));
  const monthEnd = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  if (monthEnd <= end && monthEnd < today) return monthEnd as IsoDate;
  return new Date(Date.UTC(y, m - 1, 0)).toISOString().slice(0, 10) as IsoDate;
}

interface Filter {
  /** Read the sums (national, area, team) or kpi_fact (practitioner). */
  fromSums: boolean;
  condition: SQL;
}

function filterOf(scope: PerformanceScope, alias: string): Filter {
  const col = (c: string) => sql.raw(`${alias}.${c}`);
  switch (scope.level) {
    case 'national':
      return { fromSums: true, condition: sql`TRUE` };
    case 'area':
      return { fromSums: true, condition: sql`${col('area_id')} = ${scope.areaId}` };
    case 'team':
      return { fromSums: true, condition: sql`${col('team_id')} = ${scope.teamId}` };
    default:
      return { fromSums: false, condition: sql`${col('practitioner_id')} = ${scope.userId}::uuid` };
  }
}

type Row = { kpi: string; bucket: string; done: number; total: number };

/**
 * The KPIs whose done units are summed (caseload is read from its snapshots), named one by
 * one so that the facts' (kpi, team_id | area_id | practitioner_id, day) indexes are used.
 */
const SUMMED_KPIS = `{${KPIS.filter((k) => k.kind !== 'mean-per-practitioner')
  .map((k) => k.id)
  .join(',')}}`;

const addDays = (d: IsoDate, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10) as IsoDate;

/**
 * [from, to] as whole calendar months (their first days, null when none) and the days at the
 * edges that are not whole months: 2025-03-15..2025-06-10 is April and May, plus 15–31 March
 * and 1–10 June.
 */
export function splitIntoMonths(
  from: IsoDate,
  to: IsoDate,
): { months: { from: IsoDate; to: IsoDate } | null; edges: { from: IsoDate; to: IsoDate }[] } {
  const monthStart = (d: IsoDate) => `${d.slice(0, 7)}-01` as IsoDate;
  // 40 days after the first of a month is always in the next month.
  const nextMonthStart = (d: IsoDate) => monthStart(addDays(monthStart(d), 40));
  const firstWhole = from === monthStart(from) ? from : nextMonthStart(from);
  const lastWhole = addDays(to, 1) === nextMonthStart(to) ? monthStart(to) : monthStart(addDays(monthStart(to), -1));
  if (firstWhole > lastWhole) return { months: null, edges: [{ from, to }] };
  const edges: { from: IsoDate; to: IsoDate }[] = [];
  if (from < firstWhole) edges.push({ from, to: addDays(firstWhole, -1) });
  const afterLast = nextMonthStart(lastWhole);
  if (afterLast <= to) edges.push({ from: afterLast, to });
  return { months: { from: firstWhole, to: lastWhole }, edges };
}

/**
 * Done units and their sum, by KPI and a bucket expression, over [from, to]. `bucket` may use
 * `day`, `area_id` and `team_id` (and `practitioner_id` on kpi_fact). National, area and team
 * figures read whole months from kpi_area_month, or kpi_team_month for a team or a bucket by
 * team (`month` read as `day`), and the edge days from kpi_area_day, so a bucket by month, area
 * or team is the same either way. A practitioner's, or a bucket by practitioner, reads kpi_fact.
 */
async function doneSums(
  db: Executor,
  scope: PerformanceScope,
  from: IsoDate,
  to: IsoDate,
  bucket: SQL,
  /** by-team: buckets by team (whole months by team); facts: buckets by practitioner. */
  read: 'sums' | 'by-team' | 'facts' = 'sums',
): Promise<Row[]> {
  const f = filterOf(scope, 'x');
  if (f.fromSums && read !== 'facts') {
    const { months, edges } = splitIntoMonths(from, to);
    const parts: SQL[] = edges.map(
      (e) => sql`SELECT kpi, day, area_id, team_id, done, total FROM kpi_area_day
          WHERE day BETWEEN ${e.from}::date AND ${e.to}::date AND kpi <> 'caseload'`,
    );
    if (months) {
      // A team's months by team; the nation's and an area's (and their comparisons) by area.
      parts.push(
        scope.level === 'team'
          ? sql`SELECT kpi, month AS day, area_id, team_id, done, total FROM kpi_team_month
              WHERE team_id = ${scope.teamId} AND month BETWEEN ${months.from}::date AND ${months.to}::date
                AND kpi <> 'caseload'`
          : read === 'by-team'
            ? sql`SELECT kpi, month AS day, area_id, team_id, done, total FROM kpi_team_month
                WHERE month BETWEEN ${months.from}::date AND ${months.to}::date AND kpi <> 'caseload'`
            : sql`SELECT kpi, month AS day, area_id, '' AS team_id, done, total FROM kpi_area_month
              WHERE month BETWEEN ${months.from}::date AND ${months.to}::date AND kpi <> 'caseload'`,
      );
    }
    const rows = await queryRows<Row>(
      db,
      sql`SELECT x.kpi, ${bucket} AS bucket, sum(x.done)::int AS done, sum(x.total)::float8 AS total
          FROM (${sql.join(parts, sql` UNION ALL `)}) x WHERE ${f.condition}
          GROUP BY 1, 2`,
    );
    return rows;
  }
  return queryRows<Row>(
    db,
    sql`SELECT x.kpi, ${bucket} AS bucket, count(*)::int AS done, sum(x.value)::float8 AS total
        FROM kpi_fact x WHERE x.kpi = ANY(${SUMMED_KPIS}::text[]) AND ${f.condition}
          AND x.day BETWEEN ${from}::date AND ${to}::date AND x.done_on IS NOT NULL
        GROUP BY 1, 2`,
  );
}

/** Open units past their due date (missed), by KPI and bucket. */
async function overdueCounts(
  db: Executor,
  scope: PerformanceScope,
  from: IsoDate,
  to: IsoDate,
  today: IsoDate,
  bucket: SQL,
): Promise<{ kpi: string; bucket: string; n: number }[]> {
  const f = filterOf(scope, 'x');
  return queryRows(
    db,
    sql`SELECT x.kpi, ${bucket} AS bucket, count(*)::int AS n FROM kpi_fact x
        WHERE x.done_on IS NULL AND x.due_on < ${today}::date AND x.day BETWEEN ${from}::date AND ${to}::date
          AND ${f.condition}
        GROUP BY 1, 2`,
  );
}

/** Caseload snapshots: points and distinct practitioners on each day, by bucket (from kpi_caseload_day). */
async function snapshots(
  db: Executor,
  scope: PerformanceScope,
  days: readonly IsoDate[],
  bucket: SQL,
): Promise<{ day: string; bucket: string; total: number; practitioners: number }[]> {
  if (days.length === 0) return [];
  const f = filterOf(scope, 'x');
  return queryRows(
    db,
    sql`SELECT x.day::text AS day, ${bucket} AS bucket, sum(x.points)::float8 AS total,
          count(DISTINCT x.practitioner_id)::int AS practitioners
        FROM kpi_caseload_day x WHERE x.day = ANY(${`{${days.join(',')}}`}::date[]) AND ${f.condition}
        GROUP BY 1, 2`,
  );
}

async function nationOf(db: Executor, scope: PerformanceScope): Promise<Nation> {
  if (scope.level === 'national') return 'england';
  const areaId = scope.level === 'practitioner' ? (scope.areaIds[0] ?? null) : scope.areaId;
  if (!areaId) return 'england';
  const [row] = await queryRows<{ nation: Nation }>(db, sql`SELECT nation FROM service_area WHERE id = ${areaId}`);
  return row?.nation ?? 'england';
}

function tallies(
  done: Row[],
  prior: Row[],
  overdue: { kpi: string; bucket: string; n: number }[],
  snaps: { bucket: string; total: number; practitioners: number }[],
): Map<string, Map<string, Tally>> {
  const out = new Map<string, Map<string, Tally>>();
  const get = (kpi: string, bucket: string) => {
    let byBucket = out.get(kpi);
    if (!byBucket) {
      byBucket = new Map();
      out.set(kpi, byBucket);
    }
    let t = byBucket.get(bucket);
    if (!t) {
      t = emptyTally();
      byBucket.set(bucket, t);
    }
    return t;
  };
  for (const r of done) {
    const t = get(r.kpi, r.bucket);
    t.done += r.done;
    t.total += r.total;
  }
  for (const r of prior) get(r.kpi, r.bucket).prior += r.done;
  for (const r of overdue) get(r.kpi, r.bucket).overdue += r.n;
  for (const r of snaps) {
    const t = get('caseload', r.bucket);
    t.total += r.total;
    t.practitioners += r.practitioners;
  }
  return out;
}

const selected = (query: FiguresQuery) => KPIS.filter((k) => !query.kpis || query.kpis.includes(k.id));

/** One KPI figure per selected KPI for the scope and period. */
export async function readFigures(db: Executor, query: FiguresQuery, targets?: Targets): Promise<Figure[]> {
  const { scope, period, today } = query;
  const all = sql.raw(`'all'`);
  const prev = previousYear(period);
  const snap = snapshotDay(period.to, today);
  const [done, prior, overdue, snaps, t, nation] = await readsTogether(db, [
    () => doneSums(db, scope, period.from, period.to, all),
    () => doneSums(db, scope, prev.from, prev.to, all),
    () => overdueCounts(db, scope, period.from, period.to, today, all),
    () => snapshots(db, scope, [snap], all),
    () => (targets ? Promise.resolve(targets) : readTargets(db)),
    () => nationOf(db, scope),
  ]);
  const byKpi = tallies(done, prior, overdue, snaps);
  return selected(query).map((k) => ({
    kpi: k.id,
    ...figureFrom(
      k,
      byKpi.get(k.id)?.get('all') ?? emptyTally(),
      targetFor(t, k.id, nation),
      k.kind === 'mean-per-practitioner' ? snap : null,
    ),
  }));
}

/** Figures, a 12-month trend, and the comparison (areas nationally, teams or practitioners below). */
export async function readDashboard(db: Executor, query: FiguresQuery): Promise<Dashboard> {
  const { scope, period, today } = query;
  const months = trendMonths(period);
  const trendFrom = months[0]?.from ?? period.from;
  const trendTo = months.at(-1)?.to ?? period.to;
  const priorTrend = previousYear({ ...period, from: trendFrom, to: trendTo });
  const monthBucket = sql.raw(`to_char(x.day, 'YYYY-MM')`);
  const priorBucket = sql.raw(`to_char(x.day + interval '1 year', 'YYYY-MM')`);
  const monthEnds = months.map((m) => m.to).filter((d) => d < today);
  const targets = await readTargets(db);
  const breakdownColumn =
    scope.level === 'national'
      ? 'area_id'
      : scope.level === 'area'
        ? 'team_id'
        : scope.level === 'team'
          ? 'practitioner_id'
          : null;
  const byBucket = breakdownColumn ? sql.raw(`COALESCE(x.${breakdownColumn}::text, '')`) : null;
  const breakdownRead = scope.level === 'area' ? 'by-team' : scope.level === 'team' ? 'facts' : 'sums';
  const prev = previousYear(period);
  const snap = snapshotDay(period.to, today);
  const [figures, trendDone, trendPrior, trendOverdue, trendSnaps, bDone, bPrior, bOverdue, bSnaps, fresh] =
    await readsTogether(db, [
      () => readFigures(db, query, targets),
      () => doneSums(db, scope, trendFrom, trendTo, monthBucket),
      () => doneSums(db, scope, priorTrend.from, priorTrend.to, priorBucket),
      () => overdueCounts(db, scope, trendFrom, trendTo, today, monthBucket),
      () => snapshots(db, scope, monthEnds, monthBucket),
      // An area's teams from the sums by team; a team's practitioners from the facts (no sums by practitioner).
      async () => (byBucket ? doneSums(db, scope, period.from, period.to, byBucket, breakdownRead) : []),
      async () => (byBucket ? doneSums(db, scope, prev.from, prev.to, byBucket, breakdownRead) : []),
      async () => (byBucket ? overdueCounts(db, scope, period.from, period.to, today, byBucket) : []),
      async () => (byBucket ? snapshots(db, scope, [snap], byBucket) : []),
      () =>
        queryRows<{ refreshedAt: Date | string | null; waiting: number }>(
          db,
          sql`SELECT (SELECT refreshed_at FROM kpi_refresh_state WHERE id = 1) AS "refreshedAt",
              (SELECT count(*)::int FROM kpi_dirty_case) AS waiting`,
        ),
    ]);
  const trendTallies = tallies(trendDone, trendPrior, trendOverdue, trendSnaps);
  const trend: TrendPoint[] = [];
  for (const k of selected(query)) {
    for (const m of months) {
      const f = figureFrom(k, trendTallies.get(k.id)?.get(m.month) ?? emptyTally(), null);
      trend.push({ kpi: k.id, month: m.month, numerator: f.numerator, denominator: f.denominator, value: f.value });
    }
  }
  const bTallies = tallies(bDone, bPrior, bOverdue, bSnaps);
  const ids = new Set<string>();
  for (const m of bTallies.values()) for (const id of m.keys()) ids.add(id);
  const names = await namesOf(db, breakdownColumn, [...ids]);
  const rows = [...ids]
    .filter((id) => id !== '')
    .map((id) => ({
      id,
      name: names.get(id)?.name ?? id,
      nation: names.get(id)?.nation ?? 'england',
      figures: selected(query).map((k) => ({
        kpi: k.id,
        ...figureFrom(
          k,
          bTallies.get(k.id)?.get(id) ?? emptyTally(),
          targetFor(targets, k.id, (names.get(id)?.nation ?? 'england') as Nation),
          k.kind === 'mean-per-practitioner' ? snap : null,
        ),
      })),
    }))
    .sort((a, b) => (names.get(a.id)?.order ?? a.name).localeCompare(names.get(b.id)?.order ?? b.name));
  const refreshedAt = fresh[0]?.refreshedAt ?? null;
  return {
    figures,
    trend,
    areas: scope.level === 'national' ? rows.map(({ id, figures: f }) => ({ areaId: id, figures: f })) : [],
    breakdown: scope.level === 'national' ? [] : rows.map(({ id, name, figures: f }) => ({ id, name, figures: f })),
    freshness: {
      refreshedAt: refreshedAt === null ? null : new Date(refreshedAt),
      casesWaiting: fresh[0]?.waiting ?? 0,
    },
  };
}

async function namesOf(
  db: Executor,
  column: string | null,
  ids: string[],
): Promise<Map<string, { name: string; order: string; nation: string }>> {
  const out = new Map<string, { name: string; order: string; nation: string }>();
  const list = ids.filter((id) => id !== '');
  if (!column || list.length === 0) return out;
  const arr = sql`${`{${list.join(',')}}`}::text[]`;
  const rows =
    column === 'area_id'
      ? await queryRows<{ id: string; name: string; order: string; nation: string }>(
          db,
          sql`SELECT id, name, lpad(code, 4, '0') AS "order", nation FROM service_area WHERE id = ANY(${arr})`,
        )
      : column === 'team_id'
        ? await queryRows<{ id: string; name: string; order: string; nation: string }>(
            db,
            sql`SELECT t.id, t.name, t.name AS "order", a.nation FROM team t JOIN service_area a ON a.id = t.area_id
                WHERE t.id = ANY(${arr})`,
          )
        : await queryRows<{ id: string; name: string; order: string; nation: string }>(
            db,
            sql`SELECT u.id::text AS id, u.display_name AS name, u.display_name AS "order",
                  COALESCE(a.nation, 'england') AS nation
                FROM user_account u LEFT JOIN staff s ON s.user_id = u.id LEFT JOIN service_area a ON a.id = s.area_id
                WHERE u.id::text = ANY(${arr})`,
          );
  for (const r of rows) out.set(r.id, r);
  return out;
}
