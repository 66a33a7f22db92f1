import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { type ExtractTablesWithRelations, type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { type PgDatabase, type PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { preparingClient, StatementNames } from './prepared-statements.ts';

export type Db = PgDatabase<PgQueryResultHKT>;
export type Tx = PgTransaction<
  PgQueryResultHKT,
  Record<string, never>,
  ExtractTablesWithRelations<Record<string, never>>
>;
/** Anything that can run a query: the database itself or an open transaction. */
export type Executor = Db | Tx;

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  readonly kind: DatabaseKind;
  readonly db: Db;
  /** Run a SQL script (several statements, no parameters). Used by migrations and tests. */
  exec(sqlText: string): Promise<void>;
  /** Run one parameterised statement and return its rows. */
  query<T = Record<string, unknown>>(sqlText: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob }
  | { kind: 'postgres'; url: string; poolSize?: number; preparedStatements?: boolean };

// Dates and timestamps come back as strings on both drivers, so calendar dates are
// never shifted by the process time zone.
const DATE_OIDS = [1082, 1114, 1184];

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.kind === 'pglite') {
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    const client = await PGlite.create({
      dataDir: options.dataDir,
      loadDataDir: options.loadDataDir,
      extensions: { pg_trgm, fuzzystrmatch },
      parsers: Object.fromEntries(DATE_OIDS.map((oid) => [oid, (v: string) => v])),
    });
    const db = drizzlePglite({ client }) as unknown as Db;
    return {
      kind: 'pglite',
      db,
      exec: async (sqlText) => {
        try {
          await client.exec(sqlText);
        } catch (error) {
          // A script that failed inside BEGIN leaves the session in an aborted transaction.
          await client.exec('ROLLBACK').catch(() => undefined);
          throw error;
        }
      },
      query: async <T>(sqlText: string, params: unknown[] = []) => (await client.query<T>(sqlText, params)).rows,
      close: () => client.close(),
    };
  }
  const types = {
    getTypeParser: (oid: number, format?: string) =>
      DATE_OIDS.includes(oid) ? (v: string) => v : pg.types.getTypeParser(oid, format as 'text'),
  };
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    types,
    // Repeated statements are prepared on each connection (see prepared-statements.ts).
    ...(options.preparedStatements === false ? {} : { Client: preparingClient(new StatementNames()) }),
  });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it. Requests see their own errors.
  });
  const db = drizzleNodePg({ client: pool }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    exec: async (sqlText) => {
      const connection = await pool.connect();
      try {
        await connection.query(sqlText);
      } catch (error) {
        await connection.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        connection.release();
      }
    },
    query: async <T>(sqlText: string, params: unknown[] = []) => (await pool.query(sqlText, params)).rows as T[],
    close: () => pool.end(),
  };
}

/** Run a raw SQL query (built with drizzle's `sql` template, so parameterised) and return its rows. */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * Independent reads, together where they can be: at the same time on the database's pool,
 * one after another in a transaction (it has one connection, which runs one query at a time;
 * pg warns about overlapping queries on a client, and will refuse them).
 */
export async function readsTogether<T extends readonly unknown[]>(
  db: Executor,
  reads: { readonly [K in keyof T]: () => Promise<T[K]> },
): Promise<T> {
  if (!(db instanceof PgTransaction)) return (await Promise.all(reads.map((read) => read()))) as unknown as T;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as unknown as T;
}

/** A parameterised list for `IN (…)`: each value is a bound parameter, never spliced text. */
export function sqlList(values: readonly string[]): SQL {
  return sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );
}

/** The database the configuration names: the PostgreSQL server at its URL, or PGlite in its data folder. */
export function openConfiguredDatabase(
  database: { url?: string; dataDir: string; poolSize: number; preparedStatements?: boolean },
  poolSize = database.poolSize,
): Promise<Database> {
  return database.url
    ? openDatabase({ kind: 'postgres', url: database.url, poolSize, preparedStatements: database.preparedStatements })
    : openDatabase({ kind: 'pglite', dataDir: database.dataDir });
}
