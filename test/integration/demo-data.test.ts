import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hasAnyAccounts, loadDemoData } from '../../src/demo/demo-data.ts';
import { verifyAuditChain } from '../../src/platform/audit/audit.ts';
import { ROLES } from '../../src/platform/authorisation/roles.ts';
import { Session, type TestApp, testApp } from '../helpers/app.ts';

describe('demo data', () => {
  let t: TestApp;
  let signIns: Awaited<ReturnType<typeof loadDemoData>>;
  before(async () => {
    t = await testApp();
    assert.equal(await hasAnyAccounts(t.database.db), false);
    signIns = await loadDemoData(t.database.db, { password: 'demo-password-for-tests', now: t.clock.now(), cases: 60 });
  });
  after(() => t.close());

  it('creates one sign-in per role, named <role>@demo.childvoice.test, that works', async () => {
    assert.deepEqual(
      signIns.map((s) => s.email),
      ROLES.map((r) => `${r}@demo.childvoice.test`),
    );
    for (const { email } of signIns) {
      const r = await new Session(t.app).signIn(email, 'demo-password-for-tests');
      assert.equal(r.statusCode, 303, email);
    }
    assert.equal(await hasAnyAccounts(t.database.db), true);
  });

  it('creates synthetic cases with children, both parents, confidential addresses, restricted cases and returning families', async () => {
    type Counts = Record<
      'cases' | 'restricted' | 'children' | 'parties' | 'confidential' | 'returning' | 'allocations' | 'events',
      number
    >;
    const [counts] = await t.database.query<Counts>(`SELECT
      (SELECT count(*)::int FROM case_record) AS cases,
      (SELECT count(*)::int FROM case_record WHERE restricted) AS restricted,
      (SELECT count(*)::int FROM case_child) AS children,
      (SELECT count(*)::int FROM case_party) AS parties,
      (SELECT count(*)::int FROM contact_detail WHERE confidential) AS confidential,
      (SELECT count(*)::int FROM (SELECT person_id FROM case_child GROUP BY person_id HAVING count(*) > 1) r) AS returning,
      (SELECT count(*)::int FROM case_allocation) AS allocations,
      (SELECT count(*)::int FROM timeline_event) AS events`);
    assert.equal(counts!.cases, 60);
    assert.equal(counts!.restricted, 2);
    assert.ok(counts!.children >= 60);
    assert.equal(counts!.parties, 120);
    assert.ok(counts!.confidential > 0);
    assert.ok(counts!.returning >= 2, `returning families: ${counts!.returning}`);
    assert.ok(counts!.allocations > 0);
    assert.ok(counts!.events >= 60);
    assert.equal((await verifyAuditChain(t.database.db)).ok, true);
  });

  it('is the same for the same seed', async () => {
    const again = await testApp();
    try {
      await loadDemoData(again.database.db, { password: 'demo-password-for-tests', now: t.clock.now(), cases: 60 });
      const refs = async (x: TestApp) =>
        (
          await x.database.query<{ reference: string; law: string }>(
            'SELECT reference, law FROM case_record ORDER BY reference',
          )
        )
          .map((r) => `${r.reference}:${r.law}`)
          .join(',');
      assert.equal(await refs(again), await refs(t));
    } finally {
      await again.close();
    }
  });
});
