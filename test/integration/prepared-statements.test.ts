import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/platform/db/database.ts';
import { type TestDatabase, testDatabase } from '../helpers/database.ts';

describe('prepared statements', () => {
  let database: TestDatabase;
  before(async () => {
    database = await testDatabase();
  });
  after(() => database.destroy());

  it('prepares a repeated statement on a server connection (not on PGlite) and gives the same answers', async () => {
    // One transaction: one connection, whose prepared statements pg_prepared_statements lists.
    const answers = await database.db.transaction(async (tx) => {
      const seen: number[] = [];
      for (const value of [3, 4, 5]) {
        const [row] = await queryRows<{ v: number }>(tx, sql`SELECT ${value}::int * 2 AS v`);
        seen.push(row!.v);
      }
      const prepared = await queryRows<{ statement: string }>(
        tx,
        sql`SELECT statement FROM pg_prepared_statements WHERE name LIKE 'cv\_%'`,
      );
      return { seen, prepared: prepared.map((p) => p.statement) };
    });
    assert.deepEqual(answers.seen, [6, 8, 10]);
    // PGlite runs in this process: there is no connection to keep statements on, and none are named.
    assert.equal(
      answers.prepared.some((s) => s.includes('::int * 2')),
      database.kind === 'postgres',
      `prepared: ${answers.prepared.join(' | ')}`,
    );
  });

  it('runs a statement that fails, and the same one again, without losing the connection', async () => {
    for (let i = 0; i < 3; i += 1) {
      await assert.rejects(queryRows(database.db, sql`SELECT 1 / ${0}::int AS v`), (error: Error) =>
        /division by zero/.test(String(error.cause ?? error)),
      );
    }
    const [row] = await queryRows<{ v: number }>(database.db, sql`SELECT 1 / ${1}::int AS v`);
    assert.equal(row!.v, 1);
  });
});
