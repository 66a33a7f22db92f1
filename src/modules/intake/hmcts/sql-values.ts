import { type SQL, sql } from 'drizzle-orm';

/** Small helpers that write values into the import's SQL statements. */
export const textArray = (values: readonly string[]): SQL =>
  values.length === 0
    ? sql`'{}'::text[]`
    : sql`ARRAY[${sql.join(
        values.map((v) => sql`${v}`),
        sql`, `,
      )}]::text[]`;

export const json = (value: unknown): SQL => sql`${JSON.stringify(value)}::jsonb`;

export const uuid = (id: string) => sql`${id}::uuid`;

export const values = (rows: SQL[]) => sql.join(rows, sql`, `);
