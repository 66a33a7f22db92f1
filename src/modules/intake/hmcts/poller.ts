import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/database.ts';
import { hmctsFeedState } from '../schema.ts';
import { HmctsClientError, type HmctsPrlClient, MAX_WINDOW_MS } from './client.ts';
import { fetchPendingDocuments } from './documents.ts';
import { matchImportedPeople } from './previous-proceedings.ts';
import {
  emptySummary,
  type ImportSummary,
  importSearchResponse,
  loadCourtDirectory,
  recordRejected,
} from './upsert.ts';

export const FEED = 'prl';

export interface PollDeps {
  db: Db;
  client: HmctsPrlClient;
  now: () => Date;
  /** Window length, at most 15 minutes (the API refuses longer). */
  windowMs?: number;
  /** How far each window reaches back before the mark (a late commit at HMCTS is still caught). */
  overlapMs?: number;
  /** Where a feed never polled before starts. */
  initialLookbackMs?: number;
  /** At most this many windows per run (a long outage catches up over several runs). */
  maxWindows?: number;
}

export interface PollResult {
  windows: { start: string; end: string; ok: boolean }[];
  highWaterMark: string;
  summary: ImportSummary;
  error: string | null;
}

/** One window: from the mark less the overlap, at most `windowMs` long, never past now. */
export function nextWindow(
  highWaterMark: Date,
  now: Date,
  windowMs: number,
  overlapMs: number,
): { start: Date; end: Date } | null {
  if (highWaterMark.getTime() >= now.getTime()) return null;
  const start = new Date(highWaterMark.getTime() - overlapMs);
  const end = new Date(Math.min(start.getTime() + windowMs, now.getTime()));
  return end.getTime() > highWaterMark.getTime() ? { start, end } : null;
}

/**
 * Catch up from the high-water mark to now in successive windows. The mark moves only
 * after a window's cases are all stored (imported or stored as rejected); a failed window
 * stops the run, records the error and is tried again next run.
 */
export async function pollOnce(deps: PollDeps): Promise<PollResult> {
  const windowMs = Math.min(deps.windowMs ?? MAX_WINDOW_MS, MAX_WINDOW_MS);
  const overlapMs = Math.min(deps.overlapMs ?? 2 * 60 * 1000, windowMs - 1000);
  const maxWindows = deps.maxWindows ?? 96;
  const startedAt = deps.now();
  const initial = new Date(startedAt.getTime() - (deps.initialLookbackMs ?? 60 * 60 * 1000)).toISOString();
  await deps.db.insert(hmctsFeedState).values({ feed: FEED, highWaterMark: initial }).onConflictDoNothing();
  await deps.db.update(hmctsFeedState).set({ lastPollStartedAt: startedAt }).where(eq(hmctsFeedState.feed, FEED));
  const [state] = await deps.db.select().from(hmctsFeedState).where(eq(hmctsFeedState.feed, FEED));
  let mark = new Date(state!.highWaterMark);
  const result: PollResult = { windows: [], highWaterMark: mark.toISOString(), summary: emptySummary(), error: null };
  const courts = await loadCourtDirectory(deps.db);

  for (let i = 0; i < maxWindows; i += 1) {
    const window = nextWindow(mark, deps.now(), windowMs, overlapMs);
    if (!window) break;
    const label = { start: window.start.toISOString(), end: window.end.toISOString() };
    try {
      const found = await deps.client.searchCases(window.start, window.end);
      const summary = await importSearchResponse(deps.db, {
        body: found.body,
        source: 'poll',
        now: deps.now(),
        courts,
      });
      await matchImportedPeople(deps.db, summary, deps.now());
      merge(result.summary, summary);
    } catch (error) {
      const message = describeFailure(error);
      if (error instanceof HmctsClientError && error.kind === 'bad-json' && error.body !== null) {
        // Kept raw for whoever investigates; the window is not done and is asked for again.
        await recordRejected(deps.db, {
          raw: error.body,
          ccdId: null,
          reason: message,
          source: 'poll',
          now: deps.now(),
        });
        result.summary.rejected += 1;
      }
      result.windows.push({ ...label, ok: false });
      result.error = message;
      await deps.db
        .update(hmctsFeedState)
        .set({
          lastError: `${message} (window ${label.start} to ${label.end})`,
          consecutiveFailures: sql`${hmctsFeedState.consecutiveFailures} + 1`,
          lastPollFinishedAt: deps.now(),
        })
        .where(eq(hmctsFeedState.feed, FEED));
      return result;
    }
    mark = window.end;
    await deps.db
      .update(hmctsFeedState)
      .set({ highWaterMark: mark.toISOString(), lastError: null, consecutiveFailures: 0 })
      .where(eq(hmctsFeedState.feed, FEED));
    result.windows.push({ ...label, ok: true });
    result.highWaterMark = mark.toISOString();
  }
  await deps.db.update(hmctsFeedState).set({ lastPollFinishedAt: deps.now() }).where(eq(hmctsFeedState.feed, FEED));
  return result;
}

function merge(into: ImportSummary, from: ImportSummary) {
  into.cases.created += from.cases.created;
  into.cases.updated += from.cases.updated;
  into.cases.unchanged += from.cases.unchanged;
  into.rejected += from.rejected;
  into.children += from.children;
  into.parties += from.parties;
  into.documents += from.documents;
  into.warnings.push(...from.warnings);
}

function describeFailure(error: unknown): string {
  if (error instanceof HmctsClientError) {
    switch (error.kind) {
      case 'bad-json':
        return 'HMCTS answered with a body that is not JSON';
      case 'client-error':
        return `HMCTS refused the request (${error.status})`;
      case 'server-error':
        return `HMCTS failed (${error.status})`;
      case 'timeout':
        return error.message;
      case 'network':
        return error.message;
    }
  }
  return `Import failed: ${(error as Error)?.message?.slice(0, 300) ?? 'error'}`;
}

/**
 * Poll on a timer (from main, only when HMCTS is configured), then fetch pending documents.
 * One run at a time; a run that throws is logged and the next tick tries again.
 */
export function startPolling(
  deps: PollDeps & { intervalMs: number; documentsPerRun?: number; log: (message: string, detail?: unknown) => void },
): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const r = await pollOnce(deps);
      if (r.error) deps.log('HMCTS poll failed', { error: r.error });
      // Then the documents listed so far (bytes fetched by id, with back-off).
      await fetchPendingDocuments({ db: deps.db, client: deps.client, now: deps.now }, deps.documentsPerRun ?? 50);
    } catch (error) {
      deps.log('HMCTS poll failed', { error: (error as Error)?.message });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), deps.intervalMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
