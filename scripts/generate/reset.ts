import type { Database } from '../../src/platform/db/database.ts';
import { GENERATED_REFERENCE_PREFIX } from './cases.ts';
import { GENERATED_EMAIL_DOMAIN, GENERATED_TEAM_PREFIX } from './organisation.ts';
import { ensureRunTable } from './run-state.ts';
import { CASE_TABLES } from './tables.ts';
import { openBulkConnection } from './writer.ts';

export interface ResetResult {
  cases: number;
  persons: number;
  staff: number;
  teams: number;
  /** Generated staff kept because records that are not generated refer to them. */
  staffKept: number;
}

/** Generated cases, people, staff and teams, recognised by their markers (never other data). */
const MARKERS = {
  cases: `reference LIKE '${GENERATED_REFERENCE_PREFIX}%'`,
  staff: `email LIKE '%@${GENERATED_EMAIL_DOMAIN}'`,
  teams: `id LIKE '${GENERATED_TEAM_PREFIX}%'`,
};

/**
 * Whether the database holds generated cases. (Generated staff or people may be left by a
 * reset because other records refer to them: a new run writes around them.)
 */
export async function hasGeneratedData(database: Database): Promise<boolean> {
  const [row] = await database.query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM case_record WHERE ${MARKERS.cases}) AS found`,
  );
  return row?.found ?? false;
}

/**
 * Remove everything the generator wrote, and its progress record, in one transaction:
 * cases with a GEN- reference and all their rows, people who appear only in generated
 * cases, and generated staff and teams that nothing else refers to.
 *
 * Deleting millions of rows one by one is slow here because several foreign keys have no
 * index on the referring side (timeline_event.child_id, contact_detail.person_id, …), so
 * every deleted row would scan a large table. Instead the rows that are not generated are
 * set aside, the case tables are emptied with TRUNCATE and those rows are put back. The
 * tables are locked for the duration: run it when nobody is using the database. If
 * another table refers to the case tables (so TRUNCATE is refused), rows are deleted.
 */
export async function resetGenerated(database: Database): Promise<ResetResult> {
  await ensureRunTable(database);
  const connection = await openBulkConnection(database);
  try {
    return await connection.transaction(async (tx) => {
      const count = async (sqlText: string) => Number((await tx.query<{ n: string }>(sqlText))[0]?.n ?? 0);
      await tx.query(`CREATE TEMP TABLE gen_case ON COMMIT DROP AS SELECT id FROM case_record WHERE ${MARKERS.cases}`);
      await tx.query('ALTER TABLE gen_case ADD PRIMARY KEY (id)');
      await tx.query('ANALYZE gen_case');
      const inCases = (table: string, generated: boolean) =>
        `SELECT x.person_id FROM ${table} x JOIN case_record c ON c.id = x.case_id WHERE ${generated ? '' : 'NOT '}(c.${MARKERS.cases})`;
      // People of generated cases, except those who also appear in a case that is not generated.
      await tx.query(`CREATE TEMP TABLE gen_person ON COMMIT DROP AS
        (${inCases('case_child', true)} UNION ${inCases('case_party', true)} UNION ${inCases('contact_detail', true)})
        EXCEPT (${inCases('case_child', false)} UNION ${inCases('case_party', false)} UNION ${inCases('contact_detail', false)}
          UNION SELECT person_id FROM person_match UNION SELECT candidate_person_id FROM person_match)`);
      await tx.query('ALTER TABLE gen_person RENAME COLUMN person_id TO id');
      await tx.query('ALTER TABLE gen_person ADD PRIMARY KEY (id)');
      await tx.query('ANALYZE gen_person');
      const cases = await count('SELECT count(*) AS n FROM gen_case');
      const persons = await count('SELECT count(*) AS n FROM gen_person');

      if (cases > 0 || persons > 0) {
        for (const table of CASE_TABLES) {
          await tx.query(
            `CREATE TEMP TABLE keep_${table.name} ON COMMIT DROP AS SELECT * FROM ${table.name} t WHERE NOT (${table.generatedWhere})`,
          );
        }
        await tx.query('SAVEPOINT before_truncate');
        let truncated = false;
        try {
          await tx.query(`TRUNCATE ${CASE_TABLES.map((t) => t.name).join(', ')}`);
          truncated = true;
        } catch {
          // Another table refers to the case tables: delete generated rows instead (slower).
          await tx.query('ROLLBACK TO SAVEPOINT before_truncate');
        }
        if (truncated) {
          for (const table of CASE_TABLES) await tx.query(`INSERT INTO ${table.name} SELECT * FROM keep_${table.name}`);
        } else {
          for (const table of [...CASE_TABLES].reverse())
            await tx.query(`DELETE FROM ${table.name} t WHERE ${table.generatedWhere}`);
        }
      }

      if (cases > 0) {
        // The KPI read model's sums count the generated cases: empty it, and the next
        // refresh measures the cases that are kept again.
        await tx.query(
          'TRUNCATE kpi_fact, kpi_area_day, kpi_team_month, kpi_area_month, kpi_caseload_day, kpi_dirty_case',
        );
        await tx.query('INSERT INTO kpi_dirty_case (case_id) SELECT id FROM case_record');
      }

      await tx.query(
        `CREATE TEMP TABLE gen_staff ON COMMIT DROP AS SELECT id FROM user_account WHERE ${MARKERS.staff}`,
      );
      // Generated staff stay while any record that is kept refers to them (every foreign key to user_account).
      const references = await tx.query<{ table_name: string; column_name: string }>(
        `SELECT c.conrelid::regclass::text AS table_name, a.attname AS column_name
         FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
         WHERE c.contype = 'f' AND c.confrelid = 'user_account'::regclass AND cardinality(c.conkey) = 1
           AND c.conrelid::regclass::text NOT IN ('staff', 'staff_role', 'team_membership', 'practitioner_capacity')
         ORDER BY 1, 2`,
      );
      if (references.length > 0)
        await tx.query(
          `DELETE FROM gen_staff g WHERE ${references
            .map((r) => `EXISTS (SELECT 1 FROM ${r.table_name} r WHERE r.${r.column_name} = g.id)`)
            .join(' OR ')}`,
        );
      const allStaff = await count(`SELECT count(*) AS n FROM user_account WHERE ${MARKERS.staff}`);
      const staff = await count('SELECT count(*) AS n FROM gen_staff');
      await tx.query('DELETE FROM team_membership WHERE user_id IN (SELECT id FROM gen_staff)');
      await tx.query('DELETE FROM practitioner_capacity WHERE user_id IN (SELECT id FROM gen_staff)');
      await tx.query('DELETE FROM staff_role WHERE user_id IN (SELECT id FROM gen_staff)');
      await tx.query('DELETE FROM staff WHERE user_id IN (SELECT id FROM gen_staff)');
      await tx.query('DELETE FROM user_account WHERE id IN (SELECT id FROM gen_staff)');
      const teams = await count(`WITH gone AS (
        DELETE FROM team t WHERE t.${MARKERS.teams}
          AND NOT EXISTS (SELECT 1 FROM case_record c WHERE c.team_id = t.id)
          AND NOT EXISTS (SELECT 1 FROM team_membership m WHERE m.team_id = t.id)
        RETURNING 1) SELECT count(*) AS n FROM gone`);
      await tx.query('DELETE FROM generator_run');
      return { cases, persons, staff, teams, staffKept: allStaff - staff };
    });
  } finally {
    await connection.release();
  }
}
