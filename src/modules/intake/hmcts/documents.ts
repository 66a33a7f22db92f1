import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/database.ts';
import { hmctsDocument } from '../schema.ts';
import { HmctsClientError, type HmctsPrlClient } from './client.ts';
import { sha256 } from './map.ts';

export interface DocumentFetchDeps {
  db: Db;
  client: HmctsPrlClient;
  now: () => Date;
  /** Attempts before a document is given up as failed. */
  maxAttempts?: number;
  /** First retry after this long, doubling each time (capped at six hours). */
  baseDelayMs?: number;
  /** How long a claimed document is left to one fetcher before another may take it. */
  leaseMs?: number;
}

export const MAX_DELAY_MS = 6 * 60 * 60 * 1000;

/** Exponential back-off: base, 2×base, 4×base … capped. */
export function retryDelayMs(attempts: number, baseDelayMs: number): number {
  return Math.min(baseDelayMs * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
}

/**
 * Fetch the bytes of documents listed by the feed and due for an attempt. Each document is
 * claimed first (its next attempt pushed past a lease, SKIP LOCKED), so two fetchers never
 * take the same one; then fetched; then stored with its hash and type, or retried later
 * with back-off, or given up as failed after the last attempt.
 */
export async function fetchPendingDocuments(
  deps: DocumentFetchDeps,
  limit: number,
): Promise<{ fetched: number; retried: number; failed: number }> {
  const maxAttempts = deps.maxAttempts ?? 6;
  const baseDelayMs = deps.baseDelayMs ?? 60_000;
  const leaseMs = deps.leaseMs ?? 5 * 60_000;
  const now = deps.now();
  const claimed = (await deps.db.execute(sql`
    UPDATE hmcts_document SET next_attempt_at = ${new Date(now.getTime() + leaseMs)}
    WHERE document_id IN (
      SELECT document_id FROM hmcts_document
      WHERE fetch_status = 'pending' AND removed_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= ${now})
      ORDER BY next_attempt_at NULLS FIRST LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING document_id, attempts`)) as unknown as { rows: { document_id: string; attempts: number }[] };
  const outcome = { fetched: 0, retried: 0, failed: 0 };
  for (const doc of claimed.rows) {
    const attempts = doc.attempts + 1;
    try {
      const { bytes, contentType } = await deps.client.fetchDocument(doc.document_id);
      await deps.db
        .update(hmctsDocument)
        .set({
          fetchStatus: 'fetched',
          attempts,
          content: bytes,
          contentType,
          sha256: sha256(bytes),
          fetchedAt: deps.now(),
          nextAttemptAt: null,
          lastError: null,
        })
        .where(and(eq(hmctsDocument.documentId, doc.document_id), eq(hmctsDocument.fetchStatus, 'pending')));
      outcome.fetched += 1;
    } catch (error) {
      const message =
        error instanceof HmctsClientError
          ? `${error.kind}${error.status ? ` ${error.status}` : ''}: ${error.message}`
          : `error: ${(error as Error)?.message ?? 'unknown'}`;
      // A document HMCTS says does not exist (404) will not appear by waiting: give up at once.
      const gone = error instanceof HmctsClientError && error.status === 404;
      const giveUp = gone || attempts >= maxAttempts;
      await deps.db
        .update(hmctsDocument)
        .set({
          fetchStatus: giveUp ? 'failed' : 'pending',
          attempts,
          lastError: message.slice(0, 500),
          nextAttemptAt: giveUp ? null : new Date(deps.now().getTime() + retryDelayMs(attempts, baseDelayMs)),
        })
        .where(eq(hmctsDocument.documentId, doc.document_id));
      if (giveUp) outcome.failed += 1;
      else outcome.retried += 1;
    }
  }
  return outcome;
}
