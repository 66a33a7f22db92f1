import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { EXPORT_LIMIT } from '../../src/modules/performance/service.ts';
import { createUser, type Session, signedIn, type TestApp, testApp } from '../helpers/app.ts';
import { seedCase } from '../helpers/cases.ts';

// A CSV export cut short would look complete: past the limit it is refused with what to do.
describe('KPI CSV export limit', () => {
  let t: TestApp;
  let analyst: Session;
  before(async () => {
    t = await testApp();
    analyst = await signedIn(t.app, (await createUser(t.database, 'performance-analyst', { teamId: null })).email);
    const c = await seedCase(t.database, { receivedOn: '2026-02-02', teamId: null });
    // One more demand unit than a file may hold (demand units are otherwise one per case).
    await t.database.db.execute(sql`INSERT INTO kpi_fact (kpi, unit_id, case_id, day, area_id, law, done_on, value)
      SELECT 'demand', ${c.caseId} || ':' || n, ${c.caseId}, DATE '2026-02-01' + (n % 28), 'eng-06', 'private',
        DATE '2026-02-01' + (n % 28), 1
      FROM generate_series(1, ${EXPORT_LIMIT + 1}) AS n`);
  });
  after(() => t.close());

  const path = '/performance/kpis/demand/export.csv?part=numerator&period=month&month=2026-02';

  it('refuses a list longer than one file holds, saying how to ask for less', async () => {
    const r = await analyst.get(path);
    assert.equal(r.statusCode, 422);
    assert.match(r.headers['content-type'] as string, /text\/html/);
    assert.ok(r.body.includes('more than 50,000 rows'), r.body.slice(0, 500));
    assert.ok(r.body.includes('Choose a shorter period'));
  });

  it('exports a list of exactly the limit whole', async () => {
    await t.database.db.execute(
      sql`DELETE FROM kpi_fact WHERE kpi = 'demand' AND unit_id = (SELECT min(unit_id) FROM kpi_fact WHERE kpi = 'demand')`,
    );
    const [{ n } = { n: 0 }] = (
      (await t.database.db.execute(
        sql`SELECT count(*)::int AS n FROM kpi_fact WHERE kpi = 'demand' AND day BETWEEN '2026-02-01' AND '2026-02-28'`,
      )) as unknown as { rows: { n: number }[] }
    ).rows;
    assert.equal(n, EXPORT_LIMIT);
    const r = await analyst.get(path);
    assert.equal(r.statusCode, 200);
    assert.equal(r.body.split('\r\n').filter(Boolean).length, n + 1, 'every row and the header');
  });
});
