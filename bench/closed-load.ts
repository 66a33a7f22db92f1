import autocannon from 'autocannon';
import { onCleanup } from './cleanup.ts';

/** One closed-loop autocannon run: `connections` clients, each sending as soon as it has its answer. */
export interface LoadResult {
  /** Completed requests per second (every status). */
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  seconds: number;
  /** Responses other than the expected status, connection errors and timeouts. */
  unexpected: number;
  statusCodes: Record<string, number>;
  bytesPerResponse: number;
}

export interface LoadOptions {
  baseUrl: string;
  path: string;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
  method?: 'GET' | 'POST';
  /** Each request's body and path (for posts that need a fresh value each time). */
  setupRequest?: (request: autocannon.Request) => autocannon.Request;
  onResponse?: (status: number, headers: Record<string, unknown>) => void;
  expectStatus?: number;
}

export async function closedLoad(options: LoadOptions): Promise<LoadResult> {
  const expected = options.expectStatus ?? 200;
  let instance: autocannon.Instance | undefined;
  const unregister = onCleanup('stop autocannon', () => instance?.stop());
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: new URL(options.path, options.baseUrl).toString(),
        connections: options.connections,
        duration: options.seconds,
        timeout: 30,
        method: options.method ?? 'GET',
        headers: options.headers,
        ...(options.setupRequest || options.onResponse
          ? {
              requests: [
                {
                  method: options.method ?? 'GET',
                  path: options.path,
                  setupRequest: options.setupRequest,
                  onResponse: options.onResponse
                    ? (status: number, _body: string, _context: object, headers: unknown) =>
                        options.onResponse!(status, (headers ?? {}) as Record<string, unknown>)
                    : undefined,
                },
              ],
            }
          : {}),
      },
      (error, r) => (error ? reject(error) : resolve(r)),
    );
  });
  unregister();
  const statusCodes: Record<string, number> = {};
  let expectedCount = 0;
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
    const n = (stat as { count: number }).count;
    statusCodes[code] = n;
    if (Number(code) === expected) expectedCount += n;
  }
  const completed = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  return {
    rps: completed / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: completed,
    seconds: result.duration,
    unexpected: completed - expectedCount + result.errors,
    statusCodes,
    bytesPerResponse: completed > 0 ? result.throughput.total / completed : 0,
  };
}
