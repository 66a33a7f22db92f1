import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IsoDate } from '../../platform/calendar/index.ts';
import { splitIntoMonths } from './figures.ts';

const split = (from: string, to: string) => splitIntoMonths(from as IsoDate, to as IsoDate);

describe('splitIntoMonths: whole months from the monthly sums, the edges from the daily ones', () => {
  it('a financial year is twelve whole months and no edge', () => {
    assert.deepEqual(split('2025-04-01', '2026-03-31'), {
      months: { from: '2025-04-01', to: '2026-03-01' },
      edges: [],
    });
  });

  it('a leap February is a whole month only when it ends on the 29th', () => {
    assert.deepEqual(split('2024-02-01', '2024-02-29'), {
      months: { from: '2024-02-01', to: '2024-02-01' },
      edges: [],
    });
    assert.deepEqual(split('2024-02-01', '2024-02-28'), {
      months: null,
      edges: [{ from: '2024-02-01', to: '2024-02-28' }],
    });
    assert.deepEqual(split('2025-02-01', '2025-02-28'), {
      months: { from: '2025-02-01', to: '2025-02-01' },
      edges: [],
    });
  });

  it('days at both edges, across a year end', () => {
    assert.deepEqual(split('2025-11-15', '2026-02-10'), {
      months: { from: '2025-12-01', to: '2026-01-01' },
      edges: [
        { from: '2025-11-15', to: '2025-11-30' },
        { from: '2026-02-01', to: '2026-02-10' },
      ],
    });
  });

  it('a range inside one month, or across two without a whole one, is all edge', () => {
    assert.deepEqual(split('2026-03-02', '2026-03-30'), {
      months: null,
      edges: [{ from: '2026-03-02', to: '2026-03-30' }],
    });
    assert.deepEqual(split('2026-01-31', '2026-02-01'), {
      months: null,
      edges: [{ from: '2026-01-31', to: '2026-02-01' }],
    });
    assert.deepEqual(split('2026-03-31', '2026-03-31'), {
      months: null,
      edges: [{ from: '2026-03-31', to: '2026-03-31' }],
    });
  });

  it('every day of a range is read exactly once', () => {
    for (const [from, to] of [
      ['2023-12-31', '2024-03-01'],
      ['2024-01-01', '2024-12-30'],
      ['2015-01-01', '2025-12-31'],
      ['2026-06-30', '2026-08-01'],
    ] as const) {
      const { months, edges } = split(from, to);
      const days = new Set<string>();
      const add = (a: string, b: string) => {
        for (let t = Date.parse(`${a}T00:00:00Z`); t <= Date.parse(`${b}T00:00:00Z`); t += 86_400_000) {
          const d = new Date(t).toISOString().slice(0, 10);
          assert.ok(!days.has(d), `${d} twice`);
          days.add(d);
        }
      };
      for (const e of edges) add(e.from, e.to);
      if (months) {
        const last = new Date(Date.UTC(Number(months.to.slice(0, 4)), Number(months.to.slice(5, 7)), 0));
        add(months.from, last.toISOString().slice(0, 10));
      }
      const expected = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
      assert.equal(days.size, expected, `${from}..${to}`);
      assert.equal([...days].sort()[0], from);
      assert.equal([...days].sort().at(-1), to);
    }
  });
});
