/**
 * The benchmarks of bench/ (`npm run bench`, `npm run bench -- --quick`): page throughput
 * against a no-database baseline of the same stack, case writes against pgbench, the cost
 * curve from 6,000 to 600,000 cases, memory, and the national peak. See bench/RESULTS.md
 * for what each figure means and its target; `--help` for the options.
 */
import { type AppProcess, buildAssets, startApp } from './app-process.ts';
import { type PreparedDatabase, preparePgliteDatabase, prepareServerDatabase } from './bench-database.ts';
import { cleanupAll, installCleanupHandlers } from './cleanup.ts';
import { type BenchOptions, type DbKind, parseOptions } from './cli-options.ts';
import { appCommit, machineInfo, pgliteVersion, versions } from './environment-info.ts';
import { BenchSession } from './http-session.ts';
import { type BenchReport, buildMetrics, type RunData } from './metrics.ts';
import { interleavedPages, type PageTarget } from './page-bench.ts';
import { nationalPeak } from './peak-bench.ts';
import { type PgbenchBaseline, preparePgbench } from './pgbench.ts';
import { choosePopulator } from './populate.ts';
import { dropStaleBenchDatabases, serverReachable, serverVersion } from './postgres-server.ts';
import { appendResultsRow, printReport, writeResults } from './report.ts';
import { round } from './stats.ts';
import { httpWrites, type ServiceWriteResult, serviceWrites, type WriteResult } from './write-bench.ts';

/** Where a full run generates the large population when not given --large-db (kept for next time). */
const largeDbName = (cases: number) => (cases === 600_000 ? 'bench_600k' : `bench_${cases}`);
const started = Date.now();

function step(title: string): void {
  console.log(`\n[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${title}`);
}

async function chooseDb(options: BenchOptions): Promise<DbKind> {
  const reachable = await serverReachable(options.serverUrl);
  if (options.db === 'server' && !reachable) throw new Error(`--db server: nothing answers at ${options.serverUrl}`);
  if (options.db) return options.db;
  if (reachable) return 'server';
  if (!options.quick)
    console.warn('No PostgreSQL server answers: the full run falls back to PGlite, without the cost curve.');
  return 'pglite';
}

async function checkPages(app: AppProcess, session: BenchSession, prepared: PreparedDatabase): Promise<void> {
  const overview = await session.page(`/cases/${prepared.fixture.overviewCaseId}`);
  const events = (overview.body.match(/class="moj-timeline__item"/g) ?? []).length;
  const caseload = await session.page('/caseload');
  // Table rows less the header row.
  const rows = (caseload.body.match(/<tr class="govuk-table__row"/g) ?? []).length - 1;
  const baselineCase = await fetch(`${app.baseUrl}/bench/baseline/case`);
  const baselineCaseload = await fetch(`${app.baseUrl}/bench/baseline/caseload`);
  if (baselineCase.status !== 200 || baselineCaseload.status !== 200) {
    throw new Error('the baseline pages do not answer 200: is BENCH_BASELINE=on reaching the app?');
  }
  const bytes = async (r: Response) => Buffer.byteLength(await r.text());
  console.log(
    `  ${app.label}: overview ${overview.bytes} B (${events} timeline items shown), caseload ${caseload.bytes} B (${rows} rows); ` +
      `baselines ${await bytes(baselineCase)} B / ${await bytes(baselineCaseload)} B`,
  );
}

async function main(): Promise<void> {
  installCleanupHandlers();
  let options: BenchOptions;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message} (see --help)`);
    process.exit(2);
  }
  const startedAt = new Date();
  const mode = options.quick ? 'quick' : 'full';
  const db = await chooseDb(options);
  const populator = choosePopulator(options.populate);
  const measureScale = !options.quick && db === 'server';
  const writeSeconds = options.quick ? Math.min(3, options.duration) : options.duration;
  const warmupSeconds = options.quick ? 1 : 3;
  console.log(
    `Childvoice bench (${mode}): ${db === 'server' ? `PostgreSQL server ${new URL(options.serverUrl).host}` : 'PGlite'}, ` +
      `${options.cases} cases, filled by ${populator === 'generator' ? 'scripts/generate.ts' : 'the demo loader (no scripts/generate.ts)'}; ` +
      `${options.reps} × ${options.duration} s per page, ${options.connections} connections`,
  );

  if (db === 'server') {
    const stale = await dropStaleBenchDatabases(options.serverUrl);
    if (stale.length > 0) console.log(`Dropped databases left by killed runs: ${stale.join(', ')}`);
  }

  step('Building the browser assets');
  await buildAssets();

  step(`Preparing the ${options.cases}-case database`);
  const main: PreparedDatabase =
    db === 'server'
      ? await prepareServerDatabase({
          adminUrl: options.serverUrl,
          name: `bench_${options.cases}_${process.pid}`,
          cases: options.cases,
          seed: options.seed,
          populator,
          drop: !options.keep,
        })
      : await preparePgliteDatabase({ cases: options.cases, seed: options.seed, populator, keep: options.keep });
  console.log(`  ${main.name}: ${main.cases} cases; bench FCA's team has ${main.fixture.caseloadTotal} open cases`);

  let large: PreparedDatabase | undefined;
  if (measureScale) {
    const name = options.largeDb ?? largeDbName(options.largeCases);
    step(`Preparing the ${options.largeCases}-case database (${name})`);
    if (!options.largeDb) {
      console.warn(
        `  No --large-db: using ${name}, generating it if it is not already populated. Generating ` +
          `${options.largeCases} cases takes about 30 minutes (longer with the demo loader); it is kept for next time.`,
      );
    }
    large = await prepareServerDatabase({
      adminUrl: options.serverUrl,
      name,
      cases: options.largeCases,
      seed: options.seed,
      populator,
      drop: false,
      existing: options.largeDb !== undefined,
      reuseIfPopulated: true,
    });
    console.log(
      `  ${large.name}: ${large.cases} cases; bench FCA's team has ${large.fixture.caseloadTotal} open cases`,
    );
  }

  const serviceWriteRuns: ServiceWriteResult[] = [];
  if (db === 'pglite') {
    // PGlite is single-process: the service-level writes run before the app opens the directory.
    step('Case writes through the service (in this process, before the app opens PGlite)');
    const database = await main.open();
    try {
      for (let rep = 1; rep <= options.reps; rep += 1) {
        const r = await serviceWrites(database, main.fixture, { seconds: writeSeconds, workers: options.connections });
        serviceWriteRuns.push(r);
        console.log(
          `  [${rep}/${options.reps}] service writes ${r.writesPerSecond.toFixed(0)} /s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms`,
        );
      }
    } finally {
      await database.close();
    }
  }

  step('Starting the app');
  const appVersion = appCommit();
  const app = await startApp(`${options.cases} cases`, main.appEnv);
  const session = await BenchSession.signIn(app.baseUrl, main.fixture.email, main.fixture.password);
  await checkPages(app, session, main);
  let largeApp: AppProcess | undefined;
  let largeSession: BenchSession | undefined;
  if (large) {
    largeApp = await startApp(`${large.cases} cases`, large.appEnv);
    largeSession = await BenchSession.signIn(largeApp.baseUrl, large.fixture.email, large.fixture.password);
    await checkPages(largeApp, largeSession, large);
  }

  step(
    `Pages: ${options.reps} interleaved rounds of ${options.duration} s${large ? ' (with the large database)' : ''}`,
  );
  const signedIn = { cookie: session.cookieHeader() };
  // The baseline is public and must not touch the database: no session cookie (that would load it).
  const anonymous = { cookie: session.cookieHeader(['childvoice-csrf']) };
  const targets: PageTarget[] = [
    { name: 'case_overview', app, path: `/cases/${main.fixture.overviewCaseId}`, headers: signedIn },
    { name: 'baseline_case', app, path: '/bench/baseline/case', headers: anonymous },
  ];
  if (largeApp && largeSession && large) {
    const headers = { cookie: largeSession.cookieHeader() };
    targets.push({
      name: 'case_overview_large',
      app: largeApp,
      path: `/cases/${large.fixture.overviewCaseId}`,
      headers,
    });
  }
  targets.push(
    { name: 'caseload', app, path: '/caseload', headers: signedIn },
    { name: 'baseline_caseload', app, path: '/bench/baseline/caseload', headers: anonymous },
  );
  if (largeApp && largeSession) {
    targets.push({
      name: 'caseload_large',
      app: largeApp,
      path: '/caseload',
      headers: { cookie: largeSession.cookieHeader() },
    });
  }
  const pages = await interleavedPages(targets, {
    reps: options.reps,
    seconds: options.duration,
    warmupSeconds,
    connections: options.connections,
  });
  if (largeApp) await largeApp.stop();
  const memoryAfterPages = app.memory();

  step(`Case writes: ${options.reps} interleaved rounds of ${writeSeconds} s`);
  let pgbench: PgbenchBaseline | undefined;
  let serviceDb: Awaited<ReturnType<PreparedDatabase['open']>> | undefined;
  if (db === 'server') {
    pgbench = await preparePgbench(options.serverUrl);
    serviceDb = await main.open(10);
  }
  const httpWriteRuns: WriteResult[] = [];
  const pgbenchTps: number[] = [];
  try {
    for (let rep = 1; rep <= options.reps; rep += 1) {
      const w = await httpWrites(app, session, main.fixture, {
        seconds: writeSeconds,
        connections: options.connections,
      });
      httpWriteRuns.push(w);
      const bad = w.unexpected > 0 ? `  UNEXPECTED ${w.unexpected} ${JSON.stringify(w.statusCodes)}` : '';
      console.log(
        `  [${rep}/${options.reps}] HTTP note posts   ${w.writesPerSecond.toFixed(0).padStart(6)} /s  p50 ${w.p50} ms  p99 ${w.p99} ms${bad}`,
      );
      if (pgbench) {
        const p = await pgbench.run(writeSeconds, options.connections);
        pgbenchTps.push(p.tps);
        console.log(
          `  [${rep}/${options.reps}] pgbench INSERT     ${p.tps.toFixed(0).padStart(6)} tps (latency ${p.latencyMs} ms)`,
        );
      }
      if (serviceDb) {
        const s = await serviceWrites(serviceDb, main.fixture, { seconds: writeSeconds, workers: options.connections });
        serviceWriteRuns.push(s);
        console.log(
          `  [${rep}/${options.reps}] service writes     ${s.writesPerSecond.toFixed(0).padStart(6)} /s  p50 ${s.p50.toFixed(1)} ms  p99 ${s.p99.toFixed(1)} ms`,
        );
      }
    }
  } finally {
    await serviceDb?.close();
  }

  const memoryAfterWrites = app.memory();
  const memory = memoryAfterWrites;
  await app.stop();

  // The peak is served as one 2-core machine would serve it: one app process per core.
  const peakProcesses = db === 'pglite' ? 1 : options.peakProcesses;
  step(
    `National peak: ${options.peakRate} requests/s for ${options.peakSeconds} s (open loop), ` +
      `${peakProcesses} app process${peakProcesses === 1 ? '' : 'es'}`,
  );
  const peakApp = await startApp(`${options.cases} cases, peak`, {
    ...main.appEnv,
    APP_PROCESSES: String(peakProcesses),
  });
  const peakSession = await BenchSession.signIn(peakApp.baseUrl, main.fixture.email, main.fixture.password);
  const peak = await nationalPeak(peakApp, peakSession, main.fixture, {
    rate: options.peakRate,
    seconds: options.peakSeconds,
    seed: options.seed,
  });
  console.log(
    `  achieved ${peak.achievedRate.toFixed(1)} req/s of ${options.peakRate}, p50 ${peak.p50.toFixed(1)} ms, p99 ${peak.p99.toFixed(1)} ms, errors ${peak.errors}` +
      (peak.firstErrors.length ? ` (${peak.firstErrors.join('; ')})` : ''),
  );
  await peakApp.stop();

  const data: RunData = {
    mode,
    db,
    pages,
    httpWrites: httpWriteRuns,
    serviceWrites: serviceWriteRuns,
    pgbenchTps,
    memory,
    memoryAfterPages,
    memoryAfterWrites,
    peak,
    peakRate: options.peakRate,
    peakProcesses,
    scaleSkipped: options.quick ? 'full run only' : db !== 'server' ? 'needs the PostgreSQL server' : undefined,
  };
  const report: BenchReport = {
    machine: machineInfo(),
    versions: versions(
      db === 'server' ? `PostgreSQL ${await serverVersion(options.serverUrl)}` : pgliteVersion(),
      appVersion,
    ),
    run: {
      mode,
      db,
      started_at: startedAt.toISOString(),
      elapsed_s: round((Date.now() - started) / 1000),
      cases: main.cases,
      large_cases: large?.cases ?? null,
      large_db: large?.name ?? null,
      populated_by: main.populatedBy,
      caseload_total: main.fixture.caseloadTotal,
      large_caseload_total: large?.fixture.caseloadTotal ?? null,
      seconds_per_run: options.duration,
      write_seconds_per_run: writeSeconds,
      reps: options.reps,
      connections: options.connections,
      peak_seconds: options.peakSeconds,
    },
    metrics: buildMetrics(data),
  };
  printReport(report);
  const file = await writeResults(report, startedAt);
  console.log(`\nWritten ${file} and bench/results/latest.json`);
  if (mode === 'full') {
    await appendResultsRow(report, startedAt);
    console.log('Appended a row to bench/RESULTS.md');
  }
  step('Cleaning up');
}

main()
  .then(() => cleanupAll())
  .then(() => {
    console.log(`Done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    process.exit(0);
  })
  .catch(async (error: unknown) => {
    console.error(`\nBench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await cleanupAll();
    process.exit(1);
  });
