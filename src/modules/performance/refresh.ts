import { sql } from 'drizzle-orm';
import { londonDate, type WorkingDayCalendar } from '../../platform/calendar/index.ts';
import { type Db, type Executor, queryRows } from '../../platform/db/database.ts';
import { loadCaseBundles } from './bundle-loader.ts';
import { createMeasureContext, type FactRow, measureCase } from './measure.ts';

/**
 * Keeps the performance read model (kpi_fact, kpi_area_day) equal to what the KPI
 * definitions measure from the records. The timeline trigger marks changed cases in
 * kpi_dirty_case; `refreshKpis` re-measures them in batches, one transaction a batch, taking
 * rows with SKIP LOCKED so several processes share the work. `rebuildKpis` makes everything again.
 */

export interface RefreshOptions {
  calendar: WorkingDayCalendar;
  now: Date;
  /** Cases per transaction (default 500). */
  batchSize?: number;
  /** Stop after this many batches (default: until no case is waiting). */
  maxBatches?: number;
}

const FACT_COLUMNS = sql.raw(
  'kpi, unit_id, case_id, day, area_id, team_id, practitioner_id, law, due_on, done_on, value',
);

/** Writes fact rows in statements of at most 5,000 rows, as one JSON parameter each. */
async function insertFacts(tx: Executor, rows: readonly FactRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) {
    const json = JSON.stringify(
      rows.slice(i, i + 5000).map((r) => ({
        kpi: r.kpi,
        unit_id: r.unitId,
        case_id: r.caseId,
        day: r.day,
        area_id: r.areaId,
        team_id: r.teamId,
        practitioner_id: r.practitionerId,
        law: r.law,
        due_on: r.dueOn,
        done_on: r.doneOn,
        value: r.value,
      })),
    );
    await tx.execute(
      sql`INSERT INTO kpi_fact (${FACT_COLUMNS}) SELECT ${FACT_COLUMNS} FROM json_populate_recordset(NULL::kpi_fact, ${json}::json)`,
    );
  }
}

/** Makes the kpi_area_day rows of the given (kpi, day, area, law) keys equal to the facts again. */
async function recomputeAreaDays(tx: Executor, keys: ReadonlySet<string>): Promise<void> {
  if (keys.size === 0) return;
  const list = [...keys].map((k) => {
    const [kpi, day, areaId, law] = k.split('|');
    return { kpi, day, area_id: areaId, law };
  });
  for (let i = 0; i < list.length; i += 5000) {
    const json = JSON.stringify(list.slice(i, i + 5000));
    const k = sql`(SELECT kpi, day::date AS day, area_id, law FROM json_to_recordset(${json}::json)
        AS x(kpi text, day text, area_id text, law text))`;
    await tx.execute(sql`DELETE FROM kpi_area_day a USING ${k} k
        WHERE a.kpi = k.kpi AND a.day = k.day AND a.area_id = k.area_id AND a.law = k.law`);
    await tx.execute(sql`INSERT INTO kpi_area_day (kpi, day, area_id, law, done, total)
        SELECT f.kpi, f.day, f.area_id, f.law, count(*)::int, sum(f.value)
        FROM kpi_fact f JOIN ${k} k ON f.kpi = k.kpi AND f.day = k.day AND f.area_id = k.area_id AND f.law = k.law
        WHERE f.done_on IS NOT NULL
        GROUP BY f.kpi, f.day, f.area_id, f.law`);
  }
}

const keyOf = (r: { kpi: string; day: string; areaId: string; law: string }) =>
  `${r.kpi}|${r.day}|${r.areaId}|${r.law}`;

/** Re-measures the cases marked as changed. Returns how many cases and facts it wrote. */
export async function refreshKpis(db: Db, options: RefreshOptions): Promise<{ cases: number; facts: number }> {
  const batchSize = options.batchSize ?? 500;
  const today = londonDate(options.now);
  let cases = 0;
  let facts = 0;
  for (let batch = 0; options.maxBatches === undefined || batch < options.maxBatches; batch += 1) {
    const done = await db.transaction(async (tx) => {
      const dirty = await queryRows<{ caseId: string }>(
        tx,
        sql`SELECT case_id AS "caseId" FROM kpi_dirty_case ORDER BY marked_at, case_id
            LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`,
      );
      if (dirty.length === 0) return null;
      const ids = dirty.map((d) => d.caseId);
      const idArray = sql`${`{${ids.join(',')}}`}::uuid[]`;
      const ctx = await createMeasureContext(tx, options.calendar, today);
      const rows = (await loadCaseBundles(tx, ids)).flatMap((b) => measureCase(b, ctx));
      const old = await queryRows<{ kpi: string; day: string; areaId: string; law: string }>(
        tx,
        sql`SELECT DISTINCT kpi, day::text AS day, area_id AS "areaId", law FROM kpi_fact
            WHERE case_id = ANY(${idArray}) AND done_on IS NOT NULL`,
      );
      await tx.execute(sql`DELETE FROM kpi_fact WHERE case_id = ANY(${idArray})`);
      await insertFacts(tx, rows);
      const keys = new Set<string>(old.map(keyOf));
      for (const r of rows) if (r.doneOn !== null) keys.add(keyOf(r));
      await recomputeAreaDays(tx, keys);
      await tx.execute(sql`DELETE FROM kpi_dirty_case WHERE case_id = ANY(${idArray})`);
      await tx.execute(sql`UPDATE kpi_refresh_state SET refreshed_at = ${options.now},
          cases_measured = cases_measured + ${ids.length} WHERE id = 1`);
      return { cases: ids.length, facts: rows.length };
    });
    if (done === null) break;
    cases += done.cases;
    facts += done.facts;
  }
  return { cases, facts };
}

/**
 * Measures every case again from nothing (after a change of workload weights or bank holidays,
 * or to check the incremental refresh). Cases marked while it runs are refreshed afterwards.
 */
export async function rebuildKpis(
  db: Db,
  options: { calendar: WorkingDayCalendar; now: Date; batchSize?: number; onProgress?: (done: number) => void },
): Promise<{ cases: number; facts: number }> {
  const batchSize = options.batchSize ?? 2000;
  const today = londonDate(options.now);
  const startedAt = new Date();
  await db.execute(sql`TRUNCATE kpi_fact, kpi_area_day`);
  const ctx = await createMeasureContext(db, options.calendar, today);
  let after = '00000000-0000-0000-0000-000000000000';
  let cases = 0;
  let facts = 0;
  for (;;) {
    const ids = (
      await queryRows<{ id: string }>(
        db,
        sql`SELECT id FROM case_record WHERE id > ${after}::uuid ORDER BY id LIMIT ${batchSize}`,
      )
    ).map((r) => r.id);
    if (ids.length === 0) break;
    after = ids[ids.length - 1] as string;
    const rows = (await loadCaseBundles(db, ids)).flatMap((b) => measureCase(b, ctx));
    await db.transaction((tx) => insertFacts(tx, rows));
    cases += ids.length;
    facts += rows.length;
    options.onProgress?.(cases);
  }
  await db.transaction(async (tx) => {
    await tx.execute(sql`INSERT INTO kpi_area_day (kpi, day, area_id, law, done, total)
        SELECT kpi, day, area_id, law, count(*)::int, sum(value) FROM kpi_fact WHERE done_on IS NOT NULL
        GROUP BY kpi, day, area_id, law`);
    await tx.execute(sql`DELETE FROM kpi_dirty_case WHERE marked_at < ${startedAt}`);
    await tx.execute(sql`UPDATE kpi_refresh_state SET refreshed_at = ${options.now}, rebuilt_at = ${options.now},
        cases_measured = ${cases} WHERE id = 1`);
  });
  await db.execute(sql`ANALYZE kpi_fact`);
  await db.execute(sql`ANALYZE kpi_area_day`);
  return { cases, facts };
}

/**
 * Refreshes the figures every `intervalMs` in the background of an app process; never two runs
 * at once in a process, and SKIP LOCKED keeps processes from measuring the same case together.
 */
export function startKpiRefresh(options: {
  db: Db;
  calendar: WorkingDayCalendar;
  now: () => Date;
  intervalMs: number;
  log: (message: string, detail: Record<string, unknown>) => void;
}): () => void {
  let running = false;
  let stopped = false;
  const tick = async () => {
    if (running || stopped) return;
    running = true;
    try {
      await refreshKpis(options.db, { calendar: options.calendar, now: options.now(), maxBatches: 20 });
    } catch (error) {
      options.log('KPI refresh failed; it will be tried again', { error: String(error) });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), options.intervalMs);
  timer.unref();
  void tick();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
