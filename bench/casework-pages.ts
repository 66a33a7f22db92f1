/**
 * The pages of the work after the first hearing, at national scale: the family court
 * adviser's caseload and the section 7 report-drafting page, each against the bench
 * baseline page of the same stack with no database (`/bench/baseline/caseload` and
 * `/bench/baseline/case`), interleaved and repeated, medians reported.
 *
 *   node_modules/.bin/node bench/casework-pages.ts [--url postgres://…/bench_600k] [--quick]
 *
 * The database must be populated already (`npm run generate -- --cases 600000` into it, or a
 * kept `npm run bench` database). The bench adviser and their cases come from bench/fixture.ts;
 * a section 7 report with every section drafted is added to the overview case through the
 * pages, as an adviser would. Results are printed and written to
 * bench/results/casework-<timestamp>.json.
 */
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../src/platform/db/database.ts';
import { buildAssets, startApp } from './app-process.ts';
import { cleanupAll, installCleanupHandlers } from './cleanup.ts';
import { appCommit, machineInfo } from './environment-info.ts';
import { prepareFixture } from './fixture.ts';
import { readFlags } from './flags.ts';
import { BenchSession } from './http-session.ts';
import { interleavedPages } from './page-bench.ts';
import { writeScriptResult } from './report.ts';
import { round } from './stats.ts';

interface Options {
  url: string;
  seconds: number;
  reps: number;
  connections: number;
}

function parse(argv: string[]): Options {
  const options: Options = {
    url: 'postgres://postgres@127.0.0.1:5432/bench_600k',
    seconds: 10,
    reps: 3,
    connections: 20,
  };
  readFlags(argv, {
    '--url': (v) => {
      options.url = v.text();
    },
    '--seconds': (v) => {
      options.seconds = v.count(1, 120);
    },
    '--reps': (v) => {
      options.reps = v.count(1, 10);
    },
    '--connections': (v) => {
      options.connections = v.count(1, 200);
    },
    '--quick': () => Object.assign(options, { seconds: 3, reps: 1 }),
  });
  return options;
}

const SECTIONS = {
  background:
    'The court asked for a section 7 report on where the children should live and how they should spend time with each parent.',
  welfare:
    'Each part of the welfare checklist has been considered for both children, as set out in the sections about each child.',
  risk: 'The police and local authority checks returned no concerns. The parents describe arguments but no violence.',
  analysis:
    'Both children are settled at school and close to both parents. The dispute about handovers is what worries them most.',
  recommendation:
    'I recommend that the children live with their mother and spend alternate weekends and one evening a week with their father.',
  signposting: 'Both parents were given details of the local family information service and a parenting programme.',
};

/** A drafted section 7 report on the case, made through the pages; reused when there is one. */
async function ensureReport(session: BenchSession, url: string, caseId: string): Promise<string> {
  const db = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
  try {
    const [existing] = await queryRows<{ id: string }>(
      db.db,
      sql`SELECT id FROM court_report WHERE case_id = ${caseId} ORDER BY created_at LIMIT 1`,
    );
    if (existing) return existing.id;
    await db.db.execute(
      sql`INSERT INTO court_direction (case_id, report_type, report_label, due_on, source)
        SELECT ${caseId}, 'section-7', 'Section 7 report', current_date + 20, 'manual'
        WHERE NOT EXISTS (SELECT 1 FROM court_direction WHERE case_id = ${caseId} AND report_type = 'section-7')`,
    );
    const [direction] = await queryRows<{ id: string }>(
      db.db,
      sql`SELECT id FROM court_direction WHERE case_id = ${caseId} AND report_type = 'section-7' LIMIT 1`,
    );
    const form = await session.page(`/cases/${caseId}/reports/new`);
    const started = await session.postForm(`/cases/${caseId}/reports/new`, {
      _csrf: session.csrfToken,
      _formToken: /name="_formToken" value="([^"]+)"/.exec(form.body)?.[1] ?? '',
      directionId: direction!.id,
      language: 'en',
    });
    const reportPath = started.location;
    if (started.status !== 303 || !reportPath) throw new Error(`starting the report answered ${started.status}`);
    const page = await session.page(reportPath);
    const children = await queryRows<{ id: string; given: string }>(
      db.db,
      sql`SELECT cc.id, p.given_names AS given FROM case_child cc JOIN person p ON p.id = cc.person_id
        WHERE cc.case_id = ${caseId} ORDER BY cc.created_at, cc.id`,
    );
    const perChild: Record<string, string> = {};
    for (const child of children) {
      perChild[`wishes-${child.id}`] =
        `${child.given} said they want to keep seeing both parents and to stop the arguing.`;
      perChild[`needs-${child.id}`] = `${child.given} is doing well at school and has friends nearby.`;
      perChild[`diversity-${child.id}`] = `Nothing about ${child.given}'s identity bears on the arrangements.`;
      perChild[`diversityRelevant-${child.id}`] = 'no';
    }
    const saved = await session.postForm(reportPath.split('?')[0]!, {
      _csrf: session.csrfToken,
      _formToken: /name="_formToken" value="([^"]+)"/.exec(page.body)?.[1] ?? '',
      version: /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '1',
      action: 'save',
      ...SECTIONS,
      ...perChild,
    });
    if (saved.status !== 303) throw new Error(`saving the report answered ${saved.status}`);
    return /\/reports\/([0-9a-f-]{36})/.exec(reportPath)![1]!;
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  installCleanupHandlers();
  const options = parse(process.argv.slice(2));
  const startedAt = new Date();
  await buildAssets();
  const app = await startApp('casework', { DATABASE_URL: options.url });
  try {
    const db = await openDatabase({ kind: 'postgres', url: options.url, poolSize: 2 });
    const fixture = await prepareFixture(db.db);
    const [{ cases } = { cases: 0 }] = await queryRows<{ cases: number }>(
      db.db,
      sql`SELECT count(*)::int AS cases FROM case_record`,
    );
    await db.close();
    const session = await BenchSession.signIn(app.baseUrl, fixture.email, fixture.password);
    const caseId = fixture.overviewCaseId;
    const reportId = await ensureReport(session, options.url, caseId);
    const reportPath = `/cases/${caseId}/reports/${reportId}`;
    const report = await session.page(reportPath);
    const caseload = await session.page('/caseload');
    console.log(
      `${cases} cases; the bench adviser's caseload ${caseload.bytes} B, report page ${report.bytes} B (${reportPath})`,
    );
    const headers = { cookie: session.cookieHeader() };
    const stats = await interleavedPages(
      [
        { name: 'fca_caseload', app, path: '/caseload', headers },
        { name: 'baseline_caseload', app, path: '/bench/baseline/caseload', headers: {} },
        { name: 'report_drafting', app, path: reportPath, headers },
        { name: 'baseline_case', app, path: '/bench/baseline/case', headers: {} },
      ],
      { reps: options.reps, seconds: options.seconds, warmupSeconds: 2, connections: options.connections },
    );
    const metric = (page: string, baseline: string) => {
      const p = stats.get(page)!;
      const b = stats.get(baseline)!;
      return {
        value: p.rps,
        unit: 'req/s',
        baseline: b.rps,
        ratio: round(p.rps / b.rps, 2),
        p50_ms: p.p50,
        p99_ms: p.p99,
        baseline_p50_ms: b.p50,
        baseline_p99_ms: b.p99,
        p99_ratio: round(p.p99 / Math.max(1, b.p99), 2),
        bytes: p.bytesPerResponse,
        baseline_bytes: b.bytesPerResponse,
        unexpected_responses: p.unexpected,
      };
    };
    const result = {
      machine: machineInfo(),
      commit: appCommit(),
      cases,
      startedAt: startedAt.toISOString(),
      settings: options,
      metrics: {
        fca_caseload: metric('fca_caseload', 'baseline_caseload'),
        report_drafting: metric('report_drafting', 'baseline_case'),
        rss_mb: { value: round(app.memory()?.rssMb ?? Number.NaN), unit: 'MB' },
      },
    };
    console.log('');
    for (const [name, m] of Object.entries(result.metrics)) console.log(`${name.padEnd(16)} ${JSON.stringify(m)}`);
    console.log(`\nwritten to bench/results/${await writeScriptResult('casework', startedAt, result)}`);
  } finally {
    await app.stop();
    await cleanupAll();
  }
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await cleanupAll();
  process.exit(1);
});
