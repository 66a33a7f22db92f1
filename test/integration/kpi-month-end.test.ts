import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { lastMonthEndBefore } from '../../src/modules/performance/refresh.ts';
import { monthPeriod, readFigures, refreshKpis } from '../../src/modules/performance/service.ts';
import { createCalendar, type IsoDate } from '../../src/platform/calendar/index.ts';
import { createUser } from '../helpers/app.ts';
import { seedCase } from '../helpers/cases.ts';
import { type TestDatabase, testDatabase } from '../helpers/database.ts';

// A month end passing changes no record, yet it adds a caseload snapshot: the first refresh
// after it must measure the cases held then, even those nobody has touched since.
const calendar = createCalendar();

describe('caseload snapshots when a month end passes', () => {
  let database: TestDatabase;
  before(async () => {
    database = await testDatabase();
  });
  after(() => database.destroy());

  it('the last month end before a day', () => {
    assert.equal(lastMonthEndBefore('2026-03-02' as IsoDate), '2026-02-28');
    assert.equal(lastMonthEndBefore('2024-03-01' as IsoDate), '2024-02-29');
    assert.equal(lastMonthEndBefore('2026-01-31' as IsoDate), '2025-12-31');
  });

  it('takes the new month end’s snapshot of a case untouched since the month before', async () => {
    const fca = await createUser(database, 'fca', { teamId: null });
    const held = await seedCase(database, { receivedOn: '2026-01-05', teamId: null });
    await database.db.execute(sql`INSERT INTO case_allocation (case_id, user_id, allocation_role, allocated_at)
      VALUES (${held.caseId}, ${fca.userId}, 'fca', '2026-01-10T12:00:00Z')`);
    await database.db.execute(sql`INSERT INTO kpi_dirty_case (case_id) VALUES (${held.caseId}) ON CONFLICT DO NOTHING`);
    const caseload = async (month: number, today: string) =>
      (
        await readFigures(database.db, {
          scope: { level: 'national' },
          period: monthPeriod(2026, month),
          today: today as IsoDate,
          kpis: ['caseload'],
        })
      )[0]!;

    // The read model as it stood at the start of January (the migration dates it to the real today).
    await database.db.execute(sql`UPDATE kpi_refresh_state SET snapshots_through = '2025-12-31'`);
    // Measured on 10 February: January's snapshot only.
    await refreshKpis(database.db, { calendar, now: new Date('2026-02-10T09:00:00Z') });
    assert.equal((await caseload(1, '2026-02-10')).denominator, 1);
    const [waiting] = (
      (await database.db.execute(sql`SELECT count(*)::int AS n FROM kpi_dirty_case`)) as unknown as {
        rows: { n: number }[];
      }
    ).rows;
    assert.equal(waiting?.n, 0);

    // On 2 March nothing about the case has changed, but February has ended.
    const march = await refreshKpis(database.db, { calendar, now: new Date('2026-03-02T09:00:00Z') });
    assert.ok(march.cases >= 1, 'the case held on 28 February is measured again');
    const february = await caseload(2, '2026-03-02');
    assert.equal(february.denominator, 1);
    assert.equal(february.snapshotOn, '2026-02-28');
    // Once per month end: a second refresh the same month measures nothing.
    assert.equal((await refreshKpis(database.db, { calendar, now: new Date('2026-03-03T09:00:00Z') })).cases, 0);
  });
});
