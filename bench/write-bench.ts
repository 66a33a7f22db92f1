import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { addCaseNote } from '../src/modules/casework/service.ts';
import type { Database } from '../src/platform/db/database.ts';
import type { AppProcess } from './app-process.ts';
import { closedLoad, type LoadResult } from './closed-load.ts';
import type { BenchFixture } from './fixture.ts';
import type { BenchSession } from './http-session.ts';
import { quantileSorted } from './stats.ts';

export const NOTE_TEXT = 'Telephone call with the applicant to arrange the safeguarding interview. (bench)';

/**
 * A one-time form token. The server never issues these: it records a token the first time
 * a form carrying it is posted (claimFormToken), so a fresh random one is exactly what a
 * fresh GET of the case page would have given, without the cost of that GET.
 */
export function freshFormToken(): string {
  return randomBytes(24).toString('base64url');
}

export interface WriteResult extends LoadResult {
  /** Notes actually added (303 to the case with notice=note-added). */
  created: number;
  writesPerSecond: number;
}

/**
 * Case writes over HTTP: autocannon POSTs the add-note form (CSRF token, fresh form token,
 * note) to the write cases in turn; every post is a real write (validation, transaction
 * with form-token claim, timeline entry, case update and audit row).
 */
export async function httpWrites(
  app: AppProcess,
  session: BenchSession,
  fixture: BenchFixture,
  options: { seconds: number; connections: number },
): Promise<WriteResult> {
  let next = 0;
  let created = 0;
  const result = await closedLoad({
    baseUrl: app.baseUrl,
    path: `/cases/${fixture.writeCaseIds[0]}/notes`,
    method: 'POST',
    connections: options.connections,
    seconds: options.seconds,
    expectStatus: 303,
    headers: { cookie: session.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
    setupRequest: (request) => {
      const caseId = fixture.writeCaseIds[next++ % fixture.writeCaseIds.length];
      return {
        ...request,
        path: `/cases/${caseId}/notes`,
        body: new URLSearchParams({
          _csrf: session.csrfToken,
          _formToken: freshFormToken(),
          note: NOTE_TEXT,
        }).toString(),
      };
    },
    onResponse: (status, headers) => {
      const location = String(headers.location ?? headers.Location ?? '');
      if (status === 303 && location.includes('notice=note-added')) created += 1;
    },
  });
  return { ...result, created, writesPerSecond: created / result.seconds };
}

export interface ServiceWriteResult {
  writesPerSecond: number;
  created: number;
  p50: number;
  p99: number;
  errors: number;
}

/**
 * Case writes through the service alone (addCaseNote: form-token claim, timeline entry,
 * case update, audit row, one transaction), `workers` at a time on the app's pool size,
 * in this process: the write path without HTTP, session and authorisation.
 */
export async function serviceWrites(
  database: Database,
  fixture: BenchFixture,
  options: { seconds: number; workers: number },
): Promise<ServiceWriteResult> {
  const latencies: number[] = [];
  let created = 0;
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const end = started + options.seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const caseId = fixture.writeCaseIds[next++ % fixture.writeCaseIds.length]!;
      const t0 = performance.now();
      try {
        const result = await addCaseNote(database.db, {
          caseId,
          text: NOTE_TEXT,
          formToken: freshFormToken(),
          actor: { userId: fixture.userId, role: 'fca', requestId: randomUUID(), clientIp: '127.0.0.1' },
          now: new Date(),
        });
        if (result.created) created += 1;
        latencies.push(performance.now() - t0);
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.workers }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    writesPerSecond: created / elapsed,
    created,
    p50: quantileSorted(latencies, 0.5),
    p99: quantileSorted(latencies, 0.99),
    errors,
  };
}
