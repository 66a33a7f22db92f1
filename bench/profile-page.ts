/**
 * Where a page's time goes: the app under closed-loop load with V8's CPU profiler on,
 * then the profile's self time summed by package (node_modules/<name>, our src/ folders,
 * Node.js internals, garbage collection) and by function.
 *
 *   node bench/profile-page.ts [--page overview|caseload|note|baseline] [--seconds 10] [--url postgres://…/db]
 *
 * Without --url it fills (once, kept) `bench_profile` on the local server with 1,000
 * generated cases. The .cpuprofile is kept for Chrome DevTools (its path is printed).
 */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { startApp } from './app-process.ts';
import { prepareServerDatabase } from './bench-database.ts';
import { REPO_ROOT } from './child-process.ts';
import { cleanupAll, installCleanupHandlers } from './cleanup.ts';
import { closedLoad } from './closed-load.ts';
import { BenchSession } from './http-session.ts';
import { choosePopulator } from './populate.ts';
import { freshFormToken, NOTE_TEXT } from './write-bench.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The bucket a script URL belongs to: a package, one of our folders, or Node.js itself. */
export function bucketOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node:internals';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const path = url.startsWith('file://') ? relative(REPO_ROOT, new URL(url).pathname) : url;
  const parts = path.split('/');
  return parts.slice(0, Math.min(parts.length - 1, 3)).join('/') || path;
}

/** Self time in ms by bucket and by function, largest first. */
export function summarise(profile: CpuProfile): {
  total: number;
  buckets: [string, number][];
  functions: [string, number][];
} {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const buckets = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  for (const [id, ms] of self) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') continue;
    total += ms;
    const bucket = bucketOf(frame.url, frame.functionName);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + ms);
    const fn = `${frame.functionName || '(anonymous)'} ${frame.url ? `${bucket}:${frame.lineNumber + 1}` : ''}`;
    functions.set(fn, (functions.get(fn) ?? 0) + ms);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return { total, buckets: sorted(buckets), functions: sorted(functions) };
}

async function main(): Promise<void> {
  installCleanupHandlers();
  const { values } = parseArgs({
    options: {
      page: { type: 'string', default: 'overview' },
      seconds: { type: 'string', default: '10' },
      url: { type: 'string' },
      connections: { type: 'string', default: '20' },
      top: { type: 'string', default: '30' },
    },
  });
  const page = values.page!;
  if (!['overview', 'caseload', 'note', 'baseline'].includes(page)) {
    throw new Error(`--page must be overview, caseload, note or baseline, not "${page}"`);
  }
  const seconds = Number(values.seconds);
  const adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
  const given = values.url ? new URL(values.url) : undefined;
  const prepared = await prepareServerDatabase({
    adminUrl: given ? new URL('/postgres', given).toString() : adminUrl,
    name: given ? given.pathname.slice(1) : 'bench_profile',
    cases: 1000,
    seed: 1,
    populator: choosePopulator('auto'),
    drop: false,
    existing: given !== undefined,
    reuseIfPopulated: true,
  });
  const dir = await mkdtemp(join(tmpdir(), 'childvoice-profile-'));
  const app = await startApp('profiled', prepared.appEnv, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  const session = await BenchSession.signIn(app.baseUrl, prepared.fixture.email, prepared.fixture.password);
  const cookie = session.cookieHeader();
  let next = 0;
  const load = {
    overview: { path: `/cases/${prepared.fixture.overviewCaseId}`, headers: { cookie } },
    caseload: { path: '/caseload', headers: { cookie } },
    baseline: { path: '/bench/baseline/case', headers: { cookie: session.cookieHeader(['childvoice-csrf']) } },
    note: {
      path: `/cases/${prepared.fixture.writeCaseIds[0]}/notes`,
      method: 'POST' as const,
      expectStatus: 303,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      setupRequest: (request: Record<string, unknown>) => ({
        ...request,
        path: `/cases/${prepared.fixture.writeCaseIds[next++ % prepared.fixture.writeCaseIds.length]}/notes`,
        body: new URLSearchParams({
          _csrf: session.csrfToken,
          _formToken: freshFormToken(),
          note: NOTE_TEXT,
        }).toString(),
      }),
    },
  }[page as 'overview'];
  const result = await closedLoad({ baseUrl: app.baseUrl, connections: Number(values.connections), seconds, ...load });
  const memory = app.memory();
  await app.stop();
  const file = (await readdir(dir)).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no profile was written to ${dir}`);
  const summary = summarise(JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile);
  const perRequest = (ms: number) => ((ms / result.requests) * 1000).toFixed(0).padStart(6);
  console.log(
    `${page}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.requests} requests; ` +
      `RSS ${memory?.rssMb.toFixed(0)} MB; app CPU ${(summary.total / 1000).toFixed(1)} s = ${perRequest(summary.total).trim()} µs a request`,
  );
  console.log('\nself time by package (µs a request, share):');
  for (const [name, ms] of summary.buckets.slice(0, 25)) {
    console.log(`${perRequest(ms)}  ${((ms / summary.total) * 100).toFixed(1).padStart(5)}%  ${name}`);
  }
  console.log('\nself time by function:');
  for (const [name, ms] of summary.functions.slice(0, Number(values.top))) {
    console.log(`${perRequest(ms)}  ${((ms / summary.total) * 100).toFixed(1).padStart(5)}%  ${name}`);
  }
  console.log(`\nProfile: ${join(dir, file)}`);
}

main()
  .then(() => cleanupAll())
  .then(() => process.exit(0))
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    await cleanupAll();
    process.exit(1);
  });
