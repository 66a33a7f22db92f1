import type { Database } from '../../src/platform/db/database.ts';
import type { BulkTransaction } from './writer.ts';

/**
 * Bump when a change to the generator changes the data it writes for a given seed, so
 * that a run interrupted under the old code is not finished with different data.
 */
export const GENERATOR_VERSION = 4;

/**
 * The generator's own progress record: tooling state, not domain data, so it is created
 * here rather than by a migration. One row; each chunk of cases updates it in the same
 * transaction as the cases, so it always says exactly how many cases are in the database.
 */
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS generator_run (
  id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  generator_version integer NOT NULL,
  seed bigint NOT NULL,
  target_cases integer NOT NULL,
  years integer NOT NULL,
  until timestamptz NOT NULL,
  chunk_size integer NOT NULL,
  cases_done integer NOT NULL DEFAULT 0,
  chunks_done integer NOT NULL DEFAULT 0,
  started_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  finished_at timestamptz
)`;

export interface RunState {
  generatorVersion: number;
  seed: number;
  targetCases: number;
  years: number;
  until: Date;
  chunkSize: number;
  casesDone: number;
  chunksDone: number;
  finishedAt: Date | null;
}

export async function ensureRunTable(database: Database): Promise<void> {
  await database.exec(CREATE_TABLE);
}

export async function readRun(database: Database): Promise<RunState | null> {
  const [row] = await database.query<{
    generator_version: number;
    seed: string;
    target_cases: number;
    years: number;
    until: string;
    chunk_size: number;
    cases_done: number;
    chunks_done: number;
    finished_at: string | null;
  }>('SELECT * FROM generator_run WHERE id = 1');
  if (!row) return null;
  return {
    generatorVersion: row.generator_version,
    seed: Number(row.seed),
    targetCases: row.target_cases,
    years: row.years,
    until: new Date(row.until),
    chunkSize: row.chunk_size,
    casesDone: row.cases_done,
    chunksDone: row.chunks_done,
    finishedAt: row.finished_at ? new Date(row.finished_at) : null,
  };
}

export async function insertRun(
  tx: BulkTransaction,
  run: { seed: number; targetCases: number; years: number; until: Date; chunkSize: number; now: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO generator_run (generator_version, seed, target_cases, years, until, chunk_size, started_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
    [
      GENERATOR_VERSION,
      run.seed,
      run.targetCases,
      run.years,
      run.until.toISOString(),
      run.chunkSize,
      run.now.toISOString(),
    ],
  );
}

/** Record a written chunk; refuses (and so rolls the chunk back) if another process has moved the run on. */
export async function recordChunk(
  tx: BulkTransaction,
  chunk: { from: number; to: number; chunkSize: number; finished: boolean; now: Date },
): Promise<void> {
  const rows = await tx.query(
    `UPDATE generator_run SET cases_done = $2, chunks_done = chunks_done + 1, chunk_size = $3, updated_at = $4,
       finished_at = CASE WHEN $5::boolean THEN $4::timestamptz END
     WHERE id = 1 AND cases_done = $1 RETURNING id`,
    [chunk.from, chunk.to, chunk.chunkSize, chunk.now.toISOString(), chunk.finished],
  );
  if (rows.length !== 1) throw new Error('Another generator run changed the progress record: stopping.');
}

export async function deleteRun(tx: BulkTransaction): Promise<void> {
  await tx.query('DELETE FROM generator_run');
}
