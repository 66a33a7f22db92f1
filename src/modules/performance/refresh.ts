import { sql } from 'drizzle-orm';
import { type IsoDate, londonDate, type WorkingDayCalendar } from '../../platform/calendar/index.ts';
import { type Db, type Executor, queryRows } from '../../platform/db/database.ts';
import { loadCaseBundles } from './bundle-loader.ts';
import { createMeasureContext, type FactRow, measureCase } from './measure.ts';

/**
 * Keeps the performance read model (kpi_fact and its sums kpi_area_day, kpi_team_month,
 * kpi_area_month, kpi_caseload_day) equal to what the KPI
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

/** A key of the daily sums: kpi|day|area|team ('' for none)|law. */
type SumKey = string;

/** Makes the kpi_area_day rows of the given keys equal to the facts again, then their months. */
async function recomputeAreaDays(tx: Executor, keys: ReadonlySet<SumKey>): Promise<void> {
  if (keys.size === 0) return;
  const list = [...keys].map((k) => {
    const [kpi, day, areaId, teamId, law] = k.split('|');
    return { kpi, day, area_id: areaId, team_id: teamId, law };
  });
  for (let i = 0; i < list.length; i += 5000) {
    const json = JSON.stringify(list.slice(i, i + 5000));
    const k = sql`(SELECT kpi, day::date AS day, area_id, team_id, law FROM json_to_recordset(${json}::json)
        AS x(kpi text, day text, area_id text, team_id text, law text))`;
    await tx.execute(sql`DELETE FROM kpi_area_day a USING ${k} k
        WHERE a.kpi = k.kpi AND a.day = k.day AND a.area_id = k.area_id AND a.team_id = k.team_id AND a.law = k.law`);
    await tx.execute(sql`INSERT INTO kpi_area_day (kpi, day, area_id, team_id, law, done, total)
        SELECT f.kpi, f.day, f.area_id, k.team_id, f.law, count(*)::int, sum(f.value)
        FROM kpi_fact f JOIN ${k} k ON f.kpi = k.kpi AND f.day = k.day AND f.area_id = k.area_id
          AND coalesce(f.team_id, '') = k.team_id AND f.law = k.law
        WHERE f.done_on IS NOT NULL
        GROUP BY f.kpi, f.day, f.area_id, k.team_id, f.law`);
  }
  await recomputeAreaMonths(tx, keys);
}

/**
 * Makes the monthly sums of the months of the given daily keys equal to kpi_area_day again:
 * kpi_team_month from the days, then kpi_area_month from the teams.
 */
async function recomputeAreaMonths(tx: Executor, dayKeys: ReadonlySet<SumKey>): Promise<void> {
  const teamMonths = new Set<string>();
  const areaMonths = new Set<string>();
  for (const key of dayKeys) {
    const [kpi, day, areaId, teamId] = key.split('|');
    teamMonths.add(`${kpi}|${day!.slice(0, 7)}-01|${areaId}|${teamId}`);
    areaMonths.add(`${kpi}|${day!.slice(0, 7)}-01|${areaId}`);
  }
  const teams = [...teamMonths].map((k) => {
    const [kpi, month, areaId, teamId] = k.split('|');
    return { kpi, month, area_id: areaId, team_id: teamId };
  });
  for (let i = 0; i < teams.length; i += 5000) {
    const json = JSON.stringify(teams.slice(i, i + 5000));
    const k = sql`(SELECT kpi, month::date AS month, area_id, team_id FROM json_to_recordset(${json}::json)
        AS x(kpi text, month text, area_id text, team_id text))`;
    await tx.execute(sql`DELETE FROM kpi_team_month a USING ${k} k
        WHERE a.kpi = k.kpi AND a.month = k.month AND a.area_id = k.area_id AND a.team_id = k.team_id`);
    await tx.execute(sql`INSERT INTO kpi_team_month (kpi, month, area_id, team_id, done, total)
        SELECT d.kpi, k.month, d.area_id, d.team_id, sum(d.done)::int, sum(d.total)
        FROM kpi_area_day d JOIN ${k} k ON d.kpi = k.kpi AND d.area_id = k.area_id AND d.team_id = k.team_id
          AND d.day >= k.month AND d.day < (k.month + interval '1 month')::date
        GROUP BY d.kpi, k.month, d.area_id, d.team_id`);
  }
  const areas = [...areaMonths].map((k) => {
    const [kpi, month, areaId] = k.split('|');
    return { kpi, month, area_id: areaId };
  });
  for (let i = 0; i < areas.length; i += 5000) {
    const json = JSON.stringify(areas.slice(i, i + 5000));
    const k = sql`(SELECT kpi, month::date AS month, area_id FROM json_to_recordset(${json}::json)
        AS x(kpi text, month text, area_id text))`;
    await tx.execute(sql`DELETE FROM kpi_area_month a USING ${k} k
        WHERE a.kpi = k.kpi AND a.month = k.month AND a.area_id = k.area_id`);
    await tx.execute(sql`INSERT INTO kpi_area_month (kpi, month, area_id, done, total)
        SELECT t.kpi, t.month, t.area_id, sum(t.done)::int, sum(t.total)
        FROM kpi_team_month t JOIN ${k} k ON t.kpi = k.kpi AND t.month = k.month AND t.area_id = k.area_id
        GROUP BY t.kpi, t.month, t.area_id`);
  }
}

/** Makes the kpi_caseload_day rows of the given (day, practitioner) keys equal to the facts again. */
async function recomputeCaseloadDays(tx: Executor, keys: ReadonlySet<string>): Promise<void> {
  const list = [...keys].map((k) => {
    const [day, practitionerId] = k.split('|');
    return { day, practitioner_id: practitionerId };
  });
  for (let i = 0; i < list.length; i += 5000) {
    const json = JSON.stringify(list.slice(i, i + 5000));
    const k = sql`(SELECT day::date AS day, practitioner_id::uuid AS practitioner_id
        FROM json_to_recordset(${json}::json) AS x(day text, practitioner_id text))`;
    await tx.execute(sql`DELETE FROM kpi_caseload_day c USING ${k} k
        WHERE c.day = k.day AND c.practitioner_id = k.practitioner_id`);
    await tx.execute(sql`INSERT INTO kpi_caseload_day (day, practitioner_id, area_id, team_id, cases, points)
        SELECT f.day, f.practitioner_id, f.area_id, f.team_id, count(*)::int, sum(f.value)
        FROM kpi_fact f JOIN ${k} k ON f.kpi = 'caseload' AND f.practitioner_id = k.practitioner_id AND f.day = k.day
        GROUP BY f.day, f.practitioner_id, f.area_id, f.team_id`);
  }
}

/** The advisory lock that serialises recomputing the sums (any fixed number, unique to this use). */
const SUMS_LOCK = 610_006;

const keyOf = (r: { kpi: string; day: string; areaId: string; teamId: string | null; law: string }): SumKey =>
  `${r.kpi}|${r.day}|${r.areaId}|${r.teamId ?? ''}|${r.law}`;

/** The last day of the month before today's: the latest month end a caseload snapshot is taken on. */
export function lastMonthEndBefore(today: IsoDate): IsoDate {
  return new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1, 0))
    .toISOString()
    .slice(0, 10) as IsoDate;
}

/**
 * After a month end has passed, marks the cases someone held at a month end not yet measured:
 * no record changed, but their caseload snapshot for it is still to be taken. Once per month
 * end, whichever process gets there first.
 */
async function markCasesHeldAtNewMonthEnds(db: Db, today: IsoDate): Promise<void> {
  const latest = lastMonthEndBefore(today);
  await db.transaction(async (tx) => {
    const [state] = await queryRows<{ through: string | null }>(
      tx,
      sql`SELECT snapshots_through::text AS through FROM kpi_refresh_state WHERE id = 1 FOR UPDATE`,
    );
    if (!state || (state.through !== null && state.through >= latest)) return;
    // Held at a month end after the last one measured: allocated by the latest, and neither the
    // allocation nor the case ended before the month end after `since`.
    const since = state.through ?? '1900-01-01';
    await tx.execute(sql`INSERT INTO kpi_dirty_case (case_id)
        SELECT DISTINCT a.case_id FROM case_allocation a JOIN case_record c ON c.id = a.case_id
        WHERE (a.allocated_at AT TIME ZONE 'Europe/London')::date <= ${latest}::date
          AND (a.ended_at IS NULL OR (a.ended_at AT TIME ZONE 'Europe/London')::date > ${since}::date)
          AND (c.closed_at IS NULL OR (c.closed_at AT TIME ZONE 'Europe/London')::date > ${since}::date)
        ON CONFLICT (case_id) DO NOTHING`);
    await tx.execute(sql`UPDATE kpi_refresh_state SET snapshots_through = ${latest}::date WHERE id = 1`);
  });
}

/** Re-measures the cases marked as changed. Returns how many cases and facts it wrote. */
export async function refreshKpis(db: Db, options: RefreshOptions): Promise<{ cases: number; facts: number }> {
  const batchSize = options.batchSize ?? 500;
  const today = londonDate(options.now);
  await markCasesHeldAtNewMonthEnds(db, today);
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
      const old = await queryRows<{ kpi: string; day: string; areaId: string; teamId: string | null; law: string }>(
        tx,
        sql`SELECT DISTINCT kpi, day::text AS day, area_id AS "areaId", team_id AS "teamId", law FROM kpi_fact
            WHERE case_id = ANY(${idArray}) AND done_on IS NOT NULL`,
      );
      const oldCaseloads = await queryRows<{ day: string; practitionerId: string }>(
        tx,
        sql`SELECT DISTINCT day::text AS day, practitioner_id::text AS "practitionerId" FROM kpi_fact
            WHERE case_id = ANY(${idArray}) AND kpi = 'caseload' AND practitioner_id IS NOT NULL`,
      );
      await tx.execute(sql`DELETE FROM kpi_fact WHERE case_id = ANY(${idArray})`);
      await insertFacts(tx, rows);
      const keys = new Set<string>(old.map(keyOf));
      for (const r of rows) if (r.doneOn !== null) keys.add(keyOf(r));
      // The sums are shared between cases: refreshers in other processes recompute them one at
      // a time, each after the one before has committed its facts (else the last to commit would
      // overwrite a sum without the other's facts).
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${SUMS_LOCK})`);
      await recomputeAreaDays(tx, keys);
      const caseloads = new Set<string>(oldCaseloads.map((c) => `${c.day}|${c.practitionerId}`));
      for (const r of rows) if (r.kpi === 'caseload' && r.practitionerId) caseloads.add(`${r.day}|${r.practitionerId}`);
      await recomputeCaseloadDays(tx, caseloads);
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
  await db.execute(sql`TRUNCATE kpi_fact, kpi_area_day, kpi_team_month, kpi_area_month, kpi_caseload_day`);
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
    await tx.execute(sql`INSERT INTO kpi_area_day (kpi, day, area_id, team_id, law, done, total)
        SELECT kpi, day, area_id, coalesce(team_id, ''), law, count(*)::int, sum(value) FROM kpi_fact
        WHERE done_on IS NOT NULL GROUP BY 1, 2, 3, 4, 5`);
    await tx.execute(sql`INSERT INTO kpi_team_month (kpi, month, area_id, team_id, done, total)
        SELECT kpi, date_trunc('month', day)::date, area_id, team_id, sum(done)::int, sum(total) FROM kpi_area_day
        GROUP BY 1, 2, 3, 4`);
    await tx.execute(sql`INSERT INTO kpi_area_month (kpi, month, area_id, done, total)
        SELECT kpi, month, area_id, sum(done)::int, sum(total) FROM kpi_team_month GROUP BY 1, 2, 3`);
    await tx.execute(sql`INSERT INTO kpi_caseload_day (day, practitioner_id, area_id, team_id, cases, points)
        SELECT day, practitioner_id, area_id, team_id, count(*)::int, sum(value) FROM kpi_fact
        WHERE kpi = 'caseload' AND practitioner_id IS NOT NULL GROUP BY 1, 2, 3, 4`);
    await tx.execute(sql`DELETE FROM kpi_dirty_case WHERE marked_at < ${startedAt}`);
    await tx.execute(sql`UPDATE kpi_refresh_state SET refreshed_at = ${options.now}, rebuilt_at = ${options.now},
        cases_measured = ${cases}, snapshots_through = ${lastMonthEndBefore(today)}::date WHERE id = 1`);
  });
  await db.execute(sql`ANALYZE kpi_fact`);
  await db.execute(sql`ANALYZE kpi_area_day`);
  await db.execute(sql`ANALYZE kpi_team_month`);
  await db.execute(sql`ANALYZE kpi_area_month`);
  await db.execute(sql`ANALYZE kpi_caseload_day`);
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
