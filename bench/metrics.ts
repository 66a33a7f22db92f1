import type { DbKind } from './cli-options.ts';
import type { MachineInfo, Versions } from './environment-info.ts';
import type { PacedResult } from './paced-load.ts';
import type { PageStats } from './page-bench.ts';
import { median, ratio, round } from './stats.ts';
import type { ServiceWriteResult, WriteResult } from './write-bench.ts';

/** One reported figure, in the shape bench/results/*.json keeps. */
export interface Metric {
  value: number | null;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  /** The issue's target for this figure, in words, and whether this run met it. */
  target?: string;
  met?: boolean | null;
  [detail: string]: unknown;
}

export interface BenchReport {
  machine: MachineInfo;
  versions: Versions;
  run: Record<string, unknown>;
  metrics: Record<string, Metric>;
}

export interface RunData {
  mode: 'quick' | 'full';
  db: DbKind;
  pages: Map<string, PageStats>;
  httpWrites: WriteResult[];
  serviceWrites: ServiceWriteResult[];
  pgbenchTps: number[];
  /** The app's memory at the end of its load (after the writes), after the pages and after the writes. */
  memory: { rssMb: number; peakRssMb: number } | null;
  memoryAfterPages: { rssMb: number; peakRssMb: number } | null;
  memoryAfterWrites: { rssMb: number; peakRssMb: number } | null;
  peak: (PacedResult & { mix: Record<string, number> }) | null;
  peakRate: number;
  /** App processes that served the peak. */
  peakProcesses: number;
  /** Why the cost curve was not measured, when it was not. */
  scaleSkipped?: string;
}

const met = (value: number | null, test: (v: number) => boolean): boolean | null =>
  value === null || !Number.isFinite(value) ? null : test(value);

function pageMetrics(name: string, page?: PageStats, base?: PageStats, db?: DbKind): Record<string, Metric> {
  if (!page || !base) return {};
  const throughput = ratio(page.rps, base.rps);
  const minimum = db === 'server' ? 0.5 : 0.4;
  const p99Ratio = ratio(page.p99, base.p99);
  return {
    [name]: {
      value: page.rps,
      unit: 'req/s',
      baseline: base.rps,
      ratio: throughput,
      target: `ratio ≥ ${minimum} (${db === 'server' ? 'PostgreSQL server' : 'PGlite'})`,
      met: met(throughput, (r) => r >= minimum),
      p50_ms: page.p50,
      p99_ms: page.p99,
      baseline_p50_ms: base.p50,
      baseline_p99_ms: base.p99,
      bytes: page.bytesPerResponse,
      baseline_bytes: base.bytesPerResponse,
      runs_rps: page.runs.map((r) => round(r.rps)),
      baseline_runs_rps: base.runs.map((r) => round(r.rps)),
      unexpected_responses: page.unexpected + base.unexpected,
    },
    [`${name}_p99`]: {
      value: page.p99,
      unit: 'ms',
      baseline: base.p99,
      ratio: p99Ratio,
      target: 'ratio ≤ 2',
      met: met(p99Ratio, (r) => r <= 2),
    },
  };
}

function scaleMetrics(data: RunData): Record<string, Metric> {
  const pairs = [
    ['case_overview', data.pages.get('case_overview'), data.pages.get('case_overview_large')],
    ['caseload', data.pages.get('caseload'), data.pages.get('caseload_large')],
  ] as const;
  const metrics: Record<string, Metric> = {};
  let worst: Metric | null = null;
  for (const [name, small, large] of pairs) {
    if (!small || !large) continue;
    const r = ratio(large.p50, small.p50);
    const m: Metric = {
      value: large.p50,
      unit: 'ms',
      baseline: small.p50,
      ratio: r,
      target: 'ratio ≤ 1.2',
      met: met(r, (v) => v <= 1.2),
      page: name,
      large_rps: large.rps,
      small_rps: small.rps,
      large_p99_ms: large.p99,
      small_p99_ms: small.p99,
    };
    metrics[`scale_p50_${name}`] = m;
    if (!worst || (r ?? 0) > (worst.ratio ?? 0)) worst = m;
  }
  metrics.scale_p50 = worst
    ? { ...worst, note: `the worse of the two pages (${String(worst.page)})` }
    : {
        value: null,
        unit: 'ms',
        baseline: null,
        ratio: null,
        target: 'ratio ≤ 1.2',
        met: null,
        note: data.scaleSkipped ?? 'not measured',
      };
  return metrics;
}

export function buildMetrics(data: RunData): Record<string, Metric> {
  const metrics: Record<string, Metric> = {
    ...pageMetrics('case_overview', data.pages.get('case_overview'), data.pages.get('baseline_case'), data.db),
    ...pageMetrics('caseload', data.pages.get('caseload'), data.pages.get('baseline_caseload'), data.db),
  };
  const pgbench = data.pgbenchTps.length > 0 ? round(median(data.pgbenchTps)) : null;
  const http = round(median(data.httpWrites.map((w) => w.writesPerSecond)));
  const writeRatio = ratio(http, pgbench);
  metrics.case_write = {
    value: http,
    unit: 'writes/s',
    baseline: pgbench,
    ratio: writeRatio,
    target: pgbench === null ? 'ratio ≥ 0.3 of pgbench (server only)' : 'ratio ≥ 0.3 of pgbench',
    met: pgbench === null ? null : met(writeRatio, (r) => r >= 0.3),
    path: 'HTTP POST /cases/:id/notes (session, CSRF, authorisation, validation, transaction, audit)',
    p50_ms: median(data.httpWrites.map((w) => w.p50)),
    p99_ms: median(data.httpWrites.map((w) => w.p99)),
    runs: data.httpWrites.map((w) => round(w.writesPerSecond)),
    pgbench_runs: data.pgbenchTps.map((t) => round(t)),
    unexpected_responses: data.httpWrites.reduce((a, w) => a + w.unexpected, 0),
  };
  if (data.serviceWrites.length > 0) {
    const service = round(median(data.serviceWrites.map((w) => w.writesPerSecond)));
    metrics.case_write_service = {
      value: service,
      unit: 'writes/s',
      baseline: pgbench,
      ratio: ratio(service, pgbench),
      path: 'addCaseNote in-process, 20 concurrent, pool of 10 (no HTTP)',
      p50_ms: round(median(data.serviceWrites.map((w) => w.p50))),
      p99_ms: round(median(data.serviceWrites.map((w) => w.p99))),
      runs: data.serviceWrites.map((w) => round(w.writesPerSecond)),
      errors: data.serviceWrites.reduce((a, w) => a + w.errors, 0),
    };
  }
  Object.assign(metrics, scaleMetrics(data));
  const rss = data.memory ? round(data.memory.rssMb) : null;
  metrics.rss_mb = {
    value: rss,
    unit: 'MB',
    baseline: null,
    ratio: null,
    target: '≤ 300',
    met: met(rss, (v) => v <= 300),
    peak_mb: data.memory ? round(data.memory.peakRssMb) : null,
    after_pages_mb: data.memoryAfterPages ? round(data.memoryAfterPages.rssMb) : null,
    after_writes_mb: data.memoryAfterWrites ? round(data.memoryAfterWrites.rssMb) : null,
    note: 'VmRSS of the app process at the end of its load (pages, then writes); peak_mb is VmHWM. The national peak runs on processes of its own',
  };
  if (data.peak) {
    const p = data.peak;
    const achieved = round(p.achievedRate);
    const holds = achieved >= data.peakRate * 0.98 && p.p99 < 200 && p.errors === 0;
    metrics.peak = {
      value: achieved,
      unit: 'req/s',
      baseline: data.peakRate,
      ratio: ratio(achieved, data.peakRate),
      target: `holds ${data.peakRate} req/s (≥ 98%) with p99 < 200 ms and no errors`,
      met: holds,
      processes: data.peakProcesses,
      p50_ms: round(p.p50),
      p99_ms: round(p.p99),
      errors: p.errors,
      offered: p.offered,
      completed: p.completed,
      mix: p.mix,
      by_kind: Object.fromEntries(
        Object.entries(p.byKind).map(([k, v]) => [k, { ...v, p50: round(v.p50), p99: round(v.p99) }]),
      ),
      status_codes: p.statusCodes,
      first_errors: p.firstErrors,
    };
    metrics.peak_p99 = {
      value: round(p.p99),
      unit: 'ms',
      baseline: null,
      ratio: null,
      target: '< 200',
      met: p.p99 < 200,
    };
    metrics.peak_errors = {
      value: p.errors,
      unit: 'count',
      baseline: null,
      ratio: null,
      target: '0',
      met: p.errors === 0,
    };
  }
  return metrics;
}
