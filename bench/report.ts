import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { BenchReport, Metric } from './metrics.ts';

const RESULTS_DIR = new URL('./results/', import.meta.url);
const RESULTS_MD = new URL('./RESULTS.md', import.meta.url);

function show(value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 2 : 1);
  return String(value);
}

export function printReport(report: BenchReport): void {
  const rows: string[][] = [['metric', 'value', 'unit', 'baseline', 'ratio', 'target', 'met']];
  for (const [name, m] of Object.entries(report.metrics)) {
    rows.push([
      name,
      show(m.value),
      m.unit,
      show(m.baseline),
      show(m.ratio),
      m.target ?? '',
      m.met === true ? 'yes' : m.met === false ? 'NO' : '–',
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const format = (r: string[]) =>
    r.map((cell, i) => (i === 0 || i >= 5 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  console.log(`\n${format(rows[0]!)}`);
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows.slice(1)) console.log(format(r));
  const m = report.metrics;
  const detail = (name: string, keys: string[]) => {
    const metric = m[name];
    if (!metric) return;
    console.log(`  ${name}: ${keys.map((k) => `${k} ${show(metric[k])}`).join(', ')}`);
  };
  console.log('');
  detail('case_overview', ['p50_ms', 'p99_ms', 'baseline_p50_ms', 'baseline_p99_ms', 'bytes', 'baseline_bytes']);
  detail('caseload', ['p50_ms', 'p99_ms', 'baseline_p50_ms', 'baseline_p99_ms', 'bytes', 'baseline_bytes']);
  detail('case_write', ['p50_ms', 'p99_ms', 'unexpected_responses']);
  detail('case_write_service', ['p50_ms', 'p99_ms', 'errors']);
  detail('peak', ['processes', 'p50_ms', 'p99_ms', 'errors', 'offered', 'completed']);
  const byKind = m.peak?.by_kind as
    | Record<string, { count: number; p50: number; p99: number; errors: number }>
    | undefined;
  for (const [kind, s] of Object.entries(byKind ?? {})) {
    console.log(`    peak ${kind.padEnd(9)} n=${s.count} p50 ${s.p50} ms p99 ${s.p99} ms errors ${s.errors}`);
  }
  detail('rss_mb', ['after_pages_mb', 'after_writes_mb', 'peak_mb']);
}

/** bench/results/<timestamp>.json and bench/results/latest.json. */
/** A standalone bench script's result, as bench/results/<name>-<timestamp>.json; returns the file name. */
export async function writeScriptResult(name: string, startedAt: Date, result: unknown): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const fileName = `${name}-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`;
  await writeFile(new URL(fileName, RESULTS_DIR), `${JSON.stringify(result, null, 2)}\n`);
  return fileName;
}

export async function writeResults(report: BenchReport, startedAt: Date): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const text = `${JSON.stringify(report, null, 2)}\n`;
  const file = new URL(`${stamp}.json`, RESULTS_DIR);
  await writeFile(file, text);
  await writeFile(new URL('latest.json', RESULTS_DIR), text);
  return file.pathname;
}

export const RESULTS_HEADER = `# Benchmark results

Full runs of \`npm run bench\` append a row here (quick runs do not). Each figure is the
median of at least three interleaved runs: these machines vary by ±30% between runs. The
full figures of every run are in \`bench/results/<timestamp>.json\` (\`latest.json\` is the
last run).

| Column | What it measures | Target |
| --- | --- | --- |
| overview, caseload | The case overview page (a case with ~200 timeline events; the page shows the newest 50) and the first caseload page of a practitioner, signed in, by autocannon (20 connections, 127.0.0.1): requests/s as a ratio of the baseline page — the same stack and templates rendering fixed data of the same size with no database (\`/bench/baseline/*\`) | ≥ 0.5 on a PostgreSQL server, ≥ 0.4 on PGlite |
| p99 ×base | The page's p99 latency over the baseline's p99 | ≤ 2 |
| write | Notes added per second over HTTP (validation, transaction, audit) as a ratio of \`pgbench\` single-row-insert TPS on the same server (20 clients) | ≥ 0.3 |
| scale | p50 at the large population (600,000 cases) over p50 at 6,000, the worse of the two pages | ≤ 1.2 |
| RSS | The app process's resident memory at the end of the load | ≤ 300 MB |
| peak | The national peak: 340 requests/s (1,700 staff, a request each every 5 s) of caseloads, case overviews, older-timeline pages and note posts (4:3:2:1), open loop, 60 s: achieved rate, p99, errors | 340/s, p99 < 200 ms, no errors, on one 2-core machine |

| Date | Commit | DB | Cases | overview (req/s, ×base) | caseload (req/s, ×base) | p99 ×base (ov / cl) | write (w/s, ×pgbench) | scale (ov / cl) | RSS MB | peak (req/s, p99 ms, errors) | Machine |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
`;

/** Append a dated row for a full run to bench/RESULTS.md (made with its header if missing). */
export async function appendResultsRow(report: BenchReport, startedAt: Date): Promise<void> {
  if (!existsSync(RESULTS_MD)) await writeFile(RESULTS_MD, RESULTS_HEADER);
  const m = report.metrics;
  const pair = (metric?: Metric) => (metric ? `${show(metric.value)}, ${show(metric.ratio)}` : '–');
  const run = report.run as { db: string; cases: number; large_cases?: number | null };
  const row = [
    startedAt.toISOString().slice(0, 16).replace('T', ' '),
    report.versions.app,
    `${run.db} (${report.versions.database})`,
    `${run.cases}${run.large_cases ? ` / ${run.large_cases}` : ''}`,
    pair(m.case_overview),
    pair(m.caseload),
    `${show(m.case_overview_p99?.ratio)} / ${show(m.caseload_p99?.ratio)}`,
    pair(m.case_write),
    `${show(m.scale_p50_case_overview?.ratio)} / ${show(m.scale_p50_caseload?.ratio)}`,
    show(m.rss_mb?.value),
    m.peak
      ? `${show(m.peak.value)}, ${show(m.peak.p99_ms)}, ${show(m.peak.errors)}${m.peak.processes ? ` (${show(m.peak.processes)} proc.)` : ''}`
      : '–',
    `${report.machine.cores} × ${report.machine.cpu}, ${report.machine.memoryGb} GB`,
  ];
  await writeFile(RESULTS_MD, withRowAfterLastFullRun(await readFile(RESULTS_MD, 'utf8'), `| ${row.join(' | ')} |`));
}

/**
 * The page with a new full-run row placed after the last row of the full-run table (the one
 * whose header starts `| Date | Commit | DB |`), so the sections after it stay whole.
 */
export function withRowAfterLastFullRun(page: string, row: string): string {
  const lines = page.replace(/\n$/, '').split('\n');
  const header = lines.findIndex((l) => l.startsWith('| Date | Commit | DB |'));
  if (header < 0) return `${page.replace(/\n*$/, '\n')}${row}\n`;
  let last = header + 1;
  while (last + 1 < lines.length && lines[last + 1]!.startsWith('|')) last += 1;
  lines.splice(last + 1, 0, row);
  return `${lines.join('\n')}\n`;
}
