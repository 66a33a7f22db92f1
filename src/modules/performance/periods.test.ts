import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IsoDate } from '../../platform/calendar/index.ts';
import { trendChart } from './chart.ts';
import { csvCell, csvLine } from './csv.ts';
import { figureFrom, snapshotDay } from './figures.ts';
import { kpiById } from './kpis/index.ts';
import { defaultPeriod, parsePeriod, previousYear, trendMonths } from './periods.ts';

const today = '2026-12-02' as IsoDate;
const ok = (q: Record<string, string>) => {
  const r = parsePeriod(q, today);
  assert.ok(r.ok, JSON.stringify(r));
  return r.period;
};
const error = (q: Record<string, string>) => {
  const r = parsePeriod(q, today);
  assert.ok(!r.ok);
  return r.errors.map((e) => `${e.field}:${e.key.replace('performance.errors.', '')}`);
};

describe('periods', () => {
  it('reads months (leap February), quarters, financial years and custom ranges', () => {
    assert.deepEqual(
      [ok({ period: 'month', month: '2024-02' }).from, ok({ period: 'month', month: '2024-02' }).to],
      ['2024-02-01', '2024-02-29'],
    );
    const q = ok({ period: 'quarter', quarter: '2026-Q3' });
    assert.deepEqual([q.from, q.to], ['2026-07-01', '2026-09-30']);
    const fy = ok({ period: 'financial-year', year: '2025' });
    assert.deepEqual([fy.from, fy.to, fy.label.en], ['2025-04-01', '2026-03-31', 'Financial year 2025 to 2026']);
    assert.equal(fy.label.cy, 'Blwyddyn ariannol 2025 i 2026');
    const c = ok({ period: 'custom', from: '2026-01-15', to: '2026-01-15' });
    assert.deepEqual([c.from, c.to], ['2026-01-15', '2026-01-15']);
    assert.deepEqual([defaultPeriod(today).from, defaultPeriod(today).to], ['2026-11-01', '2026-11-30']);
    assert.deepEqual(defaultPeriod('2027-01-05' as IsoDate).from, '2026-12-01');
    assert.deepEqual(ok({}).from, '2026-11-01');
  });
  it('refuses bad, inverted, absurd and future periods with a message for each field', () => {
    assert.deepEqual(error({ period: 'week' }), ['period:period']);
    assert.deepEqual(error({ period: 'month', month: '2026-13' }), ['month:month']);
    assert.deepEqual(error({ period: 'quarter', quarter: '2026-Q5' }), ['quarter:quarter']);
    assert.deepEqual(error({ period: 'financial-year', year: 'last' }), ['year:year']);
    assert.deepEqual(error({ period: 'custom', from: '2026-02-31', to: 'soon' }), ['from:from', 'to:to']);
    assert.deepEqual(error({ period: 'custom', from: '2026-05-01', to: '2026-04-30' }), ['to:inverted']);
    assert.deepEqual(error({ period: 'custom', from: '2015-01-01', to: '2026-01-01' }), ['to:tooLong']);
    assert.deepEqual(error({ period: 'month', month: '2027-01' }), ['month:periodInFuture']);
    assert.deepEqual(error({ period: 'month', month: '1999-01' }), ['month:periodTooEarly']);
  });
  it('compares with the same dates a year before, 29 February becoming 28 February', () => {
    const p = previousYear(ok({ period: 'custom', from: '2024-02-29', to: '2024-03-31' }));
    assert.deepEqual([p.from, p.to], ['2023-02-28', '2023-03-31']);
  });
  it('shows twelve months of trend, or every month of a longer period', () => {
    const m = trendMonths(ok({ period: 'month', month: '2026-03' }));
    assert.deepEqual([m.length, m[0]?.month, m.at(-1)?.month], [12, '2025-04', '2026-03']);
    const long = trendMonths(ok({ period: 'custom', from: '2024-01-10', to: '2026-03-05' }));
    assert.deepEqual([long.length, long[0]?.month], [27, '2024-01']);
  });
});

describe('reading a figure', () => {
  const rate = kpiById('screening-on-time')!;
  it('a rate counts overdue open work as missed', () => {
    const f = figureFrom(rate, { done: 8, total: 7, overdue: 2, practitioners: 0, prior: 0 }, 0.95);
    assert.deepEqual([f.numerator, f.denominator, f.value, f.meetsTarget], [7, 10, 0.7, false]);
    assert.equal(figureFrom(rate, { done: 0, total: 0, overdue: 0, practitioners: 0, prior: 0 }, 0.95).value, null);
  });
  it('a lower-is-better mean meets its target at or below it; demand is the change on the year before', () => {
    const mean = figureFrom(
      kpiById('care-allocation-time')!,
      { done: 4, total: 2, overdue: 0, practitioners: 0, prior: 0 },
      0.7,
    );
    assert.deepEqual([mean.value, mean.meetsTarget], [0.5, true]);
    const demand = figureFrom(
      kpiById('demand')!,
      { done: 110, total: 110, overdue: 0, practitioners: 0, prior: 100 },
      null,
    );
    assert.deepEqual([demand.numerator, demand.denominator, demand.value, demand.meetsTarget], [110, 100, 0.1, null]);
  });
  it('takes the caseload at the last month end of the period that is before today', () => {
    assert.equal(snapshotDay('2026-03-31' as IsoDate, today), '2026-03-31');
    assert.equal(snapshotDay('2026-12-31' as IsoDate, today), '2026-11-30');
    assert.equal(snapshotDay('2026-11-30' as IsoDate, '2026-11-30' as IsoDate), '2026-10-31');
    assert.equal(snapshotDay('2026-01-15' as IsoDate, today), '2025-12-31');
  });
});

describe('CSV and the chart', () => {
  it('neutralises cells a spreadsheet would run as a formula', () => {
    assert.equal(csvCell('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
    for (const bad of ['+1', '-1+2', '@SUM(A1)', '\tx', '\rx']) assert.ok(csvCell(bad).startsWith(`"'`), bad);
    assert.equal(csvLine(['CV-1', null, 3]), '"CV-1","","3"\r\n');
  });
  it('draws a titled SVG with escaped text, a target line and an empty state', () => {
    const svg = trendChart({
      title: 'Screening <on time>',
      description: 'd',
      points: [
        { label: 'Jan', value: 0.5 },
        { label: 'Feb', value: null },
        { label: 'Mar', value: 0.9 },
      ],
      target: 0.95,
      percent: true,
      format: (v) => `${Math.round(v * 100)}%`,
    });
    assert.match(svg, /^<svg[^>]+role="img"/);
    assert.ok(svg.includes('<title>Screening &lt;on time&gt;</title>'));
    assert.ok(svg.includes('stroke-dasharray'));
    assert.equal((svg.match(/<circle/g) ?? []).length, 2);
    const empty = trendChart({
      title: 't',
      description: 'd',
      points: [{ label: 'Jan', value: null }],
      target: null,
      percent: false,
      format: String,
    });
    assert.ok(!empty.includes('<path'));
  });
});
