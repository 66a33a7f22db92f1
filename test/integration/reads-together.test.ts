import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { type Executor, queryRows, readsTogether } from '../../src/platform/db/database.ts';
import { type TestDatabase, testDatabase } from '../helpers/database.ts';

describe('readsTogether', () => {
  let database: TestDatabase;
  before(async () => {
    database = await testDatabase();
  });
  after(() => database.destroy());

  /** Two reads that note when each starts and ends. */
  function reads(db: Executor, log: string[]) {
    const read = (name: string, value: number) => async () => {
      log.push(`${name} starts`);
      const [row] = await queryRows<{ v: number }>(db, sql`SELECT ${value}::int AS v, pg_sleep(0.02)`);
      log.push(`${name} ends`);
      return row!.v;
    };
    return [read('a', 1), read('b', 2)] as const;
  }

  it('gives each read’s result in order, and inside a transaction runs them one after another', async () => {
    const log: string[] = [];
    const result = await database.db.transaction((tx) => readsTogether(tx, reads(tx, log)));
    assert.deepEqual(result, [1, 2]);
    assert.deepEqual(log, ['a starts', 'a ends', 'b starts', 'b ends']);
  });

  it('on the database itself starts them together', async () => {
    const log: string[] = [];
    assert.deepEqual(await readsTogether(database.db, reads(database.db, log)), [1, 2]);
    assert.deepEqual(log.slice(0, 2), ['a starts', 'b starts']);
  });
});
