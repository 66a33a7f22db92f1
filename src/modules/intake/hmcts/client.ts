/**
 * The port to the HMCTS PRL Cafcass API (API.md §3.1) and its HTTP adapter. Tests point
 * the adapter at a real local HTTP server standing in for HMCTS; nothing of ours is mocked.
 */

export type HmctsErrorKind = 'bad-json' | 'client-error' | 'server-error' | 'timeout' | 'network';

/** A failed call, classified so the poller can say what went wrong (never with a payload value). */
export class HmctsClientError extends Error {
  readonly kind: HmctsErrorKind;
  readonly status: number | null;
  /** The body as received, when there was one (a bad-JSON body is stored raw as rejected). */
  readonly body: string | null;
  constructor(kind: HmctsErrorKind, message: string, options: { status?: number | null; body?: string | null } = {}) {
    super(message);
    this.name = 'HmctsClientError';
    this.kind = kind;
    this.status = options.status ?? null;
    this.body = options.body ?? null;
  }
}

export interface SearchResult {
  /** The body exactly as received. */
  body: string;
  value: unknown;
}

export interface HmctsPrlClient {
  /** `GET /cases/searchCases` for one window (at most 15 minutes, UTC, no zone in the query). */
  searchCases(start: Date, end: Date): Promise<SearchResult>;
  /** `GET /cases/documents/{id}/binary`. */
  fetchDocument(documentId: string): Promise<{ bytes: Uint8Array; contentType: string }>;
}

/** The IDAM bearer and the S2S token, asked for on every call so they can be refreshed. */
export type HmctsTokens = () => Promise<{ authorization: string; serviceAuthorization: string }>;

export const MAX_WINDOW_MS = 15 * 60 * 1000;

/** A LocalDateTime as HMCTS parses it: UTC, seconds, no zone (e.g. 2025-01-01T12:00:00). */
export function localDateTime(instant: Date): string {
  return instant.toISOString().slice(0, 19);
}

export function httpHmctsPrlClient(options: {
  baseUrl: string;
  tokens: HmctsTokens;
  timeoutMs?: number;
  fetch?: typeof fetch;
}): HmctsPrlClient {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const doFetch = options.fetch ?? fetch;
  const base = options.baseUrl.replace(/\/+$/, '');

  const call = async (path: string): Promise<Response> => {
    const tokens = await options.tokens();
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        headers: {
          Authorization: tokens.authorization,
          ServiceAuthorization: tokens.serviceAuthorization,
          Accept: 'application/json, */*',
        },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const name = (error as Error)?.name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new HmctsClientError('timeout', `No answer from HMCTS within ${timeoutMs} ms`);
      }
      throw new HmctsClientError('network', `Could not reach HMCTS: ${(error as Error)?.message ?? 'error'}`);
    }
    if (!response.ok) {
      const body = await readText(response, timeoutMs);
      const kind = response.status >= 500 ? 'server-error' : 'client-error';
      throw new HmctsClientError(kind, `HMCTS answered ${response.status}`, { status: response.status, body });
    }
    return response;
  };

  return {
    async searchCases(start, end) {
      if (!(end.getTime() > start.getTime()) || end.getTime() - start.getTime() > MAX_WINDOW_MS) {
        throw new RangeError('A search window must be longer than zero and at most 15 minutes');
      }
      const query = new URLSearchParams({ start_date: localDateTime(start), end_date: localDateTime(end) });
      const response = await call(`/cases/searchCases?${query}`);
      const body = await readText(response, timeoutMs);
      try {
        return { body, value: JSON.parse(body) };
      } catch {
        throw new HmctsClientError('bad-json', 'HMCTS answered with a body that is not JSON', {
          status: response.status,
          body,
        });
      }
    },
    async fetchDocument(documentId) {
      const response = await call(`/cases/documents/${encodeURIComponent(documentId)}/binary`);
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await response.arrayBuffer());
      } catch (error) {
        const name = (error as Error)?.name;
        if (name === 'TimeoutError' || name === 'AbortError') {
          throw new HmctsClientError('timeout', `The document did not arrive within ${timeoutMs} ms`);
        }
        throw new HmctsClientError('network', 'The document download was cut off');
      }
      return { bytes, contentType: response.headers.get('content-type') ?? 'application/octet-stream' };
    },
  };
}

async function readText(response: Response, timeoutMs: number): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    const name = (error as Error)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new HmctsClientError('timeout', `The answer did not arrive within ${timeoutMs} ms`);
    }
    throw new HmctsClientError('network', 'The answer was cut off');
  }
}

/** Fixed tokens from the configuration (an operator rotates them). */
export function staticTokens(authorization: string, serviceAuthorization: string): HmctsTokens {
  const bearer = /^bearer /i.test(authorization) ? authorization : `Bearer ${authorization}`;
  return async () => ({ authorization: bearer, serviceAuthorization });
}
