import { Agent, type ClientRequest, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { seededRandom } from '../src/demo/demo-data.ts';
import { onCleanup } from './cleanup.ts';
import { quantileSorted, sleep } from './stats.ts';

/**
 * An open-loop load: requests arrive at random times, independently of answers (as from
 * many people each clicking now and then), `rate` a second on average for `seconds`.
 * Latency runs from each request's planned arrival, so a server that falls behind shows
 * its queueing in the figures instead of silently slowing the load down.
 *
 * (autocannon's overallRate is not used here: it sends each connection's share of a
 * second back to back at the top of the second, a burst of closed-loop requests rather
 * than a paced arrival rate.)
 */
export interface PacedRequest {
  kind: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** The status that counts as success. */
  expect: number;
}

export interface KindStats {
  count: number;
  p50: number;
  p99: number;
  errors: number;
}

export interface PacedResult {
  offered: number;
  completed: number;
  /** Successful answers per second, over the time until the last answer. */
  achievedRate: number;
  p50: number;
  p99: number;
  /** Unexpected statuses, connection errors and timeouts. */
  errors: number;
  byKind: Record<string, KindStats>;
  statusCodes: Record<string, number>;
  firstErrors: string[];
}

interface Sample {
  kind: string;
  ms: number;
  ok: boolean;
}

export async function pacedLoad(options: {
  baseUrl: string;
  rate: number;
  seconds: number;
  seed: number;
  timeoutMs?: number;
  next: (i: number) => PacedRequest;
}): Promise<PacedResult> {
  const url = new URL(options.baseUrl);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  // N arrivals at uniformly random instants of the window: a Poisson process given N.
  const random = seededRandom(options.seed);
  const total = Math.round(options.rate * options.seconds);
  const arrivals = Array.from({ length: total }, () => random.next() * options.seconds * 1000).sort((a, b) => a - b);
  const samples: Sample[] = [];
  const statusCodes: Record<string, number> = {};
  const firstErrors: string[] = [];
  const inFlight = new Set<Promise<void>>();
  // Every request ends by its planned time plus the timeout, waiting for a socket or not:
  // the whole load is over by the end of the window plus the timeout.
  const open = new Map<ClientRequest, number>();
  const sweeper = setInterval(() => {
    const now = performance.now();
    for (const [req, plannedAt] of open) if (now - plannedAt > timeoutMs) req.destroy(new Error('timeout'));
  }, 100);
  let stopped = false;
  const unregister = onCleanup('stop the paced load', () => {
    stopped = true;
    clearInterval(sweeper);
    for (const req of open.keys()) req.destroy(new Error('stopped'));
    agent.destroy();
  });
  let lastAnswer = 0;

  const fire = (spec: PacedRequest, plannedAt: number): Promise<void> =>
    new Promise<void>((resolve) => {
      let finished = false;
      const finish = (status: string, ok: boolean) => {
        if (finished) return;
        finished = true;
        open.delete(req);
        const now = performance.now();
        lastAnswer = Math.max(lastAnswer, now);
        statusCodes[status] = (statusCodes[status] ?? 0) + 1;
        samples.push({ kind: spec.kind, ms: now - plannedAt, ok });
        if (!ok && firstErrors.length < 5) firstErrors.push(`${spec.method} ${spec.path}: ${status}`);
        resolve();
      };
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: spec.method,
          path: spec.path,
          headers: spec.body
            ? { ...spec.headers, 'content-length': String(Buffer.byteLength(spec.body)) }
            : spec.headers,
        },
        (res) => {
          res.on('data', () => undefined);
          res.on('end', () => finish(String(res.statusCode), res.statusCode === spec.expect));
          res.on('error', (error) => finish(error.message, false));
        },
      );
      open.set(req, plannedAt);
      req.on('error', (error) => finish(error.message === 'timeout' ? 'timeout' : 'connection-error', false));
      req.end(spec.body);
    });

  const started = performance.now();
  for (let i = 0; i < arrivals.length && !stopped; i += 1) {
    const plannedAt = started + arrivals[i]!;
    const wait = plannedAt - performance.now();
    if (wait > 1) await sleep(wait);
    const p = fire(options.next(i), plannedAt);
    inFlight.add(p);
    void p.then(() => inFlight.delete(p));
  }
  await Promise.all(inFlight);
  clearInterval(sweeper);
  unregister();
  agent.destroy();

  const elapsed = Math.max(options.seconds * 1000, lastAnswer - started) / 1000;
  const percentiles = (list: Sample[]) => {
    const sorted = list.map((s) => s.ms).sort((a, b) => a - b);
    return { p50: quantileSorted(sorted, 0.5), p99: quantileSorted(sorted, 0.99) };
  };
  const byKind: Record<string, KindStats> = {};
  for (const kind of new Set(samples.map((s) => s.kind))) {
    const list = samples.filter((s) => s.kind === kind);
    byKind[kind] = { count: list.length, ...percentiles(list), errors: list.filter((s) => !s.ok).length };
  }
  const ok = samples.filter((s) => s.ok).length;
  return {
    offered: arrivals.length,
    completed: samples.length,
    achievedRate: ok / elapsed,
    ...percentiles(samples),
    errors: samples.length - ok + (arrivals.length - samples.length),
    byKind,
    statusCodes,
    firstErrors,
  };
}
