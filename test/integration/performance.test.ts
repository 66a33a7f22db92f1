import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { loadPrincipal } from '../../src/modules/organisation/service.ts';
import {
  customPeriod,
  KPIS,
  monthPeriod,
  readDashboard,
  readDrillDown,
  readFigures,
  rebuildKpis,
  refreshKpis,
} from '../../src/modules/performance/service.ts';
import type { PerformanceScope } from '../../src/platform/authorisation/policy.ts';
import { createCalendar, type IsoDate } from '../../src/platform/calendar/index.ts';
import { createUser, type Session, signedIn, type TestApp, testApp } from '../helpers/app.ts';
import { seedCase } from '../helpers/cases.ts';

// The performance read model against a real database: figures computed by hand for a small
// fixed scenario, the property that every drill-down has exactly its figure's units, the
// incremental refresh equal to a rebuild, and the pages with their refusals.

const calendar = createCalendar();
const today = '2026-03-02' as IsoDate; // the test clock: Monday 2 March 2026, 09:00 UTC
const february = monthPeriod(2026, 2);
const national: PerformanceScope = { level: 'national' };

describe('performance: KPIs, dashboards and early warning', () => {
  let t: TestApp;
  let analyst: Session;
  let manager: Session;
  let otherManager: Session;
  let fca: Session;
  let fcaUser: { userId: string; email: string };
  let analystUser: { userId: string; email: string };
  let screener: { userId: string; email: string };
  const refs: Record<string, string> = {};

  const exec = async (q: ReturnType<typeof sql>) => (await t.database.db.execute(q)) as unknown as { rows: unknown[] };
  const refresh = () => refreshKpis(t.database.db, { calendar, now: t.clock.now() });

  async function screened(caseId: string, on: string) {
    await exec(sql`INSERT INTO screening (case_id, decision, rationale, due_on, screened_by, screened_at)
      VALUES (${caseId}, 'standard', 'Synthetic rationale', ${on}, ${screener.userId}, ${`${on}T10:00:00Z`})`);
    await exec(sql`INSERT INTO kpi_dirty_case (case_id) VALUES (${caseId}) ON CONFLICT DO NOTHING`);
  }

  /** Every sum the dashboards read equals the same sum taken over the facts. */
  async function assertSumsEqualFacts() {
    const differences = async (a: ReturnType<typeof sql>, b: ReturnType<typeof sql>) =>
      (await exec(sql`(${a} EXCEPT ALL ${b}) UNION ALL (${b} EXCEPT ALL ${a})`)).rows;
    const factDays = sql`SELECT kpi, day, area_id, coalesce(team_id, ''), law, count(*)::int AS done,
        round(sum(value)::numeric, 6) AS total
      FROM kpi_fact WHERE done_on IS NOT NULL GROUP BY 1, 2, 3, 4, 5`;
    assert.deepEqual(
      await differences(
        sql`SELECT kpi, day, area_id, team_id, law, done, round(total::numeric, 6) AS total FROM kpi_area_day`,
        factDays,
      ),
      [],
      'kpi_area_day',
    );
    assert.deepEqual(
      await differences(
        sql`SELECT kpi, month, area_id, team_id, done, round(total::numeric, 6) AS total FROM kpi_team_month`,
        sql`SELECT kpi, date_trunc('month', day)::date, area_id, team_id, sum(done)::int, round(sum(total)::numeric, 6)
          FROM kpi_area_day GROUP BY 1, 2, 3, 4`,
      ),
      [],
      'kpi_team_month',
    );
    assert.deepEqual(
      await differences(
        sql`SELECT kpi, month, area_id, done, round(total::numeric, 6) AS total FROM kpi_area_month`,
        sql`SELECT kpi, date_trunc('month', day)::date, area_id, sum(done)::int, round(sum(total)::numeric, 6)
          FROM kpi_area_day GROUP BY 1, 2, 3`,
      ),
      [],
      'kpi_area_month',
    );
    assert.deepEqual(
      await differences(
        sql`SELECT day, practitioner_id, area_id, team_id, cases, round(points::numeric, 6) AS points FROM kpi_caseload_day`,
        sql`SELECT day, practitioner_id, area_id, team_id, count(*)::int, round(sum(value)::numeric, 6) FROM kpi_fact
          WHERE kpi = 'caseload' AND practitioner_id IS NOT NULL GROUP BY 1, 2, 3, 4`,
      ),
      [],
      'kpi_caseload_day',
    );
  }

  before(async () => {
    t = await testApp();
    analystUser = await createUser(t.database, 'performance-analyst', { teamId: null });
    analyst = await signedIn(t.app, analystUser.email);
    manager = await signedIn(t.app, (await createUser(t.database, 'service-manager')).email);
    otherManager = await signedIn(
      t.app,
      (await createUser(t.database, 'service-manager', { teamId: 'test-team-c', areaId: 'eng-01' })).email,
    );
    fcaUser = await createUser(t.database, 'fca');
    fca = await signedIn(t.app, fcaUser.email);
    screener = await createUser(t.database, 'seo');
    // A display name that a spreadsheet would run as a formula: the CSV must neutralise it.
    await exec(
      sql`UPDATE user_account SET display_name = '=HYPERLINK("http://example.test")' WHERE id = ${screener.userId}`,
    );

    // A: received Friday 27 February, due Monday 2 March, screened that day: on time.
    const a = await seedCase(t.database, { receivedOn: '2026-02-27' });
    await screened(a.caseId, '2026-03-02');
    // B: received Thursday 26 February, due Friday 27, not screened: overdue, so missed.
    const b = await seedCase(t.database, { receivedOn: '2026-02-26' });
    // C: received Friday 27 February, due today, not screened yet: not decided.
    const c = await seedCase(t.database, { receivedOn: '2026-02-27' });
    // D: another area, received Monday 2 February, screened Thursday 5th (due 3rd): late.
    const d = await seedCase(t.database, { receivedOn: '2026-02-02', areaId: 'eng-01', teamId: 'test-team-c' });
    await screened(d.caseId, '2026-02-05');
    // E: restricted, received 10 February, screened the next day: on time, but not listed.
    const e = await seedCase(t.database, { receivedOn: '2026-02-10', restricted: true });
    await screened(e.caseId, '2026-02-11');
    Object.assign(refs, { a: a.reference, b: b.reference, c: c.reference, d: d.reference, e: e.reference });
    await refresh();
  });
  after(() => t.close());

  it('counts screening on time by hand: on time, overdue as missed, not yet due left out', async () => {
    const [f] = await readFigures(t.database.db, {
      scope: national,
      period: february,
      today,
      kpis: ['screening-on-time'],
    });
    assert.deepEqual([f?.numerator, f?.denominator, f?.value, f?.target, f?.meetsTarget], [2, 4, 0.5, 0.95, false]);
    const [area6] = await readFigures(t.database.db, {
      scope: { level: 'area', areaId: 'eng-06' },
      period: february,
      today,
      kpis: ['screening-on-time'],
    });
    assert.deepEqual([area6?.numerator, area6?.denominator], [2, 3]);
    const [demand] = await readFigures(t.database.db, { scope: national, period: february, today, kpis: ['demand'] });
    assert.deepEqual([demand?.numerator, demand?.denominator, demand?.value], [5, 0, null]);
  });

  it('lists the cases behind a figure, hiding the restricted one but counting it', async () => {
    const principal = await loadPrincipal(t.database.db, analystUser.userId);
    assert.ok(principal);
    const kpi = KPIS.find((k) => k.id === 'screening-on-time')!;
    const list = await readDrillDown(t.database.db, {
      principal,
      now: t.clock.now(),
      kpi,
      part: 'numerator',
      scope: national,
      period: february,
      today,
      page: 1,
      pageSize: 50,
    });
    assert.deepEqual([list.total, list.hidden, list.rows.map((r) => r.reference)], [2, 1, [refs.a]]);
  });

  it('marks a case changed through a service for the refresh, and the refresh equals a rebuild', async () => {
    const c = await seedCase(t.database, { receivedOn: '2026-02-16' });
    const [waiting] = (await exec(sql`SELECT count(*)::int AS n FROM kpi_dirty_case WHERE case_id = ${c.caseId}`))
      .rows as { n: number }[];
    assert.equal(waiting?.n, 1);
    await refresh();
    const before = await readFigures(t.database.db, { scope: national, period: february, today });
    await rebuildKpis(t.database.db, { calendar, now: t.clock.now() });
    const rebuilt = await readFigures(t.database.db, { scope: national, period: february, today });
    assert.deepEqual(rebuilt, before);
    await assertSumsEqualFacts();
    await exec(sql`DELETE FROM kpi_dirty_case`);
  });

  it('has exactly the figure’s units in every drill-down (a property over a random population)', async () => {
    let seed = 20261202;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 24; i += 1) {
      const day = `2026-0${1 + Math.floor(random() * 2)}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
      const inOther = random() < 0.3;
      const s = await seedCase(t.database, {
        receivedOn: day,
        restricted: random() < 0.1,
        ...(inOther ? { areaId: 'eng-01', teamId: 'test-team-c' } : {}),
      });
      if (random() < 0.7) await screened(s.caseId, calendar.addWorkingDays(day as IsoDate, Math.floor(random() * 3)));
      if (random() < 0.5) {
        await exec(sql`INSERT INTO safeguarding_check (case_id, kind, requested_on, due_on, returned_on, created_by)
          VALUES (${s.caseId}, 'police', ${day}, ${day}, ${random() < 0.6 ? calendar.addWorkingDays(day as IsoDate, 1 + Math.floor(random() * 3)) : null}, ${screener.userId})`);
      }
      if (random() < 0.4) {
        await exec(sql`INSERT INTO case_allocation (case_id, user_id, allocation_role, allocated_at)
          VALUES (${s.caseId}, ${fcaUser.userId}, 'fca', ${`${day}T12:00:00Z`})`);
      }
      await exec(sql`INSERT INTO kpi_dirty_case (case_id) VALUES (${s.caseId}) ON CONFLICT DO NOTHING`);
    }
    await refresh();
    const principal = await loadPrincipal(t.database.db, analystUser.userId);
    assert.ok(principal);
    const scopes: PerformanceScope[] = [
      national,
      { level: 'area', areaId: 'eng-06' },
      { level: 'team', teamId: 'test-team-c', areaId: 'eng-01' },
      { level: 'practitioner', userId: screener.userId, areaIds: ['eng-06'] },
    ];
    await assertSumsEqualFacts();
    // Each row of a comparison is the figure of that area or team on its own.
    const counts = (figures: { kpi: string; numerator: number; denominator: number }[]) =>
      figures.map((f) => `${f.kpi} ${f.numerator}/${f.denominator}`);
    const whole = customPeriod('2025-12-15' as IsoDate, '2026-02-28' as IsoDate);
    const nation = await readDashboard(t.database.db, { scope: national, period: whole, today });
    assert.ok(nation.areas.length >= 2);
    for (const a of nation.areas) {
      const own = await readFigures(t.database.db, {
        scope: { level: 'area', areaId: a.areaId },
        period: whole,
        today,
      });
      assert.deepEqual(counts(a.figures), counts(own), a.areaId);
    }
    const area = await readDashboard(t.database.db, {
      scope: { level: 'area', areaId: 'eng-06' },
      period: whole,
      today,
    });
    assert.ok(area.breakdown.length >= 1);
    for (const b of area.breakdown) {
      const scope = { level: 'team' as const, teamId: b.id, areaId: 'eng-06' };
      assert.deepEqual(
        counts(b.figures),
        counts(await readFigures(t.database.db, { scope, period: whole, today })),
        b.id,
      );
    }
    for (const period of [
      february,
      customPeriod('2026-01-10' as IsoDate, '2026-02-20' as IsoDate),
      // Whole months from the monthly sums and the days before them from the daily ones.
      customPeriod('2025-12-15' as IsoDate, '2026-02-28' as IsoDate),
    ]) {
      for (const scope of scopes) {
        const figures = await readFigures(t.database.db, { scope, period, today });
        for (const f of figures) {
          const kpi = KPIS.find((k) => k.id === f.kpi)!;
          for (const part of ['numerator', 'denominator'] as const) {
            const list = await readDrillDown(t.database.db, {
              principal,
              now: t.clock.now(),
              kpi,
              part,
              scope,
              period,
              today,
              page: 1,
              pageSize: 1000,
            });
            const label = `${kpi.id} ${part} ${scope.level} ${period.from}`;
            if (kpi.kind === 'mean-per-practitioner') {
              if (part === 'denominator') {
                assert.equal(list.total, f.denominator, label);
                assert.equal(list.practitioners?.length, f.denominator, label);
              } else
                assert.ok(
                  Math.abs(list.rows.reduce((s, r) => s + r.value, 0) - f.numerator) < 1e-6 || list.hidden > 0,
                  label,
                );
              continue;
            }
            // A rate's and a count's numerator are units; a mean's numerator is a sum over its denominator's units.
            // The total shown is the figure's; the rows listed (and hidden) come from the facts.
            const expected = part === 'numerator' && kpi.kind !== 'mean' ? f.numerator : f.denominator;
            assert.equal(list.total, expected, label);
            assert.equal(list.rows.length + list.hidden, expected, label);
          }
        }
      }
    }
  });

  it('dashboards: the analyst sees the nation and every area; a manager only their own area', async () => {
    const page = await analyst.get('/performance/national?period=month&month=2026-02');
    assert.equal(page.statusCode, 200, page.body.slice(0, 400));
    assert.ok(page.body.includes('<svg'));
    assert.ok(page.body.includes('Areas compared'));
    assert.equal((await analyst.get('/performance')).headers.location, '/performance/national');
    assert.equal((await manager.get('/performance')).statusCode, 303);
    assert.equal((await manager.get('/performance/areas/eng-06')).statusCode, 200);
    assert.equal((await manager.get('/performance/areas/eng-01')).statusCode, 403);
    assert.equal((await manager.get('/performance/national')).statusCode, 403);
    assert.equal((await otherManager.get('/performance/teams/test-team-a')).statusCode, 403);
    // A manager of two areas goes from one area's figures to the other's.
    const twoAreas = await signedIn(
      t.app,
      (await createUser(t.database, 'service-manager', { teamId: 'test-team-c', areaId: 'eng-06' })).email,
    );
    const six = await twoAreas.get('/performance/areas/eng-06?period=month&month=2026-02');
    assert.equal(six.statusCode, 200);
    assert.ok(six.body.includes('href="/performance/areas/eng-01"'), 'a link to the other area');
    assert.ok(!(await manager.get('/performance/areas/eng-06')).body.includes('href="/performance/areas/eng-01"'));
    assert.equal((await manager.get('/performance/teams/test-team-a')).statusCode, 200);
    assert.equal((await manager.get('/performance/areas/no-such-area')).statusCode, 404);
    assert.equal((await manager.get('/performance/practitioners/not-a-uuid')).statusCode, 404);
    assert.equal((await fca.get('/performance')).headers.location, `/performance/practitioners/${fcaUser.userId}`);
    assert.equal((await fca.get(`/performance/practitioners/${fcaUser.userId}`)).statusCode, 200);
    assert.equal((await fca.get(`/performance/practitioners/${screener.userId}`)).statusCode, 403);
    assert.equal((await manager.get(`/performance/practitioners/${screener.userId}`)).statusCode, 200);
    const welsh = await analyst.get('/performance/national', {
      cookie: `${analyst.jar.header()}; childvoice-language=cy`,
    });
    assert.equal(welsh.statusCode, 200);
  });

  it('refuses bad periods with the error summary, and unknown KPIs and parts', async () => {
    const inverted = await analyst.get('/performance/national?period=custom&from=2026-02-10&to=2026-02-01');
    assert.equal(inverted.statusCode, 400);
    assert.ok(inverted.body.includes('govuk-error-summary'));
    assert.ok(inverted.body.includes('The end date must be the same as or after the start date'));
    assert.equal((await analyst.get('/performance/national?period=month&month=2026-13')).statusCode, 400);
    assert.equal((await analyst.get('/performance/kpis/no-such-kpi')).statusCode, 404);
    assert.equal((await analyst.get('/performance/kpis/demand?part=both')).statusCode, 400);
    assert.equal((await analyst.get('/performance/kpis/demand?page=0')).statusCode, 400);
    assert.equal((await analyst.get('/performance/kpis/demand?area=eng-06&team=test-team-a')).statusCode, 400);
    assert.equal((await manager.get('/performance/kpis/demand?area=eng-01')).statusCode, 403);
  });

  it('drill-down pages and the CSV export, with formula cells neutralised and the export audited', async () => {
    const q = 'period=month&month=2026-02&part=numerator';
    const page = await analyst.get(`/performance/kpis/screening-on-time?${q}`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(refs.a as string));
    assert.ok(!page.body.includes(refs.e as string));
    assert.ok(page.body.includes('They are counted but not listed'));
    const csv = await analyst.get(`/performance/kpis/screening-on-time/export.csv?${q}`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    assert.ok(csv.body.includes(`"'=HYPERLINK(""http://example.test"")"`));
    assert.ok(!csv.body.includes(refs.e as string));
    const [audit] = (
      await exec(
        sql`SELECT count(*)::int AS n FROM audit_event WHERE action = 'export' AND resource_type = 'kpi-cases'`,
      )
    ).rows as { n: number }[];
    assert.ok((audit?.n ?? 0) >= 1);
  });

  it('early warning lists open work due soon, most urgent first, only where the viewer may look', async () => {
    const page = await manager.get('/performance/early-warning?within=5');
    assert.equal(page.statusCode, 200);
    const body = page.body;
    const b = body.indexOf(refs.b as string);
    const c = body.indexOf(refs.c as string);
    assert.ok(b > 0 && c > b, 'the overdue case comes before the one due today');
    assert.ok(!body.includes(refs.d as string), 'another area’s work is not shown');
    assert.ok(body.includes('Overdue by 1 working days') || body.includes('Overdue by'));
    assert.equal((await manager.get('/performance/early-warning?within=40')).statusCode, 400);
    assert.equal((await manager.get('/performance/early-warning?worker=nobody')).statusCode, 404);
    const dashboard = await readDashboard(t.database.db, { scope: national, period: february, today });
    assert.equal(dashboard.areas.length >= 2, true);
  });
});
