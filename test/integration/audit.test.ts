import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { appendAudit, appendAuditNow, verifyAuditChain } from '../../src/platform/audit/audit.ts';
import { TRANSACTION_CHAINS } from '../../src/platform/audit/schema.ts';
import type { Db } from '../../src/platform/db/database.ts';
import { createUser, signedIn, type TestApp, testApp } from '../helpers/app.ts';
import { seedCase } from '../helpers/cases.ts';

const actor = { userId: null, role: 'test', requestId: 'r1', clientIp: '127.0.0.1' };

describe('audit trail', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('chains every row to the one before, in order, and the chain verifies', async () => {
    await t.database.db.transaction((tx) =>
      appendAudit(tx, actor, new Date('2026-03-02T10:00:00.123Z'), [
        { action: 'view', resourceType: 'case', resourceIds: ['a'] },
        {
          action: 'change',
          resourceType: 'case',
          resourceIds: ['b'],
          fieldCategories: ['case-summary'],
          reason: 'why',
        },
      ]),
    );
    const result = await verifyAuditChain(t.database.db);
    assert.equal(result.ok, true, result.problems.join('; '));
    assert.ok(result.rowsChecked >= 2);
    const rows = await t.database.query<{ chain: number; seq: string; prev_hash: string; hash: string }>(
      'SELECT chain, seq, prev_hash, hash FROM audit_event ORDER BY chain, seq',
    );
    for (let i = 1; i < rows.length; i += 1) {
      if (rows[i]!.chain === rows[i - 1]!.chain) assert.equal(rows[i]!.prev_hash, rows[i - 1]!.hash);
    }
    // One transaction's rows stay together in one chain.
    const chains = await t.database.query<{ n: number }>(
      "SELECT count(DISTINCT chain)::int AS n FROM audit_event WHERE resource_ids && ARRAY['a', 'b']",
    );
    assert.equal(chains[0]!.n, 1);
  });

  it('spreads concurrent transactions over several chains instead of queueing them on one lock', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.database.db.transaction(async (tx) => {
          await appendAudit(tx, actor, new Date('2026-03-02T10:00:01Z'), [
            { action: 'view', resourceType: 'case', resourceIds: [`c${i}`] },
          ]);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }),
      ),
    );
    assert.equal((await verifyAuditChain(t.database.db)).ok, true);
    if (t.database.kind === 'postgres') {
      const [used] = await t.database.query<{ n: number }>(
        "SELECT count(DISTINCT chain)::int AS n FROM audit_event WHERE resource_ids[1] LIKE 'c%'",
      );
      assert.ok(used!.n > 1, `used ${used!.n} chain(s)`);
    }
  });

  it('appends rows after a read on their own chains, in one statement once a chain is known', async () => {
    const before = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_event');
    const at = new Date('2026-03-02T10:00:02Z');
    // More appends than there are standalone chains: each chain's first use reads its head, later ones do not.
    for (let i = 0; i < 40; i += 1) {
      await appendAuditNow(t.database.db, actor, at, [
        { action: 'view', resourceType: 'case', resourceIds: [`now${i}`] },
        { action: 'search', resourceType: 'case', resourceIds: [`now${i}b`], fieldCategories: ['case-summary'] },
      ]);
    }
    const [after] = await t.database.query<{ n: number; low: number }>(
      `SELECT count(*)::int AS n, min(chain)::int AS low FROM audit_event WHERE resource_ids[1] LIKE 'now%'`,
    );
    assert.equal(after!.n, 80);
    assert.ok(after!.low > TRANSACTION_CHAINS, 'standalone appends keep off the transaction chains');
    assert.equal(
      after!.n + before[0]!.n,
      (await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_event'))[0]!.n,
    );
    const result = await verifyAuditChain(t.database.db);
    assert.equal(result.ok, true, result.problems.join('; '));
  });

  it('keeps every chain whole when two processes append to the same chains, one after the other and at once', async () => {
    // A second handle on the same database has its own memory of the heads, as another process would.
    const client = (t.database.db as unknown as { $client: never }).$client;
    const other = (t.database.kind === 'pglite'
      ? drizzlePglite({ client })
      : drizzleNodePg({ client })) as unknown as Db;
    const at = new Date('2026-03-02T10:00:03Z');
    const entry = (tag: string) => [{ action: 'view' as const, resourceType: 'case', resourceIds: [tag] }];
    for (let i = 0; i < 40; i += 1) {
      await appendAuditNow(t.database.db, actor, at, entry(`pa${i}`));
      await appendAuditNow(other, actor, at, entry(`pb${i}`));
    }
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => appendAuditNow(i % 2 ? other : t.database.db, actor, at, entry(`pc${i}`))),
    );
    const [rows] = await t.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_event WHERE resource_ids[1] ~ '^p[abc][0-9]+$'",
    );
    assert.equal(rows!.n, 110);
    const result = await verifyAuditChain(t.database.db);
    assert.equal(result.ok, true, result.problems.join('; '));
  });

  it('cannot be updated, deleted or truncated by the application', async () => {
    for (const statement of [
      "UPDATE audit_event SET reason = 'x'",
      'DELETE FROM audit_event',
      'TRUNCATE audit_event',
    ]) {
      await assert.rejects(t.database.exec(statement), /append-only/, statement);
    }
    await assert.rejects(t.database.exec('DELETE FROM audit_chain_head'), /only move forward/);
    await assert.rejects(t.database.exec('UPDATE audit_chain_head SET seq = 0'), /only move forward/);
    assert.equal((await verifyAuditChain(t.database.db)).ok, true);
  });

  it('detects a row altered behind the application’s back (triggers disabled by an owner)', async () => {
    const scratch = await testApp();
    try {
      await scratch.database.db.transaction((tx) =>
        appendAudit(tx, actor, new Date('2026-03-02T10:00:00Z'), [
          { action: 'view', resourceType: 'case', resourceIds: ['a'] },
          { action: 'view', resourceType: 'case', resourceIds: ['b'] },
          { action: 'view', resourceType: 'case', resourceIds: ['c'] },
        ]),
      );
      await scratch.database.exec(`
        ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update;
        UPDATE audit_event SET resource_ids = ARRAY['tampered'] WHERE seq = 2;
        ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update;`);
      const tampered = await verifyAuditChain(scratch.database.db);
      assert.equal(tampered.ok, false);
      assert.ok(tampered.problems.some((p) => p.includes('row 2 has been altered')));
      await scratch.database.exec(`
        ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update;
        DELETE FROM audit_event WHERE seq = 2;
        UPDATE audit_event SET resource_ids = ARRAY['b'] WHERE seq = 2;
        ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update;`);
      const removed = await verifyAuditChain(scratch.database.db);
      assert.ok(removed.problems.some((p) => p.includes('row 2 is missing')));
    } finally {
      await scratch.close();
    }
  });

  it('fails the request, with no case data in the answer, when the audit row cannot be written', async () => {
    const fca = await createUser(t.database, 'fca');
    const kase = await seedCase(t.database, { allocateTo: fca.userId });
    const s = await signedIn(t.app, fca.email);
    assert.equal((await s.get(`/cases/${kase.caseId}`)).statusCode, 200);
    await t.database.exec('ALTER TABLE audit_event ADD CONSTRAINT audit_test_refuse CHECK (seq < 0) NOT VALID');
    try {
      const r = await s.get(`/cases/${kase.caseId}`);
      assert.equal(r.statusCode, 500);
      assert.ok(!r.body.includes('Testchild'));
      assert.ok(!r.body.includes(kase.reference));
      assert.match(r.body, /Sorry, there is a problem with the service/);
      assert.ok(!/at .*\.ts:\d+/.test(r.body), 'no stack trace');
      assert.ok(!r.body.includes('audit_test_refuse'), 'no SQL detail');
      const note = await s.get(`/cases/${kase.caseId}`);
      assert.equal(note.statusCode, 500);
    } finally {
      await t.database.exec('ALTER TABLE audit_event DROP CONSTRAINT audit_test_refuse');
    }
    assert.equal((await s.get(`/cases/${kase.caseId}`)).statusCode, 200);
    assert.equal((await verifyAuditChain(t.database.db)).ok, true);
  });
});
