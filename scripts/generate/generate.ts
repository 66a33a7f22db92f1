import { setImmediate } from 'node:timers/promises';
import { appendAudit } from '../../src/platform/audit/audit.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { generateCase } from './cases.ts';
import { createContext, type GeneratorContext, type GeneratorSettings } from './context.ts';
import { CopyBatch } from './copy-text.ts';
import { hasGeneratedData } from './reset.ts';
import { ensureRunTable, GENERATOR_VERSION, insertRun, type RunState, readRun, recordChunk } from './run-state.ts';
import {
  caseRows,
  ORGANISATION_TABLES,
  organisationRows,
  TRIGGERS_DONE_BY_THE_GENERATOR,
  WRITTEN_CASE_TABLES,
} from './tables.ts';
import { type BulkTransaction, findDanglingReferences, openBulkConnection } from './writer.ts';

export interface GenerateOptions {
  cases: number;
  seed: number;
  years: number;
  /** Cases per chunk: each chunk is written in one transaction with the progress record. */
  batch: number;
  /** End of the generated history; by default the start of today (UTC), kept by resumed runs. */
  until?: Date;
  clock?: () => Date;
  /** Stop after this many chunks (to simulate an interrupted run). */
  maxChunks?: number;
  /** Stop after the chunk in progress when aborted (Ctrl-C). */
  signal?: AbortSignal;
  /** Called once before the first chunk (a resumed run starts with `startedWith` cases). */
  onStart?: (start: { total: number; startedWith: number }) => void;
  onProgress?: (progress: { done: number; total: number; startedWith: number; timelineRows: number }) => void;
}

export interface GenerateResult {
  status: 'complete' | 'stopped' | 'already-complete';
  settings: GeneratorSettings;
  total: number;
  /** Cases already in the database when this run started (a resumed run). */
  startedWith: number;
  done: number;
  /** Rows written by this run, per table. */
  rows: Record<string, number>;
  elapsedMs: number;
}

/** Generate cases [from, to) into COPY text, giving way to I/O every few cases. */
async function buildChunk(
  context: GeneratorContext,
  from: number,
  to: number,
): Promise<{ from: number; to: number; batch: CopyBatch; caseIds: string[] }> {
  const batch = new CopyBatch();
  const caseIds: string[] = [];
  for (let index = from; index < to; index += 1) {
    const generated = generateCase(context, index);
    caseRows(batch, generated);
    caseIds.push(generated.case.id);
    if ((index - from) % 50 === 49) await setImmediate();
  }
  return { from, to, batch, caseIds };
}

/** pg_trigger.tgtype's bit for a trigger that fires on INSERT (and so on COPY). */
const TRIGGER_ON_INSERT = 4;

/** The run cannot go ahead as asked (the message says why and what to do). */
export class GeneratorRefusal extends Error {}

export function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

function checkResume(run: RunState, options: GenerateOptions): void {
  const differences: string[] = [];
  if (run.seed !== options.seed) differences.push(`--seed ${run.seed} (you gave ${options.seed})`);
  if (run.targetCases !== options.cases) differences.push(`--cases ${run.targetCases} (you gave ${options.cases})`);
  if (run.years !== options.years) differences.push(`--years ${run.years} (you gave ${options.years})`);
  if (options.until && run.until.getTime() !== options.until.getTime())
    differences.push(`until ${run.until.toISOString()} (you gave ${options.until.toISOString()})`);
  if (run.generatorVersion !== GENERATOR_VERSION)
    differences.push(`generator version ${run.generatorVersion} (this is version ${GENERATOR_VERSION})`);
  if (differences.length > 0) {
    const state =
      run.casesDone >= run.targetCases
        ? `It is complete (${run.casesDone} cases). Add --reset to remove the generated data and generate again.`
        : `It has ${run.casesDone} of ${run.targetCases} cases. Run the same command as before to resume it, ` +
          'or add --reset to remove the generated data and start again.';
    throw new GeneratorRefusal(
      `The database holds a generator run with different settings: ${differences.join(', ')}. ${state}`,
    );
  }
}

async function copyTables(
  tx: BulkTransaction,
  batch: CopyBatch,
  tables: readonly { name: string; columns: readonly string[]; skipExisting?: boolean }[],
  rows: Record<string, number>,
) {
  for (const table of tables) {
    await tx.copy(table.name, table.columns, batch.text(table.name), { skipExisting: table.skipExisting ?? false });
    rows[table.name] = (rows[table.name] ?? 0) + batch.count(table.name);
  }
}

/**
 * Fill the database with synthetic cases, in chunks of `batch` cases. Each chunk is one
 * transaction together with the progress record, so an interrupted run leaves whole
 * chunks only and the next run with the same settings carries on after the last one.
 */
export async function generate(database: Database, options: GenerateOptions): Promise<GenerateResult> {
  const clock = options.clock ?? (() => new Date());
  const started = Date.now();
  await ensureRunTable(database);
  let run = await readRun(database);
  if (run) checkResume(run, options);
  else if (await hasGeneratedData(database)) {
    throw new GeneratorRefusal(
      'The database holds generated data without a record of the run that wrote it. ' +
        'Add --reset to remove the generated data first.',
    );
  }
  const settings: GeneratorSettings = {
    seed: options.seed,
    years: options.years,
    until: run?.until ?? options.until ?? startOfUtcDay(clock()),
  };
  const rows: Record<string, number> = {};
  const startedWith = run?.casesDone ?? 0;
  const result = (status: GenerateResult['status'], done: number): GenerateResult => ({
    status,
    settings,
    total: options.cases,
    startedWith,
    done,
    rows,
    elapsedMs: Date.now() - started,
  });
  if (run && run.casesDone >= run.targetCases) return result('already-complete', run.casesDone);

  const context = createContext(settings);
  // Foreign-key checks are skipped while writing when the role may (most of COPY's cost);
  // every reference is checked once at the end instead.
  // (Only while the written tables have no insert triggers of their own, which replica mode
  // would skip too; triggers on update or delete, like the court's version bumps, never fire on COPY.
  // The triggers whose work the generator does itself, once per chunk, do not count.)
  const written = [...ORGANISATION_TABLES, ...WRITTEN_CASE_TABLES].map((t) => t.name);
  const [triggers] = await database.query<{ n: string }>(
    `SELECT count(*) AS n FROM pg_trigger WHERE NOT tgisinternal AND (tgtype & ${TRIGGER_ON_INSERT}) <> 0
       AND tgenabled = 'O' AND tgname NOT IN (${Object.keys(TRIGGERS_DONE_BY_THE_GENERATOR)
         .map((t) => `'${t}'`)
         .join(', ')})
       AND tgrelid::regclass::text IN (${written.map((t) => `'${t}'`).join(', ')})`,
  );
  const connection = await openBulkConnection(database, { skipForeignKeyChecks: Number(triggers?.n ?? 0) === 0 });
  let done = startedWith;
  try {
    if (!run) {
      const batch = new CopyBatch();
      organisationRows(batch, context.organisation);
      await connection.transaction(async (tx) => {
        await insertRun(tx, {
          seed: options.seed,
          targetCases: options.cases,
          years: options.years,
          until: settings.until,
          chunkSize: options.batch,
          now: clock(),
        });
        await copyTables(tx, batch, ORGANISATION_TABLES, rows);
      });
      run = await readRun(database);
    }
    let chunks = 0;
    options.onStart?.({ total: options.cases, startedWith });
    const more = () =>
      done < options.cases &&
      !options.signal?.aborted &&
      (options.maxChunks === undefined || chunks < options.maxChunks);
    // While one chunk is being written, the next is generated: the database and this
    // process then work at the same time (on two cores, about a quarter faster).
    let next = more() ? buildChunk(context, done, Math.min(options.cases, done + options.batch)) : null;
    while (next) {
      const chunk = await next;
      const write = connection.transaction(async (tx) => {
        // The progress record first: a second generator on the same database waits here, then stops.
        await recordChunk(tx, {
          from: chunk.from,
          to: chunk.to,
          chunkSize: options.batch,
          finished: chunk.to >= options.cases,
          now: clock(),
        });
        await copyTables(tx, chunk.batch, WRITTEN_CASE_TABLES, rows);
        for (const statement of Object.values(TRIGGERS_DONE_BY_THE_GENERATOR))
          await tx.query(statement, [chunk.caseIds]);
      });
      const following = chunks + 1 < (options.maxChunks ?? Number.POSITIVE_INFINITY) && chunk.to < options.cases;
      next = following ? buildChunk(context, chunk.to, Math.min(options.cases, chunk.to + options.batch)) : null;
      // If the write fails, the chunk being built is not needed: let it finish quietly.
      next?.catch(() => undefined);
      await write;
      done = chunk.to;
      chunks += 1;
      options.onProgress?.({ done, total: options.cases, startedWith, timelineRows: rows.timeline_event ?? 0 });
      if (!more()) next = null;
    }
  } finally {
    await connection.release();
  }
  if (connection.skippedForeignKeyChecks && done > startedWith) {
    const dangling = await findDanglingReferences(database, written);
    if (dangling.length > 0)
      throw new Error(
        `Generated rows refer to rows that do not exist (${dangling.map((d) => `${d.constraint}: ${d.rows}`).join(', ')}). ` +
          'This is a bug in the generator: remove the data with --reset.',
      );
  }
  const status = done >= options.cases ? 'complete' : 'stopped';
  // Fresh planner statistics, so queries on the new data are planned well straight away.
  if (status === 'complete') await database.exec(`ANALYZE ${WRITTEN_CASE_TABLES.map((t) => t.name).join(', ')}`);
  await database.db.transaction(async (tx) => {
    await appendAudit(tx, { userId: null, role: 'generator', requestId: null, clientIp: null }, clock(), [
      {
        action: 'create',
        resourceType: 'generated-data',
        resourceIds: [String(done - startedWith)],
        reason:
          `Synthetic data: cases ${startedWith + 1}–${done} of ${options.cases} ` +
          `(seed ${options.seed}, ${options.years} years to ${settings.until.toISOString().slice(0, 10)})` +
          (status === 'stopped' ? ', stopped before the end' : ''),
      },
    ]);
  });
  return result(status, done);
}

/** Rows per table now in the database (for the summary). */
export async function tableCounts(database: Database): Promise<Record<string, number>> {
  const names = [...ORGANISATION_TABLES, ...WRITTEN_CASE_TABLES].map((t) => t.name);
  const [row] = await database.query<Record<string, string>>(
    `SELECT ${names.map((n) => `(SELECT count(*) FROM ${n}) AS ${n}`).join(', ')}`,
  );
  return Object.fromEntries(names.map((n) => [n, Number(row?.[n] ?? 0)]));
}
