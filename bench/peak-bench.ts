import type { AppProcess } from './app-process.ts';
import type { BenchFixture } from './fixture.ts';
import { type BenchSession, olderTimelinePath } from './http-session.ts';
import { type PacedRequest, type PacedResult, pacedLoad } from './paced-load.ts';
import { freshFormToken, NOTE_TEXT } from './write-bench.ts';

/**
 * The national peak: 1,700 staff each making a request every 5 s (340 a second), over
 * the pages staff use most, in this mix (a cycle of ten requests):
 * 4 case overviews, 3 caseloads, 2 older-timeline pages and 1 note posted.
 */
const CYCLE = [
  'overview',
  'caseload',
  'timeline',
  'overview',
  'caseload',
  'overview',
  'timeline',
  'caseload',
  'overview',
  'note',
] as const;

export async function nationalPeak(
  app: AppProcess,
  session: BenchSession,
  fixture: BenchFixture,
  options: { rate: number; seconds: number; seed: number },
): Promise<PacedResult & { mix: Record<string, number> }> {
  const caseIds = [fixture.overviewCaseId, ...fixture.writeCaseIds];
  const timelinePaths: string[] = [];
  for (const caseId of caseIds) {
    const page = await session.page(`/cases/${caseId}`);
    timelinePaths.push(olderTimelinePath(page.body, caseId) ?? `/cases/${caseId}`);
  }
  const cookie = session.cookieHeader();
  const get = { cookie };
  const post = { cookie, 'content-type': 'application/x-www-form-urlencoded' };
  const next = (i: number): PacedRequest => {
    const kind = CYCLE[i % CYCLE.length]!;
    const n = Math.floor(i / CYCLE.length);
    switch (kind) {
      case 'overview':
        return { kind, method: 'GET', path: `/cases/${caseIds[i % caseIds.length]}`, headers: get, expect: 200 };
      case 'caseload':
        return { kind, method: 'GET', path: '/caseload', headers: get, expect: 200 };
      case 'timeline':
        return { kind, method: 'GET', path: timelinePaths[i % timelinePaths.length]!, headers: get, expect: 200 };
      case 'note': {
        const caseId = fixture.writeCaseIds[n % fixture.writeCaseIds.length];
        return {
          kind,
          method: 'POST',
          path: `/cases/${caseId}/notes`,
          headers: post,
          body: new URLSearchParams({
            _csrf: session.csrfToken,
            _formToken: freshFormToken(),
            note: NOTE_TEXT,
          }).toString(),
          expect: 303,
        };
      }
    }
  };
  const mix: Record<string, number> = {};
  for (const kind of CYCLE) mix[kind] = (mix[kind] ?? 0) + 1 / CYCLE.length;
  const result = await pacedLoad({
    baseUrl: app.baseUrl,
    rate: options.rate,
    seconds: options.seconds,
    seed: options.seed,
    next,
  });
  return { ...result, mix };
}
