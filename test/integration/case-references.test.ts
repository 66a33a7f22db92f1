import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { nextCaseReference, reserveCaseReferences } from '../../src/modules/casework/service.ts';
import { seedCase } from '../helpers/cases.ts';
import { type TestDatabase, testDatabase } from '../helpers/database.ts';

describe('case references', () => {
  let database: TestDatabase;
  before(async () => {
    database = await testDatabase();
  });
  after(() => database.close());

  it('start after the highest reference of the year already present, then count on', async () => {
    const existing = await seedCase(database, { teamId: null });
    await database.db.execute(sql`UPDATE case_record SET reference = 'CV-2031-000041' WHERE id = ${existing.caseId}`);
    const first = await database.db.transaction((tx) => nextCaseReference(tx, 2031));
    assert.equal(first, 'CV-2031-000042');
    const second = await database.db.transaction((tx) => nextCaseReference(tx, 2031));
    assert.equal(second, 'CV-2031-000043');
    // A year of its own starts at one.
    assert.equal(await database.db.transaction((tx) => nextCaseReference(tx, 2032)), 'CV-2032-000001');
  });

  it('reserve a block for an import, and give nothing twice even when a transaction is undone', async () => {
    const block = await database.db.transaction((tx) => reserveCaseReferences(tx, 2033, 5));
    assert.equal(block, 1);
    await assert.rejects(
      database.db.transaction(async (tx) => {
        await reserveCaseReferences(tx, 2033, 3);
        throw new Error('the import failed');
      }),
      /the import failed/,
    );
    // The undone reservation is given back with its transaction: numbers stay consecutive.
    assert.equal(await database.db.transaction((tx) => reserveCaseReferences(tx, 2033, 1)), 6);
  });

  it('never give the same number to intakes running at once', async () => {
    const taken = await Promise.all(
      Array.from({ length: 8 }, () => database.db.transaction((tx) => nextCaseReference(tx, 2034))),
    );
    assert.equal(new Set(taken).size, 8);
    assert.deepEqual(
      [...taken].sort(),
      Array.from({ length: 8 }, (_, i) => `CV-2034-${String(i + 1).padStart(6, '0')}`),
    );
  });
});
