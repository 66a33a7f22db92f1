import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import type { Database } from '../../src/platform/db/database.ts';

/** One transaction of the generator: bulk loads with COPY, and ordinary statements. */
export interface BulkTransaction {
  /**
   * Load rows given in COPY text format (see copy-text.ts) into a table. With
   * `skipExisting`, rows whose key is already there are skipped (they are loaded into a
   * temporary table first): a person or member of staff kept by --reset because other
   * records refer to them is then not written twice by the next run with the same seed.
   */
  copy(table: string, columns: readonly string[], text: string, options?: { skipExisting?: boolean }): Promise<void>;
  query<T = Record<string, unknown>>(sqlText: string, params?: unknown[]): Promise<T[]>;
}

/** A single connection for bulk writing, so a chunk's statements share one transaction. */
export interface BulkConnection {
  transaction<T>(work: (tx: BulkTransaction) => Promise<T>): Promise<T>;
  release(): Promise<void>;
  /** Whether foreign-key checks were skipped in this connection's transactions (see `skipForeignKeyChecks`). */
  readonly skippedForeignKeyChecks: boolean;
}

export interface BulkOptions {
  /**
   * Skip foreign-key checks inside the transactions (`SET LOCAL session_replication_role =
   * replica`, as `pg_restore --disable-triggers` does) when the role is allowed to (a
   * superuser): the checks are well over half the cost of COPY, as every row looks up its
   * case, child, party and member of staff. Only for rows that refer to what the same run
   * wrote or to reference data; check them afterwards with `findDanglingReferences`.
   * The setting is local to each transaction, so the pooled connection goes back unchanged.
   */
  skipForeignKeyChecks?: boolean;
}

const copySql = (table: string, columns: readonly string[], source: string) =>
  `COPY ${table} (${columns.join(', ')}) FROM ${source}`;

/** Generator transactions need not wait for the disk: a crash loses at most the last chunks, which a resume writes again. */
const TRANSACTION_SETTINGS = 'SET LOCAL synchronous_commit = off';
const SKIP_FOREIGN_KEY_CHECKS = 'SET LOCAL session_replication_role = replica';
const IS_SUPERUSER = "SELECT current_setting('is_superuser') = 'on' AS superuser";

type RawCopy = (table: string, columns: readonly string[], text: string) => Promise<void>;

function copier(raw: RawCopy, query: (sqlText: string) => Promise<unknown>): BulkTransaction['copy'] {
  return async (table, columns, text, options) => {
    if (text.length === 0) return;
    if (!options?.skipExisting) return raw(table, columns, text);
    const stage = `generator_stage_${table}`;
    const list = columns.join(', ');
    await query(`CREATE TEMP TABLE ${stage} (LIKE ${table} INCLUDING DEFAULTS) ON COMMIT DROP`);
    await raw(stage, columns, text);
    await query(`INSERT INTO ${table} (${list}) SELECT ${list} FROM ${stage} ON CONFLICT DO NOTHING`);
    await query(`DROP TABLE ${stage}`);
  };
}

/** The driver client behind the database: a pg pool on a server, the PGlite instance otherwise. */
function driverClient(database: Database): unknown {
  return (database.db as unknown as { $client: unknown }).$client;
}

/**
 * On a PostgreSQL server, COPY … FROM STDIN through pg-copy-streams on one pooled
 * connection; on PGlite, which has no COPY stream, COPY … FROM '/dev/blob' with the
 * rows passed as a Blob.
 */
export async function openBulkConnection(database: Database, options: BulkOptions = {}): Promise<BulkConnection> {
  const superuser = async (query: (sqlText: string) => Promise<{ superuser: boolean }[]>) =>
    options.skipForeignKeyChecks === true && (await query(IS_SUPERUSER))[0]?.superuser === true;
  if (database.kind === 'pglite') {
    const client = driverClient(database) as PGlite;
    const skip = await superuser(async (sqlText) => (await client.query<{ superuser: boolean }>(sqlText)).rows);
    return {
      skippedForeignKeyChecks: skip,
      transaction: (work) =>
        client.transaction(async (tx: Transaction) => {
          await tx.query(TRANSACTION_SETTINGS);
          if (skip) await tx.query(SKIP_FOREIGN_KEY_CHECKS);
          return work({
            copy: copier(
              async (table, columns, text) => {
                await tx.query(copySql(table, columns, "'/dev/blob'"), [], { blob: new Blob([text]) });
              },
              (sqlText) => tx.query(sqlText),
            ),
            query: async <T>(sqlText: string, params: unknown[] = []) => (await tx.query<T>(sqlText, params)).rows,
          });
        }),
      release: async () => undefined,
    };
  }
  const pool = driverClient(database) as pg.Pool;
  const connection = await pool.connect();
  let broken = false;
  let skip: boolean;
  try {
    skip = await superuser(async (sqlText) => (await connection.query(sqlText)).rows);
  } catch (error) {
    connection.release();
    throw error;
  }
  return {
    skippedForeignKeyChecks: skip,
    transaction: async (work) => {
      await connection.query('BEGIN');
      try {
        await connection.query(TRANSACTION_SETTINGS);
        if (skip) await connection.query(SKIP_FOREIGN_KEY_CHECKS);
        const result = await work({
          copy: copier(
            async (table, columns, text) => {
              const stream = connection.query(copyStreams.from(copySql(table, columns, 'STDIN')));
              await pipeline(Readable.from([Buffer.from(text)]), stream);
            },
            (sqlText) => connection.query(sqlText),
          ),
          query: async <T>(sqlText: string, params: unknown[] = []) =>
            (await connection.query(sqlText, params)).rows as T[],
        });
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        await connection.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw error;
      }
    },
    release: async () => connection.release(broken),
  };
}

/**
 * Rows of the given tables whose single-column foreign keys point at nothing, per
 * constraint (empty when all is well): what the skipped checks would have refused.
 */
export async function findDanglingReferences(
  database: Database,
  tables: readonly string[],
): Promise<{ constraint: string; rows: number }[]> {
  const keys = await database.query<{ name: string; child: string; column: string; parent: string; key: string }>(
    `SELECT c.conname AS name, c.conrelid::regclass::text AS child, a.attname AS column,
       c.confrelid::regclass::text AS parent, f.attname AS key
     FROM pg_constraint c
     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
     JOIN pg_attribute f ON f.attrelid = c.confrelid AND f.attnum = c.confkey[1]
     WHERE c.contype = 'f' AND cardinality(c.conkey) = 1
       AND c.conrelid::regclass::text IN (${tables.map((t) => `'${t.replace(/'/g, "''")}'`).join(', ')})
     ORDER BY 1`,
  );
  const found: { constraint: string; rows: number }[] = [];
  for (const k of keys) {
    const [row] = await database.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${k.child} t WHERE t.${k.column} IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM ${k.parent} p WHERE p.${k.key} = t.${k.column})`,
    );
    const rows = Number(row?.n ?? 0);
    if (rows > 0) found.push({ constraint: k.name, rows });
  }
  return found;
}
