/**
 * The KPI dashboards at national scale (issue 6), against a DuckDB baseline computing the same
 * KPIs from the same raw rows, exported in the same run (bench/kpi-duckdb.ts).
 *
 *   node_modules/.bin/node bench/kpi-dashboard.ts [--url postgres://…/bench_600k] [--requests N] [--reps N] [--quick]
 *
 * 1. Brings the figures up to date (a rebuild when most cases are waiting, as after the
 *    generator; else the incremental refresh), timed.
 * 2. Exports the raw rows with COPY and loads them into an in-memory DuckDB, timed.
 * 3. For a financial year, a quarter, a month and a two-year custom range: the national figures
 *    from the read model (readFigures) and from DuckDB must be equal; each is timed (median).
 * 4. Starts the app and measures every dashboard view over HTTP, one request at a time
 *    (p50, p95), interleaved and repeated, medians reported: national, area, team,
 *    practitioner, a drill-down list and early warning.
 *
 * The headline: the national dashboard page's p50 against the DuckDB query's median (ratio =
 * DuckDB ms / page ms, so above 1 is faster than the baseline), and every view's p95 against
 * the 100 ms goal. Results go to bench/results/kpi-<timestamp>.json.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { createStaffMember } from '../src/modules/organisation/service.ts';
import type { Period } from '../src/modules/performance/read-model.ts';
import {
  customPeriod,
  financialYearPeriod,
  monthPeriod,
  quarterPeriod,
  readFigures,
} from '../src/modules/performance/service.ts';
import { userAccount } from '../src/platform/auth/schema.ts';
import { type IsoDate, londonDate } from '../src/platform/calendar/index.ts';
import { type Db, openDatabase, queryRows } from '../src/platform/db/database.ts';
import { buildAssets, startApp } from './app-process.ts';
import { cleanupAll, installCleanupHandlers, onCleanup } from './cleanup.ts';
import { appCommit, machineInfo } from './environment-info.ts';
import { readFlags } from './flags.ts';
import { BenchSession, csrfFrom } from './http-session.ts';
import { type DuckFigures, exportRawRows, loadDuckBaseline } from './kpi-duckdb.ts';
import { kpisReady } from './kpis-ready.ts';
import { writeScriptResult } from './report.ts';
import { median, quantileSorted, round } from './stats.ts';

interface Options {
  url: string;
  requests: number;
  reps: number;
  duckRuns: number;
}

export function parseKpiBenchArgs(argv: string[]): Options {
  const options: Options = { url: 'postgres://postgres@127.0.0.1:5432/bench_600k', requests: 60, reps: 3, duckRuns: 5 };
  readFlags(argv, {
    '--url': (v) => {
      options.url = v.text();
    },
    '--requests': (v) => {
      options.requests = v.count(5, 2000);
    },
    '--reps': (v) => {
      options.reps = v.count(1, 10);
    },
    '--quick': () => Object.assign(options, { requests: 15, reps: 1, duckRuns: 2 }),
  });
  return options;
}

const ANALYST = { email: 'bench-analyst@bench.childvoice.test', password: 'bench-analyst-password-not-secret' };
const MANAGER = { email: 'bench-manager@bench.childvoice.test', password: 'bench-manager-password-not-secret' };

/** The bench's performance analyst and the manager of the busiest area (made once, then reused). */
async function benchPeople(db: Db) {
  const [busiest] = await queryRows<{ area_id: string; team_id: string }>(
    db,
    sql`SELECT c.area_id, c.team_id FROM case_record c WHERE c.team_id IS NOT NULL
        GROUP BY c.area_id, c.team_id ORDER BY count(*) DESC, c.team_id LIMIT 1`,
  );
  if (!busiest) throw new Error('the database has no cases in a team: populate it first');
  const existing = async (email: string) =>
    (await db.select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.email, email)))[0]?.id;
  const analystId =
    (await existing(ANALYST.email)) ??
    (await createStaffMember(db, {
      ...ANALYST,
      displayName: 'Bench Analyst',
      jobTitle: 'Performance analyst',
      areaId: busiest.area_id,
      roles: ['performance-analyst'],
      teams: [],
    }));
  const managerId =
    (await existing(MANAGER.email)) ??
    (await createStaffMember(db, {
      ...MANAGER,
      displayName: 'Bench Manager',
      jobTitle: 'Service manager',
      areaId: busiest.area_id,
      roles: ['service-manager'],
      teams: [{ teamId: busiest.team_id, manages: true }],
    }));
  const [area] = await queryRows<{ area_id: string }>(db, sql`SELECT area_id FROM staff WHERE user_id = ${managerId}`);
  const [team] = await queryRows<{ team_id: string }>(
    db,
    sql`SELECT team_id FROM team_membership WHERE user_id = ${managerId} ORDER BY team_id LIMIT 1`,
  );
  const [practitioner] = await queryRows<{ user_id: string }>(
    db,
    sql`SELECT a.user_id FROM case_allocation a JOIN team_membership m ON m.user_id = a.user_id AND m.team_id = ${team!.team_id}
        WHERE a.ended_at IS NULL GROUP BY a.user_id ORDER BY count(*) DESC, a.user_id LIMIT 1`,
  );
  if (!practitioner) throw new Error(`no practitioner with cases in team ${team!.team_id}`);
  return { analystId, areaId: area!.area_id, teamId: team!.team_id, practitionerId: practitioner.user_id };
}

async function signIn(baseUrl: string, who: { email: string; password: string }): Promise<BenchSession> {
  const session = new BenchSession(baseUrl);
  const form = await session.page('/sign-in');
  const response = await session.postForm('/sign-in', { ...who, _csrf: csrfFrom(form.body) });
  if (response.status !== 303) throw new Error(`sign-in as ${who.email} failed: ${response.status}`);
  return session;
}

/** The periods compared and measured, all complete before today. */
function periods(today: IsoDate): { name: string; period: Period; query: string }[] {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const lastMonth = m === 1 ? { y: y - 1, m: 12 } : { y, m: m - 1 };
  const quarter = Math.floor((m - 1) / 3); // the quarter before today's (0: last year's fourth)
  const q = quarter === 0 ? { y: y - 1, q: 4 } : { y, q: quarter };
  const fy = m >= 4 ? y - 1 : y - 2; // the last complete financial year
  const customFrom = `${y - 2}-${today.slice(5, 7)}-01` as IsoDate; // two years to last month's end
  const customTo =
    `${lastMonth.y}-${String(lastMonth.m).padStart(2, '0')}-${new Date(Date.UTC(lastMonth.y, lastMonth.m, 0)).getUTCDate()}` as IsoDate;
  return [
    { name: 'financial-year', period: financialYearPeriod(fy), query: `period=financial-year&year=${fy}` },
    { name: 'quarter', period: quarterPeriod(q.y, q.q), query: `period=quarter&quarter=${q.y}-Q${q.q}` },
    {
      name: 'month',
      period: monthPeriod(lastMonth.y, lastMonth.m),
      query: `period=month&month=${lastMonth.y}-${String(lastMonth.m).padStart(2, '0')}`,
    },
    {
      name: 'custom',
      period: customPeriod(customFrom, customTo),
      query: `period=custom&from=${customFrom}&to=${customTo}`,
    },
  ];
}

/** Differences between the read model's figures and DuckDB's (empty when equal). */
function compare(ours: Awaited<ReturnType<typeof readFigures>>, duck: DuckFigures): string[] {
  const problems: string[] = [];
  for (const f of ours) {
    const d = duck[f.kpi];
    if (!d) {
      problems.push(`${f.kpi}: not in the DuckDB baseline`);
      continue;
    }
    const close = (a: number | null, b: number | null, tolerance: number) =>
      a === null || b === null ? a === b : Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(b));
    const tolerance = f.kpi === 'caseload' ? 1e-6 : 0;
    if (
      !close(f.numerator, d.numerator, tolerance) ||
      f.denominator !== d.denominator ||
      !close(f.value, d.value, 1e-9)
    )
      problems.push(
        `${f.kpi}: ours ${f.numerator}/${f.denominator}=${f.value}, DuckDB ${d.numerator}/${d.denominator}=${d.value}`,
      );
  }
  return problems;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

/** `requests` GETs one after another; latencies in ms. Anything but 200 is a failure of the run. */
async function sequential(session: BenchSession, path: string, requests: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < requests; i += 1) {
    const started = performance.now();
    const response = await session.get(path);
    times.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
  }
  return times;
}

async function main(): Promise<void> {
  installCleanupHandlers();
  const options = parseKpiBenchArgs(process.argv.slice(2));
  const startedAt = new Date();
  const today = londonDate(startedAt);
  const database = await openDatabase({ kind: 'postgres', url: options.url, poolSize: 4 });
  const db = database.db;
  // 1. Figures up to date.
  const measured = await kpisReady(db, (n) => {
    if (n % 50_000 < 2000) process.stdout.write(`\r  measuring: ${n} cases`);
  });
  const { waiting, how } = measured;
  const [{ cases }] = (await queryRows<{ cases: number }>(db, sql`SELECT count(*)::int AS cases FROM case_record`)) as [
    { cases: number },
  ];
  console.log(`${cases} cases, ${waiting} were waiting to be measured`);
  console.log(
    `\n${how === 'rebuild' ? 'rebuilt' : 'refreshed'} ${measured.cases} cases into ${measured.facts} facts in ${round(measured.seconds)} s`,
  );
  const people = await benchPeople(db);

  // 2. The baseline's rows.
  const dir = await mkdtemp(join(tmpdir(), 'childvoice-kpi-bench-'));
  onCleanup(`remove ${dir}`, () => rm(dir, { recursive: true, force: true }));
  const exported = await timed(() => exportRawRows(options.url, dir));
  const loaded = await timed(() => loadDuckBaseline(dir));
  const duck = loaded.result;
  console.log(
    `exported the raw rows in ${round(exported.ms / 1000)} s; DuckDB loaded them in ${round(loaded.ms / 1000)} s`,
  );

  // 3. Equal figures, and the time of each computation.
  const national = { level: 'national' as const };
  const comparisons: Record<string, unknown> = {};
  let unequal = 0;
  for (const p of periods(today)) {
    const duckTimes: number[] = [];
    let duckFigures: DuckFigures = {};
    for (let i = 0; i < options.duckRuns; i += 1) {
      const run = await timed(() => duck.figures(p.period.from, p.period.to, today));
      duckTimes.push(run.ms);
      duckFigures = run.result;
    }
    const oursTimes: number[] = [];
    let ours: Awaited<ReturnType<typeof readFigures>> = [];
    for (let i = 0; i < options.duckRuns; i += 1) {
      const run = await timed(() => readFigures(db, { scope: national, period: p.period, today }));
      oursTimes.push(run.ms);
      ours = run.result;
    }
    const problems = compare(ours, duckFigures);
    unequal += problems.length;
    comparisons[p.name] = {
      from: p.period.from,
      to: p.period.to,
      duckdb_ms: round(median(duckTimes)),
      read_model_ms: round(median(oursTimes)),
      equal: problems.length === 0,
      problems,
      figures: Object.fromEntries(
        ours.map((f) => [f.kpi, { numerator: f.numerator, denominator: f.denominator, value: f.value }]),
      ),
    };
    console.log(
      `  ${p.name.padEnd(15)} ${p.period.from}–${p.period.to}: DuckDB ${round(median(duckTimes))} ms, read model ${round(median(oursTimes))} ms, ${problems.length === 0 ? 'figures equal' : `${problems.length} differ`}`,
    );
    for (const problem of problems) console.log(`    ${problem}`);
  }
  duck.close();
  await database.close();

  // 4. Every view over HTTP.
  await buildAssets();
  const app = await startApp('kpi', { DATABASE_URL: options.url });
  try {
    const analyst = await signIn(app.baseUrl, ANALYST);
    const manager = await signIn(app.baseUrl, MANAGER);
    const fy = periods(today)[0]!.query;
    const month = periods(today)[2]!.query;
    const views: { name: string; session: BenchSession; path: string }[] = [
      { name: 'national_fy', session: analyst, path: `/performance/national?${fy}` },
      { name: 'national_month', session: analyst, path: `/performance/national?${month}` },
      { name: 'area_fy', session: manager, path: `/performance/areas/${people.areaId}?${fy}` },
      { name: 'team_fy', session: manager, path: `/performance/teams/${people.teamId}?${fy}` },
      { name: 'practitioner_fy', session: manager, path: `/performance/practitioners/${people.practitionerId}?${fy}` },
      {
        name: 'drill_down_national',
        session: analyst,
        path: `/performance/kpis/police-checks-on-time?part=denominator&${fy}`,
      },
      {
        name: 'drill_down_area',
        session: manager,
        path: `/performance/kpis/screening-on-time?area=${people.areaId}&${fy}`,
      },
      { name: 'early_warning_area', session: manager, path: '/performance/early-warning' },
    ];
    for (const v of views) await sequential(v.session, v.path, 3); // warm up (and check each answers 200)
    const p50s = new Map<string, number[]>();
    const p95s = new Map<string, number[]>();
    for (let rep = 1; rep <= options.reps; rep += 1) {
      for (const v of views) {
        const times = (await sequential(v.session, v.path, options.requests)).sort((a, b) => a - b);
        p50s.set(v.name, [...(p50s.get(v.name) ?? []), quantileSorted(times, 0.5)]);
        p95s.set(v.name, [...(p95s.get(v.name) ?? []), quantileSorted(times, 0.95)]);
      }
      console.log(`  [${rep}/${options.reps}] ${views.length} views × ${options.requests} requests`);
    }
    const duckFy = (comparisons['financial-year'] as { duckdb_ms: number }).duckdb_ms;
    const metrics: Record<string, unknown> = {};
    for (const v of views) {
      const p50 = round(median(p50s.get(v.name)!));
      const p95 = round(median(p95s.get(v.name)!));
      metrics[`kpi_${v.name}`] = {
        value: p95,
        unit: 'ms p95',
        p50_ms: p50,
        goal_ms: 100,
        meets_goal: p95 <= 100,
        ...(v.name === 'national_fy' ? { baseline: duckFy, ratio: round(duckFy / p50, 2) } : {}),
      };
    }
    metrics.kpi_figures_equal = { value: unequal === 0 ? 1 : 0, unit: 'bool', differences: unequal };
    metrics.kpi_measure_all = {
      value: round(measured.seconds),
      unit: 's',
      cases: measured.cases,
      facts: measured.facts,
      how,
    };
    metrics.kpi_duckdb_export_load = { value: round((exported.ms + loaded.ms) / 1000), unit: 's' };
    metrics.rss_mb = { value: round(app.memory()?.rssMb ?? Number.NaN), unit: 'MB' };
    const result = {
      machine: machineInfo(),
      commit: appCommit(),
      cases,
      startedAt: startedAt.toISOString(),
      settings: options,
      comparisons,
      metrics,
    };
    console.log('');
    for (const [name, m] of Object.entries(metrics)) console.log(`${name.padEnd(26)} ${JSON.stringify(m)}`);
    console.log(`\nwritten to bench/results/${await writeScriptResult('kpi', startedAt, result)}`);
    if (unequal > 0) process.exitCode = 1;
  } finally {
    await app.stop();
    await cleanupAll();
  }
}

if (import.meta.main) {
  main().catch(async (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    await cleanupAll();
    process.exit(1);
  });
}
