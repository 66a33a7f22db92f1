import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The PRL fixtures (test/fixtures/hmcts, API.md §3), as JSON text and parsed. */
export const FIXTURE_DIR = new URL('../fixtures/hmcts/prl/', import.meta.url);
export const SEARCH_RESPONSE_FILE = new URL('cafcass-search-response.json', FIXTURE_DIR);
export const REDACTED_FILE = new URL('cafcass-search-response-redacted-documents.json', FIXTURE_DIR);
export const searchResponseText = () => readFileSync(SEARCH_RESPONSE_FILE, 'utf8');
export const redactedText = () => readFileSync(REDACTED_FILE, 'utf8');
// biome-ignore lint/suspicious/noExplicitAny: test payloads are edited freely
export const searchResponse = (): { total: number; cases: any[] } => JSON.parse(searchResponseText());

export interface StandInReply {
  status?: number;
  body?: string | Uint8Array;
  contentType?: string;
  /** Wait this long before answering (to provoke a timeout). */
  delayMs?: number;
}

/**
 * A real HTTP server on 127.0.0.1 standing in for the HMCTS PRL API. Each test sets what it
 * answers; every request is recorded (path, query, headers).
 */
export class HmctsStandIn {
  readonly requests: { path: string; query: URLSearchParams; headers: IncomingMessage['headers'] }[] = [];
  search: (query: URLSearchParams) => StandInReply = () => ({ body: JSON.stringify({ total: 0, cases: [] }) });
  document: (id: string) => StandInReply = () => ({ status: 404, body: '{"message":"not found"}' });
  private server: Server | null = null;
  baseUrl = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      this.requests.push({ path: url.pathname, query: url.searchParams, headers: req.headers });
      let reply: StandInReply;
      const doc = /^\/cases\/documents\/([^/]+)\/binary$/.exec(url.pathname);
      if (url.pathname === '/cases/searchCases') reply = this.search(url.searchParams);
      else if (doc) reply = this.document(decodeURIComponent(doc[1]!));
      else reply = { status: 404, body: '{}' };
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(reply.status ?? 200, { 'content-type': reply.contentType ?? 'application/json' });
        res.end(reply.body ?? '');
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs).unref();
      else send();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
