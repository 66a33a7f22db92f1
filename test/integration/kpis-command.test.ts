import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type KpisArgs, parseKpisArgs, runKpis } from '../../scripts/kpis.ts';
import { customPeriod, KPIS, readFigures } from '../../src/modules/performance/service.ts';
import type { IsoDate } from '../../src/platform/calendar/index.ts';
import { seedCase } from '../helpers/cases.ts';
import { type TestDatabase, testDatabase } from '../helpers/database.ts';

const NODE = fileURLToPath(new URL('../../node_modules/.bin/node', import.meta.url));
const SCRIPT = fileURLToPath(new URL('../../scripts/kpis.ts', import.meta.url));
const NOW = new Date('2026-03-09T09:00:00Z');

describe('npm run kpis', () => {
  let database: TestDatabase;
  before(async () => {
    database = await testDatabase();
    // Two private-law cases in area 6 in February (never screened: both missed), one in area 1.
    await seedCase(database, { receivedOn: '2026-02-02', teamId: null });
    await seedCase(database, { receivedOn: '2026-02-16', teamId: null });
    await seedCase(database, { receivedOn: '2026-02-10', areaId: 'eng-01', teamId: null });
  });
  after(() => database.destroy());

  const args = (extra: Partial<KpisArgs> = {}): KpisArgs => ({
    from: '2026-02-01' as IsoDate,
    to: '2026-02-28' as IsoDate,
    area: null,
    kpis: null,
    json: true,
    rebuild: false,
    ...extra,
  });
  async function run(extra: Partial<KpisArgs> = {}) {
    const out: string[] = [];
    const error: string[] = [];
    const code = await runKpis(database.db, args(extra), { out: (t) => out.push(t), error: (t) => error.push(t) }, NOW);
    return { code, out: out.join('\n'), error: error.join('\n') };
  }

  it('prints the same figures as the dashboard, as {"<kpi>":{numerator, denominator, value, target}}', async () => {
    const r = await run();
    assert.equal(r.code, 0);
    const printed = JSON.parse(r.out) as Record<
      string,
      { numerator: number; denominator: number; value: number | null; target: number | null }
    >;
    assert.deepEqual(
      Object.keys(printed),
      KPIS.map((k) => k.id),
    );
    const figures = await readFigures(database.db, {
      scope: { level: 'national' },
      period: customPeriod('2026-02-01' as IsoDate, '2026-02-28' as IsoDate),
      today: '2026-03-09' as IsoDate,
    });
    for (const f of figures) {
      assert.deepEqual(printed[f.kpi], {
        numerator: f.numerator,
        denominator: f.denominator,
        value: f.value,
        target: f.target,
      });
    }
    assert.deepEqual(printed['screening-on-time'], {
      numerator: 0,
      denominator: 3,
      value: 0,
      target: printed['screening-on-time']!.target,
    });
    assert.equal(printed.demand!.numerator, 3);
  });

  it('one area by its id or code, only the KPIs asked for, and a rebuild gives the same', async () => {
    const byId = JSON.parse((await run({ area: 'eng-06', kpis: ['screening-on-time', 'demand'] })).out);
    assert.deepEqual(Object.keys(byId), ['screening-on-time', 'demand']);
    assert.equal(byId['screening-on-time'].denominator, 2);
    const [area] = await database.query<{ code: string }>("SELECT code FROM service_area WHERE id = 'eng-06'");
    const byCode = JSON.parse((await run({ area: area!.code, kpis: ['screening-on-time', 'demand'] })).out);
    assert.deepEqual(byCode, byId);
    const rebuilt = JSON.parse(
      (await run({ area: 'eng-06', kpis: ['screening-on-time', 'demand'], rebuild: true })).out,
    );
    assert.deepEqual(rebuilt, byId);
  });

  it('prints a table without --json, and names the known codes for an unknown area (exit code 2)', async () => {
    const table = await run({ json: false, kpis: ['demand'] });
    assert.match(table.out, /^demand\s+3 \/ 0\s+–/m);
    const unknown = await run({ area: 'atlantis' });
    assert.equal(unknown.code, 2);
    assert.match(unknown.error, /Unknown area "atlantis"\. Known codes: .*\b6\b/);
    assert.equal(unknown.out, '');
  });

  it('refuses a bad command line with a clear message', () => {
    const message = (argv: string[]) => {
      const r = parseKpisArgs(argv);
      return r.ok ? '' : r.error;
    };
    assert.match(message([]), /Give both --from and --to/);
    assert.match(message(['--from', '2026-02-30', '--to', '2026-03-01']), /--from must be a real date/);
    assert.match(message(['--from', '2026-03-01', '--to', '1 March']), /--to must be a real date/);
    assert.match(message(['--from', '2026-03-01', '--to', '2026-02-01']), /--to \(2026-02-01\) is before --from/);
    assert.match(message(['--from', '2014-12-31', '--to', '2015-01-31']), /Figures start in 2015/);
    assert.match(message(['--from', '2015-01-01', '--to', '2026-01-01']), /longer than ten years/);
    assert.match(
      message(['--from', '2026-01-01', '--to', '2026-01-31', '--kpi', 'screening-on-time,happiness']),
      /Unknown KPI: happiness\. Known: screening-on-time, /,
    );
    assert.match(message(['--from', '2026-01-01', '--to', '2026-01-31', '--are', '6']), /Unknown option '--are'/);
    const ok = parseKpisArgs(['--from', '2026-01-01', '--to', '2026-01-31', '--area', ' 6 ', '--json']);
    assert.deepEqual(ok.ok && ok.args, {
      from: '2026-01-01',
      to: '2026-01-31',
      area: '6',
      kpis: null,
      json: true,
      rebuild: false,
    });
  });

  it('exits with code 2 and the usage on bad input, before touching a database', () => {
    const r = spawnSync(NODE, [SCRIPT, '--from', '2026-03-01', '--to', '2026-02-01'], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
      timeout: 30_000,
    });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /is before --from/);
    assert.match(r.stderr, /Usage: npm run kpis -- --from YYYY-MM-DD --to YYYY-MM-DD/);
    assert.equal(r.stdout, '');
  });
});
