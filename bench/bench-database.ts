import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { syncReferenceData } from '../src/modules/organisation/service.ts';
import { type Database, openDatabase, queryRows } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { onCleanup } from './cleanup.ts';
import { type BenchFixture, prepareFixture } from './fixture.ts';
import { kpisReady } from './kpis-ready.ts';
import { type Populator, populate } from './populate.ts';
import { createDatabase, databaseExists, databaseUrl, dropDatabase } from './postgres-server.ts';

/** The KPI read model brought up to date before any app serves the database (see kpisReady). */
async function measureKpis(database: Database, name: string): Promise<void> {
  const r = await kpisReady(database.db, (n) => {
    if (n % 50_000 < 2000) process.stdout.write(`\r  ${name}: measuring KPIs, ${n} cases`);
  });
  if (r.waiting > 0) {
    console.log(
      `\r  ${name}: KPIs ${r.how === 'rebuild' ? 'rebuilt' : 'refreshed'}, ${r.cases} cases in ${r.seconds.toFixed(0)} s`,
    );
  }
}

/** A populated database with the bench fixture, ready for an app process to serve. */
export interface PreparedDatabase {
  kind: 'server' | 'pglite';
  /** Server database name or PGlite data directory. */
  name: string;
  /** DATABASE_URL or DATA_DIR for the app process. */
  appEnv: Record<string, string>;
  /** Cases in the database. */
  cases: number;
  /** How it was filled. */
  populatedBy: Populator | 'existing';
  fixture: BenchFixture;
  /** Open it in this process (PGlite: only while no app process has it open). */
  open(poolSize?: number): Promise<Database>;
}

async function countCases(database: Database): Promise<number> {
  const [row] = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM case_record`);
  return row?.n ?? 0;
}

async function schemaReady(database: Database): Promise<void> {
  await migrate(database);
  await syncReferenceData(database.db);
}

export interface ServerDatabaseOptions {
  adminUrl: string;
  name: string;
  cases: number;
  seed: number;
  populator: Populator;
  /** Drop it at the end of the run (fresh databases only). */
  drop: boolean;
  /** Use it as it is when it already holds at least 95% of `cases` (else remake it). */
  reuseIfPopulated?: boolean;
  /** It exists and is populated already (`--large-db`): never made, remade or dropped. */
  existing?: boolean;
}

export async function prepareServerDatabase(options: ServerDatabaseOptions): Promise<PreparedDatabase> {
  const url = databaseUrl(options.adminUrl, options.name);
  const open = (poolSize = 10) => openDatabase({ kind: 'postgres', url, poolSize });
  let populatedBy: PreparedDatabase['populatedBy'] = 'existing';
  let database: Database;
  if (options.existing) {
    if (!(await databaseExists(options.adminUrl, options.name))) {
      throw new Error(`database ${options.name} does not exist on the server`);
    }
    database = await open(2);
    await schemaReady(database);
  } else {
    let reuse = false;
    let resume = false;
    if (options.reuseIfPopulated && (await databaseExists(options.adminUrl, options.name))) {
      const probe = await open(1);
      let count = 0;
      try {
        count = await countCases(probe);
      } catch {
        count = 0;
      } finally {
        await probe.close();
      }
      reuse = count >= options.cases * 0.95;
      // The generator resumes an interrupted run; the demo loader starts again.
      resume = !reuse && count > 0 && options.populator === 'generator';
      if (reuse) console.log(`  reusing ${options.name}: it already holds ${count} cases`);
      if (resume) console.log(`  ${options.name} holds ${count} cases: resuming the generator`);
    }
    if (!reuse && !resume) {
      await dropDatabase(options.adminUrl, options.name);
      await createDatabase(options.adminUrl, options.name);
    }
    if (options.drop) {
      onCleanup(`drop database ${options.name}`, () => dropDatabase(options.adminUrl, options.name));
    }
    database = await open(2);
    await schemaReady(database);
    if (!reuse) {
      await populate(
        options.populator,
        { kind: 'server', url },
        { cases: options.cases, seed: options.seed, database },
      );
      populatedBy = options.populator;
    }
  }
  try {
    await measureKpis(database, options.name);
    const fixture = await prepareFixture(database.db);
    const cases = await countCases(database);
    return { kind: 'server', name: options.name, appEnv: { DATABASE_URL: url }, cases, populatedBy, fixture, open };
  } finally {
    await database.close();
  }
}

export async function preparePgliteDatabase(options: {
  cases: number;
  seed: number;
  populator: Populator;
  keep: boolean;
}): Promise<PreparedDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), 'childvoice-bench-'));
  if (!options.keep) {
    onCleanup(
      `remove ${dataDir}`,
      () => rm(dataDir, { recursive: true, force: true, maxRetries: 3 }),
      () => rmSync(dataDir, { recursive: true, force: true }),
    );
  }
  const open = () => openDatabase({ kind: 'pglite', dataDir });
  let database = await open();
  try {
    await schemaReady(database);
    if (options.populator === 'generator') {
      // PGlite is single-process: the generator opens the directory itself.
      await database.close();
      await populate('generator', { kind: 'pglite', dataDir }, { cases: options.cases, seed: options.seed });
      database = await open();
    } else {
      await populate('demo', { kind: 'pglite', dataDir }, { cases: options.cases, seed: options.seed, database });
    }
    await measureKpis(database, 'PGlite');
    const fixture = await prepareFixture(database.db);
    const cases = await countCases(database);
    return {
      kind: 'pglite',
      name: dataDir,
      appEnv: { DATA_DIR: dataDir },
      cases,
      populatedBy: options.populator,
      fixture,
      open,
    };
  } finally {
    await database.close().catch(() => undefined);
  }
}
