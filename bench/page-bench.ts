import type { AppProcess } from './app-process.ts';
import { closedLoad, type LoadResult } from './closed-load.ts';
import { median, round } from './stats.ts';

/** A page measured by closed-loop load. */
export interface PageTarget {
  name: string;
  app: AppProcess;
  path: string;
  headers: Record<string, string>;
}

export interface PageStats {
  name: string;
  path: string;
  runs: LoadResult[];
  /** Medians over the runs. */
  rps: number;
  p50: number;
  p99: number;
  bytesPerResponse: number;
  unexpected: number;
}

export interface PageBenchOptions {
  reps: number;
  seconds: number;
  warmupSeconds: number;
  connections: number;
}

function line(name: string, r: LoadResult): string {
  const bad = r.unexpected > 0 ? `  UNEXPECTED ${r.unexpected} ${JSON.stringify(r.statusCodes)}` : '';
  return `${name.padEnd(22)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(5)} ms${bad}`;
}

/**
 * Measure the targets in turn, `reps` rounds of all of them (A, B, C, D, A, B, …), so that
 * the machine's drifts fall on every target alike; report medians of the rounds.
 */
export async function interleavedPages(
  targets: PageTarget[],
  options: PageBenchOptions,
): Promise<Map<string, PageStats>> {
  const runs = new Map<string, LoadResult[]>(targets.map((t) => [t.name, []]));
  if (options.warmupSeconds > 0) {
    for (const t of targets) {
      await closedLoad({
        baseUrl: t.app.baseUrl,
        path: t.path,
        headers: t.headers,
        connections: options.connections,
        seconds: options.warmupSeconds,
      });
    }
  }
  for (let rep = 1; rep <= options.reps; rep += 1) {
    for (const t of targets) {
      const result = await closedLoad({
        baseUrl: t.app.baseUrl,
        path: t.path,
        headers: t.headers,
        connections: options.connections,
        seconds: options.seconds,
      });
      runs.get(t.name)!.push(result);
      console.log(`  [${rep}/${options.reps}] ${line(t.name, result)}`);
    }
  }
  return new Map(
    targets.map((t) => {
      const r = runs.get(t.name)!;
      return [
        t.name,
        {
          name: t.name,
          path: t.path,
          runs: r,
          rps: round(median(r.map((x) => x.rps))),
          p50: median(r.map((x) => x.p50)),
          p99: median(r.map((x) => x.p99)),
          bytesPerResponse: Math.round(median(r.map((x) => x.bytesPerResponse))),
          unexpected: r.reduce((a, x) => a + x.unexpected, 0),
        },
      ];
    }),
  );
}
