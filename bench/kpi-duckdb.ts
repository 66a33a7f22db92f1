import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { loadBundledBankHolidays } from '../src/platform/calendar/index.ts';

/**
 * The DuckDB baseline of the KPI dashboard (issue 6): the raw rows the KPIs read, exported from
 * PostgreSQL in the same run, loaded into an in-memory DuckDB, and the national figures computed
 * there in SQL written from docs/kpis.md independently of the TypeScript definitions. Equal
 * figures check both; the time of the DuckDB query is the baseline the dashboard must beat.
 */

/** What each exported file holds: a query over the PostgreSQL tables (London dates made there). */
const EXPORTS: Record<string, string> = {
  cases: `SELECT id, law, application_type, status, received_on, first_hearing_on,
    (closed_at AT TIME ZONE 'Europe/London')::date AS closed_on FROM case_record`,
  children: 'SELECT case_id, id FROM case_child',
  states: `SELECT case_id, (occurred_at AT TIME ZONE 'Europe/London')::date AS on_day, details->>'to' AS to_state,
    occurred_at, id FROM timeline_event WHERE kind LIKE 'state.%'`,
  screening: `SELECT case_id, (screened_at AT TIME ZONE 'Europe/London')::date AS screened_on FROM screening`,
  checks: 'SELECT id, case_id, kind, requested_on, returned_on FROM safeguarding_check',
  letters: 'SELECT id, case_id, kind, due_on, filed_on FROM safeguarding_letter',
  allocs: `SELECT case_id, user_id, allocation_role AS role, (allocated_at AT TIME ZONE 'Europe/London')::date AS allocated_on,
    (ended_at AT TIME ZONE 'Europe/London')::date AS ended_on FROM case_allocation`,
  directions: 'SELECT id, case_id, report_type, due_on, filed_on FROM court_direction',
  reports: 'SELECT id, case_id, kind, direction_id, status, due_on, filed_on FROM court_report',
  sessions: 'SELECT case_id, child_id, held_on, seen, seen_alone, not_seen_alone_reason FROM direct_work_session',
  weights: 'SELECT law, application_type, stage, weight::float8 AS weight FROM workload_weight',
};

/** Writes each export as CSV with a header into `dir`; returns the rows' total bytes. */
export async function exportRawRows(url: string, dir: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const [name, query] of Object.entries(EXPORTS)) {
      const stream = client.query(copyTo(`COPY (${query}) TO STDOUT WITH (FORMAT csv, HEADER true)`));
      await pipeline(stream, createWriteStream(join(dir, `${name}.csv`)));
    }
  } finally {
    await client.end();
  }
}

/** Every day of the bank-holiday data's years: working or not, and the running count of working days. */
export function calendarRows(): { d: string; working: boolean; wd: number }[] {
  const events: string[] = loadBundledBankHolidays()['england-and-wales'].events.map((e) => String(e.date));
  const holidays = new Set(events);
  const years = events.map((d) => Number(d.slice(0, 4)));
  const rows: { d: string; working: boolean; wd: number }[] = [];
  let wd = 0;
  for (let t = Date.UTC(Math.min(...years), 0, 1); t <= Date.UTC(Math.max(...years), 11, 31); t += 86_400_000) {
    const date = new Date(t);
    const d = date.toISOString().slice(0, 10);
    const working = date.getUTCDay() !== 0 && date.getUTCDay() !== 6 && !holidays.has(d);
    if (working) wd += 1;
    rows.push({ d, working, wd });
  }
  return rows;
}

export interface DuckFigures {
  [kpi: string]: { numerator: number; denominator: number; value: number | null };
}

/** The loaded baseline: run `figures` as often as needed (each run is one timed query). */
export interface DuckBaseline {
  figures(from: string, to: string, today: string): Promise<DuckFigures>;
  close(): void;
}

export async function loadDuckBaseline(dir: string): Promise<DuckBaseline> {
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  for (const name of Object.keys(EXPORTS)) {
    await db.run(
      `CREATE TABLE ${name} AS SELECT * FROM read_csv('${join(dir, `${name}.csv`)}', header = true, auto_detect = true)`,
    );
  }
  const cal = calendarRows();
  await db.run('CREATE TABLE cal (d DATE, working BOOLEAN, wd INTEGER)');
  const appender = await db.createAppender('cal');
  for (const r of cal) {
    appender.appendVarchar(r.d);
    appender.appendBoolean(r.working);
    appender.appendInteger(r.wd);
    appender.endRow();
  }
  appender.closeSync();
  // addWorkingDays(x, n) = the working day whose count is count(x) + n; month-end deadlines.
  await db.run('CREATE TABLE wdate AS SELECT wd, d FROM cal WHERE working');
  await db.run(
    `CREATE TABLE month_last AS SELECT date_trunc('month', d) AS m, max(d) AS last_working FROM cal WHERE working GROUP BY 1`,
  );
  return {
    async figures(from, to, today) {
      const reader = await db.runAndReadAll(figuresSql(from, to, today));
      const out: DuckFigures = {};
      for (const row of reader.getRowObjectsJS()) {
        const n = Number(row.numerator ?? 0);
        const den = Number(row.denominator ?? 0);
        const kind = String(row.kind);
        const value =
          den === 0
            ? null
            : kind === 'count'
              ? (n - den) / den
              : kind === 'caseload'
                ? Number(row.total) / den
                : n / den;
        out[String(row.kpi)] = {
          numerator: kind === 'caseload' ? Math.round(Number(row.total) * 100) / 100 : n,
          denominator: den,
          value,
        };
      }
      return out;
    },
    close() {
      db.closeSync();
    },
  };
}

/** The national figures of every KPI, from docs/kpis.md, in one statement. */
function figuresSql(from: string, to: string, today: string): string {
  const F = `DATE '${from}'`;
  const T = `DATE '${to}'`;
  const NOW = `DATE '${today}'`;
  const addwd = (x: string, n: number) =>
    `(SELECT w.d FROM wdate w WHERE w.wd = (SELECT c.wd FROM cal c WHERE c.d = ${x}) + ${n})`;
  const monthEnd = (x: string) =>
    `greatest(${x}, (SELECT l.last_working FROM month_last l WHERE l.m = date_trunc('month', ${x})))`;
  const caseholder = `role IN ('fca', 'childrens-guardian', 'associate')`;
  // The last month end on or before `to` that is before today: the caseload's snapshot day.
  const snapshot = `(SELECT max(last_day(d)) FROM cal WHERE last_day(d) <= least(${T}, ${NOW} - 1))`;
  return `
  WITH first_alloc AS (
    SELECT case_id, min(allocated_on) AS allocated_on FROM allocs WHERE ${caseholder} GROUP BY 1
  ), episodes AS (
    SELECT s.case_id, s.on_day AS r, lead(s.on_day) OVER (PARTITION BY s.case_id ORDER BY s.on_day) AS next_r
    FROM (SELECT DISTINCT st.case_id, st.on_day FROM states st JOIN cases c ON c.id = st.case_id
          WHERE c.law = 'private' AND st.to_state = 'awaiting-allocation') s
  ), units AS (
    SELECT 'screening-on-time' AS kpi, c.id AS case_id, c.received_on AS day, ${addwd('c.received_on', 1)} AS due, s.screened_on AS done, NULL::DOUBLE AS v
      FROM cases c LEFT JOIN screening s ON s.case_id = c.id WHERE c.law = 'private'
    UNION ALL
    SELECT 'police-checks-on-time', k.case_id, k.requested_on, ${addwd('k.requested_on', 2)}, k.returned_on, NULL
      FROM checks k WHERE k.kind = 'police'
    UNION ALL
    SELECT 'risk-identification-complete', c.id, c.first_hearing_on, c.first_hearing_on - 1,
      CASE WHEN s.screened_on IS NOT NULL AND k.police > 0 AND k.open = 0 THEN greatest(s.screened_on, k.last_returned) END, NULL
      FROM cases c LEFT JOIN screening s ON s.case_id = c.id
      LEFT JOIN (SELECT case_id, count(*) FILTER (WHERE kind = 'police') AS police, count(*) FILTER (WHERE returned_on IS NULL) AS open,
                   max(returned_on) AS last_returned FROM checks GROUP BY 1) k ON k.case_id = c.id
      WHERE c.law = 'private' AND c.first_hearing_on IS NOT NULL
    UNION ALL
    SELECT 'safeguarding-letter-on-time', l.case_id, l.due_on, l.due_on, l.filed_on, NULL
      FROM letters l WHERE l.kind = 'letter' AND l.due_on IS NOT NULL
    UNION ALL
    SELECT 'allocated-by-month-end-private', e.case_id, e.r, ${monthEnd('e.r')},
      (SELECT min(a.allocated_on) FROM allocs a WHERE a.case_id = e.case_id AND a.${caseholder}
         AND a.allocated_on >= e.r AND (e.next_r IS NULL OR a.allocated_on < e.next_r)), NULL
      FROM episodes e
    UNION ALL
    SELECT 'allocated-by-month-end-public', c.id, c.received_on, ${monthEnd('c.received_on')},
      CASE WHEN f.allocated_on IS NOT NULL THEN greatest(f.allocated_on, c.received_on) END, NULL
      FROM cases c LEFT JOIN first_alloc f ON f.case_id = c.id WHERE c.law = 'public'
    UNION ALL
    SELECT 'care-allocation-time', c.id, c.received_on, NULL,
      CASE WHEN f.allocated_on IS NOT NULL THEN greatest(f.allocated_on, c.received_on) END,
      (SELECT x.wd FROM cal x WHERE x.d = greatest(f.allocated_on, c.received_on)) - (SELECT y.wd FROM cal y WHERE y.d = c.received_on)
      FROM cases c LEFT JOIN first_alloc f ON f.case_id = c.id WHERE c.law = 'public' AND c.application_type = 'c110a'
    UNION ALL
    SELECT 'section-7-on-time', d.case_id,
      CASE WHEN r.filed_on IS NOT NULL AND r.due_on IS NOT NULL THEN r.due_on ELSE d.due_on END,
      CASE WHEN r.filed_on IS NOT NULL AND r.due_on IS NOT NULL THEN r.due_on ELSE d.due_on END,
      coalesce(r.filed_on, d.filed_on), NULL
      FROM directions d LEFT JOIN reports r ON r.direction_id = d.id
      WHERE d.report_type IN ('section-7', 's7-addendum') AND d.due_on IS NOT NULL
    UNION ALL
    SELECT 'children-seen', r.case_id, r.filed_on, NULL, r.filed_on,
      CASE WHEN NOT EXISTS (SELECT 1 FROM children ch WHERE ch.case_id = r.case_id AND NOT EXISTS (
        SELECT 1 FROM sessions s WHERE s.child_id = ch.id AND s.seen AND s.held_on <= r.filed_on
          AND (s.seen_alone OR trim(coalesce(s.not_seen_alone_reason, '')) <> ''))) THEN 1 ELSE 0 END
      FROM reports r WHERE r.status = 'filed' AND r.filed_on IS NOT NULL
        AND EXISTS (SELECT 1 FROM children ch WHERE ch.case_id = r.case_id)
    UNION ALL
    SELECT 'demand', c.id, c.received_on, NULL, c.received_on, 1 FROM cases c
    UNION ALL
    SELECT 'demand-private-law', c.id, c.received_on, NULL, c.received_on, 1 FROM cases c WHERE c.law = 'private'
    UNION ALL
    SELECT 'demand-public-law', c.id, c.received_on, NULL, c.received_on, 1 FROM cases c WHERE c.law = 'public'
  ), closed_periods AS (
    -- Each move to closed, until the next move out of it (null: still closed).
    SELECT s.case_id, s.on_day AS from_day,
      (SELECT min(n.on_day) FROM states n WHERE n.case_id = s.case_id AND n.to_state <> 'closed'
         AND (n.occurred_at > s.occurred_at OR (n.occurred_at = s.occurred_at AND n.id > s.id))) AS until_day
    FROM states s WHERE s.to_state = 'closed'
    UNION ALL
    -- Closed now with no state move to closed that is still open: closed since the closing day.
    SELECT c.id, c.closed_on, NULL FROM cases c WHERE c.closed_on IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM states s WHERE s.case_id = c.id AND s.to_state = 'closed' AND NOT EXISTS (
        SELECT 1 FROM states n WHERE n.case_id = s.case_id AND n.to_state <> 'closed'
          AND (n.occurred_at > s.occurred_at OR (n.occurred_at = s.occurred_at AND n.id > s.id))))
  ), counted AS (
    -- The case-end rule: open work whose clock ran out while the case was closed is not counted.
    SELECT u.* FROM units u
    WHERE NOT (u.done IS NULL AND EXISTS (SELECT 1 FROM closed_periods p WHERE p.case_id = u.case_id AND
      CASE WHEN u.due IS NULL THEN p.until_day IS NULL
           ELSE u.due >= p.from_day AND (p.until_day IS NULL OR u.due < p.until_day) END))
  ), kinds AS (
    SELECT * FROM (VALUES ('screening-on-time', 'rate'), ('police-checks-on-time', 'rate'), ('risk-identification-complete', 'rate'),
      ('safeguarding-letter-on-time', 'rate'), ('allocated-by-month-end-private', 'rate'), ('allocated-by-month-end-public', 'rate'),
      ('care-allocation-time', 'mean'), ('section-7-on-time', 'rate'), ('children-seen', 'rate'), ('demand', 'count'),
      ('demand-private-law', 'count'), ('demand-public-law', 'count')) AS k(kpi, kind)
  ), figures AS (
    SELECT k.kpi, k.kind,
      CASE k.kind
        WHEN 'rate' THEN count(*) FILTER (WHERE u.day BETWEEN ${F} AND ${T} AND u.done IS NOT NULL
          AND coalesce(u.v = 1, u.done <= u.due))
        WHEN 'mean' THEN coalesce(sum(u.v) FILTER (WHERE u.day BETWEEN ${F} AND ${T} AND u.done IS NOT NULL), 0)
        ELSE count(*) FILTER (WHERE u.day BETWEEN ${F} AND ${T}) END AS numerator,
      CASE k.kind
        WHEN 'rate' THEN count(*) FILTER (WHERE u.day BETWEEN ${F} AND ${T} AND (u.done IS NOT NULL OR u.due < ${NOW}))
        WHEN 'mean' THEN count(*) FILTER (WHERE u.day BETWEEN ${F} AND ${T} AND u.done IS NOT NULL)
        ELSE count(*) FILTER (WHERE u.day BETWEEN (${F} - INTERVAL 1 YEAR)::DATE AND (${T} - INTERVAL 1 YEAR)::DATE) END AS denominator,
      NULL::DOUBLE AS total
    FROM kinds k LEFT JOIN counted u ON u.kpi = k.kpi GROUP BY k.kpi, k.kind
  ), snap AS (SELECT ${snapshot} AS m), held AS (
    SELECT a.user_id, c.law, c.application_type, c.status,
      (SELECT count(*) FROM children ch WHERE ch.case_id = c.id) AS n_children,
      (SELECT st.to_state FROM states st WHERE st.case_id = c.id AND st.on_day <= snap.m ORDER BY st.occurred_at DESC, st.id DESC LIMIT 1) AS state_then,
      EXISTS (SELECT 1 FROM states st WHERE st.case_id = c.id) AS has_states
    FROM allocs a JOIN cases c ON c.id = a.case_id, snap
    WHERE a.${caseholder} AND a.allocated_on <= snap.m AND (a.ended_on IS NULL OR a.ended_on > snap.m)
      AND (c.closed_on IS NULL OR c.closed_on > snap.m) AND c.received_on <= snap.m
  ), weighed AS (
    SELECT h.user_id, h.law, h.application_type, h.n_children,
      CASE WHEN st IN ('allocated', 'reporting', 'report-filed', 'closing') THEN st ELSE 'allocated' END AS stage
    FROM (SELECT *, CASE WHEN has_states THEN state_then ELSE status END AS st FROM held) h
  ), caseload AS (
    SELECT 'caseload' AS kpi, 'caseload' AS kind, NULL::BIGINT AS numerator, count(DISTINCT w.user_id) AS denominator,
      sum(round(round(coalesce(ww.weight, 1) * 100) * (4 + least(greatest(w.n_children - 1, 0), 4)) / 4) / 100) AS total
    FROM weighed w LEFT JOIN weights ww ON ww.law = w.law AND ww.application_type = w.application_type AND ww.stage = w.stage
  )
  SELECT kpi, kind, numerator::DOUBLE AS numerator, denominator::DOUBLE AS denominator, total FROM figures
  UNION ALL SELECT kpi, kind, numerator, denominator, total FROM caseload`;
}
