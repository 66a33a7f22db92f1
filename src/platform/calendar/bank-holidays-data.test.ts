import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

// Checks the bundled bank-holidays.json itself, read as plain JSON (no code under test), against
// the statutory rules and the known one-off changes, with Easter from a literal table.

type Event = { title: string; date: string; notes: string; bunting: boolean };
const text = readFileSync(new URL('./bank-holidays.json', import.meta.url), 'utf8');
const file = JSON.parse(text) as Record<string, { division: string; events: Event[] }>;
const events = file['england-and-wales']?.events ?? [];

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const shift = (date: string, days: number) => iso(Date.parse(`${date}T00:00:00Z`) + days * DAY);
function firstMonday(year: number, month: number): string {
  let t = Date.UTC(year, month - 1, 1);
  while (new Date(t).getUTCDay() !== 1) t += DAY;
  return iso(t);
}
function lastMonday(year: number, month: number): string {
  let t = Date.UTC(year, month, 0);
  while (new Date(t).getUTCDay() !== 1) t -= DAY;
  return iso(t);
}

// Easter Sunday, England (Gregorian), from published tables.
const EASTER: Record<number, string> = {
  2015: '2015-04-05',
  2016: '2016-03-27',
  2017: '2017-04-16',
  2018: '2018-04-01',
  2019: '2019-04-21',
  2020: '2020-04-12',
  2021: '2021-04-04',
  2022: '2022-04-17',
  2023: '2023-04-09',
  2024: '2024-03-31',
  2025: '2025-04-20',
  2026: '2026-04-05',
  2027: '2027-03-28',
  2028: '2028-04-16',
};

const SUBSTITUTES: [string, string][] = [
  ['2015-12-28', 'Boxing Day'], // 26 Dec 2015 a Saturday
  ['2016-12-27', 'Christmas Day'], // 25 Dec 2016 a Sunday; Boxing Day Monday 26
  ['2017-01-02', 'New Year’s Day'], // Sunday
  ['2020-12-28', 'Boxing Day'],
  ['2021-12-27', 'Christmas Day'], // 25 Saturday, 26 Sunday
  ['2021-12-28', 'Boxing Day'],
  ['2022-01-03', 'New Year’s Day'], // Saturday
  ['2022-12-27', 'Christmas Day'], // 25 Sunday, Boxing Day Monday 26
  ['2023-01-02', 'New Year’s Day'], // Sunday
  ['2026-12-28', 'Boxing Day'],
  ['2027-12-27', 'Christmas Day'],
  ['2027-12-28', 'Boxing Day'],
  ['2028-01-03', 'New Year’s Day'], // Saturday
];

describe('bundled bank-holidays.json', () => {
  test('is in the GOV.UK format, pretty-printed with a final newline', () => {
    assert.deepEqual(Object.keys(file), ['england-and-wales', 'scotland', 'northern-ireland']);
    for (const [key, division] of Object.entries(file)) {
      assert.equal(division.division, key);
      assert.ok(Array.isArray(division.events));
    }
    for (const event of events) {
      assert.deepEqual(Object.keys(event), ['title', 'date', 'notes', 'bunting']);
      assert.match(event.date, /^\d{4}-\d{2}-\d{2}$/);
      assert.equal(iso(Date.parse(`${event.date}T00:00:00Z`)), event.date);
      assert.equal(typeof event.bunting, 'boolean');
    }
    assert.equal(text, `${JSON.stringify(file, null, 2)}\n`);
  });

  test('covers 2015 to 2028, sorted, no date twice, never on a weekend', () => {
    const dates = events.map((event) => event.date);
    assert.deepEqual(dates, [...dates].sort());
    assert.equal(new Set(dates).size, dates.length);
    assert.equal(dates[0], '2015-01-01');
    assert.equal(dates[dates.length - 1], '2028-12-26');
    for (const date of dates) assert.ok(![0, 6].includes(weekday(date)), `${date} is a weekend`);
  });

  test('has 8 bank holidays a year, 10 in 2022 and 9 in 2023', () => {
    for (let year = 2015; year <= 2028; year++) {
      const count = events.filter((event) => event.date.startsWith(`${year}-`)).length;
      assert.equal(count, year === 2022 ? 10 : year === 2023 ? 9 : 8, String(year));
    }
  });

  test('Good Friday and Easter Monday each year', () => {
    for (const [year, easter] of Object.entries(EASTER)) {
      const titled = (title: string) =>
        events.filter((e) => e.title === title && e.date.startsWith(`${year}-`)).map((e) => e.date);
      assert.deepEqual(titled('Good Friday'), [shift(easter, -2)], year);
      assert.deepEqual(titled('Easter Monday'), [shift(easter, 1)], year);
      assert.equal(weekday(easter), 0, `Easter ${year} is a Sunday`);
    }
    assert.ok(events.some((e) => e.date === '2024-03-29' && e.title === 'Good Friday'));
    assert.ok(events.some((e) => e.date === '2024-04-01' && e.title === 'Easter Monday'));
    assert.ok(events.some((e) => e.date === '2025-04-18' && e.title === 'Good Friday'));
    assert.ok(events.some((e) => e.date === '2025-04-21' && e.title === 'Easter Monday'));
  });

  test('May and August Mondays, with the 2020 and 2022 moves', () => {
    for (let year = 2015; year <= 2028; year++) {
      const on = (date: string) => events.find((e) => e.date === date)?.title;
      if (year === 2020) {
        assert.equal(on(firstMonday(2020, 5)), undefined); // 4 May 2020 was a working day
        assert.equal(on('2020-05-08'), 'Early May bank holiday (VE day)');
      } else {
        assert.equal(on(firstMonday(year, 5)), 'Early May bank holiday', String(year));
      }
      if (year === 2022) {
        assert.equal(on(lastMonday(2022, 5)), undefined); // 30 May 2022 was a working day
        assert.equal(on('2022-06-02'), 'Spring bank holiday');
      } else {
        assert.equal(on(lastMonday(year, 5)), 'Spring bank holiday', String(year));
      }
      assert.equal(on(lastMonday(year, 8)), 'Summer bank holiday', String(year));
    }
  });

  test('the one-off bank holidays', () => {
    const oneOffs = events.filter(
      (e) =>
        ![
          'New Year’s Day',
          'Good Friday',
          'Easter Monday',
          'Early May bank holiday',
          'Spring bank holiday',
          'Summer bank holiday',
          'Christmas Day',
          'Boxing Day',
        ].includes(e.title),
    );
    assert.deepEqual(
      oneOffs.map((e) => [e.date, e.title]),
      [
        ['2020-05-08', 'Early May bank holiday (VE day)'],
        ['2022-06-03', 'Platinum Jubilee bank holiday'],
        ['2022-09-19', 'Bank Holiday for the State Funeral of Queen Elizabeth II'],
        ['2023-05-08', 'Bank holiday for the coronation of King Charles III'],
      ],
    );
  });

  test('New Year, Christmas and Boxing Day, with every substitute day', () => {
    const substitutes = events.filter((e) => e.notes === 'Substitute day');
    assert.deepEqual(
      substitutes.map((e) => [e.date, e.title]),
      SUBSTITUTES,
    );
    assert.ok(events.every((e) => e.notes === '' || e.notes === 'Substitute day'));
    for (let year = 2015; year <= 2028; year++) {
      for (const [title, date] of [
        ['New Year’s Day', `${year}-01-01`],
        ['Christmas Day', `${year}-12-25`],
        ['Boxing Day', `${year}-12-26`],
      ] as const) {
        const found = events.filter((e) => e.title === title && e.date.startsWith(`${year}-`));
        assert.equal(found.length, 1, `${title} ${year}`);
        const substitute = SUBSTITUTES.some(([d, t]) => d === found[0]?.date && t === title);
        if (![0, 6].includes(weekday(date))) assert.equal(found[0]?.date, date, `${title} ${year}`);
        else assert.ok(substitute, `${title} ${year} falls on a weekend: needs a substitute`);
      }
    }
  });
});
