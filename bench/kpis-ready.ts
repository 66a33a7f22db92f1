import { sql } from 'drizzle-orm';
import { rebuildKpis, refreshKpis } from '../src/modules/performance/service.ts';
import { createCalendar } from '../src/platform/calendar/index.ts';
import { type Db, queryRows } from '../src/platform/db/database.ts';

export interface KpisReady {
  how: 'rebuild' | 'refresh';
  cases: number;
  facts: number;
  seconds: number;
  /** Cases waiting to be measured before. */
  waiting: number;
}

/**
 * Brings the KPI read model up to date, as a running service keeps it: a rebuild when
 * most cases are waiting (after the generator, which writes with triggers off), else the
 * incremental refresh. Pages measured against a database with a queue of changed cases
 * would share the machine with every app process's refresher working through it.
 */
export async function kpisReady(db: Db, onProgress?: (cases: number) => void): Promise<KpisReady> {
  const [counts] = await queryRows<{ cases: number; waiting: number }>(
    db,
    sql`SELECT (SELECT count(*)::int FROM case_record) AS cases, (SELECT count(*)::int FROM kpi_dirty_case) AS waiting`,
  );
  const { cases, waiting } = counts!;
  const calendar = createCalendar();
  const started = performance.now();
  const how = waiting > cases / 2 ? 'rebuild' : 'refresh';
  const result =
    how === 'rebuild'
      ? await rebuildKpis(db, { calendar, now: new Date(), onProgress })
      : await refreshKpis(db, { calendar, now: new Date() });
  return { how, cases: result.cases, facts: result.facts, seconds: (performance.now() - started) / 1000, waiting };
}
