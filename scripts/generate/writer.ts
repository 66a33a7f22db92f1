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
}

const copySql = (table: string, columns: readonly string[], source: string) =>
  `COPY ${table} (${columns.join(', ')}) FROM ${source}`;

/** Generator transactions need not wait for the disk: a crash loses at most the last chunks, which a resume writes again. */
const TRANSACTION_SETTINGS = 'SET LOCAL synchronous_commit = off';

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
export async function openBulkConnection(database: Database): Promise<BulkConnection> {
  if (database.kind === 'pglite') {
    const client = driverClient(database) as PGlite;
    return {
      transaction: (work) =>
        client.transaction(async (tx: Transaction) => {
          await tx.query(TRANSACTION_SETTINGS);
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
  return {
    transaction: async (work) => {
      await connection.query('BEGIN');
      try {
        await connection.query(TRANSACTION_SETTINGS);
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
