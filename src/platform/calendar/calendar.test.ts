import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { BankHolidaysFormatError } from './bank-holidays-format.ts';
import { createCalendar, OutOfCoverageError } from './calendar.ts';
import { InvalidDateError, type IsoDate, parseIsoDate } from './iso-date.ts';

// Every expected value below was worked out by hand from a printed calendar.
const d = parseIsoDate;
const calendar = createCalendar();

describe('isWorkingDay', () => {
  const cases: [string, boolean, string][] = [
    ['2024-06-03', true, 'Monday'],
    ['2024-06-07', true, 'Friday'],
    ['2024-06-01', false, 'Saturday'],
    ['2024-06-02', false, 'Sunday'],
    ['2024-03-28', true, 'Thursday before Easter 2024'],
    ['2024-03-29', false, 'Good Friday 2024'],
    ['2024-04-01', false, 'Easter Monday 2024'],
    ['2024-04-02', true, 'Tuesday after Easter 2024'],
    ['2025-04-17', true, 'Thursday before Easter 2025'],
    ['2025-04-18', false, 'Good Friday 2025'],
    ['2025-04-21', false, 'Easter Monday 2025'],
    ['2025-04-22', true, 'Tuesday after Easter 2025'],
    ['2020-05-04', true, 'first Monday of May 2020 (holiday moved to VE Day)'],
    ['2020-05-08', false, 'VE Day 2020'],
    ['2022-05-30', true, 'last Monday of May 2022 (holiday moved to 2 June)'],
    ['2022-06-02', false, 'Spring bank holiday 2022'],
    ['2022-06-03', false, 'Platinum Jubilee'],
    ['2022-09-19', false, 'State Funeral of Queen Elizabeth II'],
    ['2022-09-20', true, 'day after the State Funeral'],
    ['2023-05-08', false, 'coronation of King Charles III'],
    ['2023-05-09', true, 'day after the coronation'],
    ['2016-12-26', false, 'Boxing Day 2016 (Monday)'],
    ['2016-12-27', false, 'Christmas Day substitute 2016'],
    ['2021-12-24', true, 'Christmas Eve 2021 (Friday)'],
    ['2021-12-27', false, 'Christmas Day substitute 2021'],
    ['2021-12-28', false, 'Boxing Day substitute 2021'],
    ['2021-12-29', true, 'Wednesday 29 December 2021'],
    ['2022-01-03', false, 'New Year substitute 2022'],
    ['2024-02-29', true, 'leap day 2024 (Thursday)'],
    ['2028-02-29', true, 'leap day 2028 (Tuesday)'],
  ];
  for (const [date, expected, what] of cases) {
    test(`${date} ${what}: ${expected ? 'working' : 'not working'}`, () => {
      assert.equal(calendar.isWorkingDay(d(date)), expected);
    });
  }
});

test('bankHoliday gives the GOV.UK title or undefined', () => {
  assert.equal(calendar.bankHoliday(d('2020-12-28')), 'Boxing Day');
  assert.equal(calendar.bankHoliday(d('2020-05-08')), 'Early May bank holiday (VE day)');
  assert.equal(calendar.bankHoliday(d('2022-09-19')), 'Bank Holiday for the State Funeral of Queen Elizabeth II');
  assert.equal(calendar.bankHoliday(d('2023-05-08')), 'Bank holiday for the coronation of King Charles III');
  assert.equal(calendar.bankHoliday(d('2022-06-03')), 'Platinum Jubilee bank holiday');
  assert.equal(calendar.bankHoliday(d('2022-01-03')), 'New Year’s Day');
  assert.equal(calendar.bankHoliday(d('2022-01-01')), undefined); // Saturday, not itself a holiday
  assert.equal(calendar.bankHoliday(d('2024-06-03')), undefined);
});

describe('nextWorkingDay and previousWorkingDay', () => {
  const next: [string, string][] = [
    ['2021-12-24', '2021-12-29'], // Sat 25, Sun 26, substitutes Mon 27 and Tue 28
    ['2021-12-31', '2022-01-04'], // Sat 1, Sun 2, substitute Mon 3
    ['2024-03-28', '2024-04-02'], // Easter 2024
    ['2025-04-17', '2025-04-22'], // Easter 2025
    ['2022-06-01', '2022-06-06'], // Jubilee weekend
    ['2023-05-05', '2023-05-09'], // coronation weekend
    ['2024-06-07', '2024-06-10'], // Friday to Monday
    ['2024-06-01', '2024-06-03'], // Saturday to Monday
    ['2024-06-03', '2024-06-04'], // Monday to Tuesday
  ];
  for (const [from, expected] of next) {
    test(`after ${from} comes ${expected}`, () => {
      assert.equal(calendar.nextWorkingDay(d(from)), expected);
    });
  }
  const previous: [string, string][] = [
    ['2021-12-29', '2021-12-24'],
    ['2021-12-27', '2021-12-24'], // from a bank holiday
    ['2022-01-04', '2021-12-31'],
    ['2024-04-02', '2024-03-28'],
    ['2022-06-06', '2022-06-01'],
    ['2024-06-02', '2024-05-31'], // Sunday to Friday
    ['2015-01-05', '2015-01-02'], // Monday to Friday
  ];
  for (const [from, expected] of previous) {
    test(`before ${from} comes ${expected}`, () => {
      assert.equal(calendar.previousWorkingDay(d(from)), expected);
    });
  }
});

describe('addWorkingDays', () => {
  test('n = 0 is the date itself on a working day, else the next working day', () => {
    assert.equal(calendar.addWorkingDays(d('2024-04-02'), 0), '2024-04-02');
    assert.equal(calendar.addWorkingDays(d('2024-06-01'), 0), '2024-06-03'); // Saturday
    assert.equal(calendar.addWorkingDays(d('2024-03-29'), 0), '2024-04-02'); // Good Friday
    assert.equal(calendar.addWorkingDays(d('2021-12-25'), 0), '2021-12-29');
  });

  test('n >= 1 counts working days strictly after the date', () => {
    assert.equal(calendar.addWorkingDays(d('2024-06-07'), 1), '2024-06-10'); // Friday + 1
    assert.equal(calendar.addWorkingDays(d('2024-06-01'), 1), '2024-06-03'); // Saturday + 1
    assert.equal(calendar.addWorkingDays(d('2024-06-02'), 1), '2024-06-03'); // Sunday + 1
    assert.equal(calendar.addWorkingDays(d('2024-06-03'), 1), '2024-06-04');
    assert.equal(calendar.addWorkingDays(d('2024-03-28'), 1), '2024-04-02');
    assert.equal(calendar.addWorkingDays(d('2024-03-28'), 2), '2024-04-03');
    assert.equal(calendar.addWorkingDays(d('2021-12-24'), 1), '2021-12-29');
    assert.equal(calendar.addWorkingDays(d('2021-12-24'), 3), '2021-12-31');
    assert.equal(calendar.addWorkingDays(d('2021-12-24'), 4), '2022-01-04');
    assert.equal(calendar.addWorkingDays(d('2022-12-23'), 1), '2022-12-28');
  });

  test('KPI deadlines', () => {
    // Police check requested Wednesday 1 June 2022, due within 2 working days.
    assert.equal(calendar.addWorkingDays(d('2022-06-01'), 2), '2022-06-07');
    // Complaint received Monday 16 December 2024, answer within 15 working days:
    // 17 18 19 20 23 24 27 30 31 Dec, 2 3 6 7 8 9 Jan (25, 26 Dec and 1 Jan are holidays).
    assert.equal(calendar.addWorkingDays(d('2024-12-16'), 15), '2025-01-09');
    // 251 working days after 1 January 2023 is the last one of the year, Friday 29 December.
    assert.equal(calendar.addWorkingDays(d('2023-01-01'), 251), '2023-12-29');
  });

  test('refuses n that is negative or not a whole number', () => {
    for (const n of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(() => calendar.addWorkingDays(d('2024-06-03'), n), RangeError, String(n));
    }
  });
});

describe('workingDaysBetween', () => {
  const cases: [string, string, number, string][] = [
    ['2024-06-07', '2024-06-10', 1, 'received Friday, screened Monday'],
    ['2024-06-03', '2024-06-03', 0, 'same day'],
    ['2024-06-10', '2024-06-07', -1, 'backwards'],
    ['2024-06-01', '2024-06-02', 0, 'Saturday to Sunday'],
    ['2024-06-01', '2024-06-03', 1, 'Saturday to Monday'],
    ['2024-06-03', '2024-06-07', 4, 'Monday to Friday'],
    ['2021-12-24', '2021-12-29', 1, 'over Christmas 2021'],
    ['2024-03-28', '2024-04-02', 1, 'over Easter 2024'],
    ['2025-04-17', '2025-04-22', 1, 'over Easter 2025'],
    ['2022-06-01', '2022-06-06', 1, 'over the Jubilee'],
    ['2023-01-01', '2023-12-31', 251, '2023: 260 weekdays less 9 bank holidays'],
    ['2021-12-31', '2022-12-31', 250, '2022: 260 weekdays less 10 bank holidays'],
    ['2023-12-31', '2024-12-31', 254, '2024: 262 weekdays less 8 bank holidays'],
    ['2015-01-01', '2028-12-31', 3537, 'all of 2015-2028: 3652 weekdays less 115'],
    ['2028-12-31', '2015-01-01', -3537, 'all of it, backwards'],
  ];
  for (const [from, to, expected, what] of cases) {
    test(`${from} to ${to} (${what}) is ${expected}`, () => {
      assert.equal(calendar.workingDaysBetween(d(from), d(to)), expected);
    });
  }
});

describe('agrees with a day-by-day count', () => {
  // A naive reference: walk the days, using the bundled JSON directly.
  const json = JSON.parse(readFileSync(new URL('./bank-holidays.json', import.meta.url), 'utf8')) as {
    'england-and-wales': { events: { date: string }[] };
  };
  const holidays = new Set(json['england-and-wales'].events.map((event) => event.date));
  const DAY = 86_400_000;
  const working = (t: number) => {
    const date = new Date(t);
    return ![0, 6].includes(date.getUTCDay()) && !holidays.has(date.toISOString().slice(0, 10));
  };
  const naiveBetween = (from: number, to: number) => {
    let count = 0;
    for (let t = Math.min(from, to) + DAY; t <= Math.max(from, to); t += DAY) {
      if (working(t)) count++;
    }
    return from <= to ? count : -count;
  };
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10) as IsoDate;

  test('workingDaysBetween and addWorkingDays on 2000 pseudo-random pairs', () => {
    let seed = 20240629;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const start = Date.UTC(2015, 0, 1);
    const span = Date.UTC(2028, 11, 31) - start;
    for (let i = 0; i < 2000; i++) {
      const from = start + Math.floor((random() * span) / DAY) * DAY;
      const to = start + Math.floor((random() * span) / DAY) * DAY;
      assert.equal(calendar.workingDaysBetween(iso(from), iso(to)), naiveBetween(from, to));
      const n = Math.floor(random() * 40);
      // n = 0: the first working day on or after `from`; else the n-th one strictly after it.
      let t = n === 0 ? from - DAY : from;
      for (let found = 0; found < Math.max(n, 1); ) {
        t += DAY;
        if (working(t)) found++;
      }
      if (t <= Date.UTC(2028, 11, 31)) assert.equal(calendar.addWorkingDays(iso(from), n), iso(t));
    }
  });

  test('for n >= 1, workingDaysBetween(date, addWorkingDays(date, n)) is n', () => {
    for (let t = Date.UTC(2023, 0, 1); t <= Date.UTC(2023, 11, 31); t += DAY) {
      for (const n of [1, 2, 15]) {
        const date = iso(t);
        assert.equal(calendar.workingDaysBetween(date, calendar.addWorkingDays(date, n)), n);
      }
    }
  });
});

describe('coverage', () => {
  test('is 2015 to 2028 for the bundled data', () => {
    assert.deepEqual(calendar.coverage(), {
      firstYear: 2015,
      lastYear: 2028,
      firstDate: '2015-01-01',
      lastDate: '2028-12-31',
    });
  });

  test('dates outside it are an error, never silently "no bank holidays"', () => {
    const outside: (() => unknown)[] = [
      () => calendar.isWorkingDay(d('2014-12-31')),
      () => calendar.isWorkingDay(d('2029-01-01')),
      () => calendar.isWorkingDay(d('2029-01-06')), // a Saturday, still refused
      () => calendar.bankHoliday(d('2029-01-01')),
      () => calendar.workingDaysBetween(d('2028-12-01'), d('2029-01-05')),
      () => calendar.workingDaysBetween(d('2014-12-31'), d('2015-01-05')),
      () => calendar.addWorkingDays(d('2029-03-01'), 1),
      () => calendar.addWorkingDays(d('2028-12-29'), 1), // would be in 2029
      () => calendar.addWorkingDays(d('2028-12-30'), 0), // Saturday: next working day is in 2029
      () => calendar.addWorkingDays(d('2028-12-01'), 30),
      () => calendar.nextWorkingDay(d('2028-12-29')),
      () => calendar.previousWorkingDay(d('2015-01-02')), // would be in 2014
    ];
    for (const call of outside) {
      assert.throws(call, OutOfCoverageError);
      assert.throws(call, /covers 2015 to 2028/);
    }
  });

  test('the last covered days still work', () => {
    assert.equal(calendar.addWorkingDays(d('2028-12-28'), 1), '2028-12-29');
    assert.equal(calendar.isWorkingDay(d('2028-12-31')), false);
    assert.equal(calendar.nextWorkingDay(d('2015-01-01')), '2015-01-02');
  });

  test('the error carries the date and the coverage', () => {
    assert.throws(
      () => calendar.isWorkingDay(d('2030-06-03')),
      (error: unknown) => {
        assert.ok(error instanceof OutOfCoverageError);
        assert.ok(error instanceof RangeError);
        assert.equal(error.date, '2030-06-03');
        assert.equal(error.coverage.lastYear, 2028);
        return true;
      },
    );
  });
});

test('impossible dates are refused', () => {
  assert.throws(() => calendar.isWorkingDay('2023-02-29' as IsoDate), InvalidDateError);
  assert.throws(() => calendar.workingDaysBetween(d('2023-01-01'), '2023-13-01' as IsoDate), InvalidDateError);
});

describe('createCalendar with other data', () => {
  const event = (date: string, title = 'Holiday') => ({
    title,
    date: d(date),
    notes: '',
    bunting: true,
  });

  test('covers exactly the years of its england-and-wales events', () => {
    const custom = createCalendar({
      'england-and-wales': {
        division: 'england-and-wales',
        events: [event('2031-01-01'), event('2032-01-01'), event('2032-07-14', 'Invented')],
      },
    });
    assert.deepEqual(custom.coverage(), {
      firstYear: 2031,
      lastYear: 2032,
      firstDate: '2031-01-01',
      lastDate: '2032-12-31',
    });
    assert.equal(custom.isWorkingDay(d('2032-07-14')), false); // a Wednesday, but a holiday here
    assert.equal(custom.isWorkingDay(d('2032-07-13')), true);
    assert.throws(() => custom.isWorkingDay(d('2024-06-03')), OutOfCoverageError);
  });

  test('refuses a gap in the years', () => {
    assert.throws(
      () =>
        createCalendar({
          'england-and-wales': {
            division: 'england-and-wales',
            events: [event('2030-01-01'), event('2032-01-01')],
          },
        }),
      /no events for 2031/,
    );
  });

  test('refuses data without england-and-wales events', () => {
    assert.throws(
      () => createCalendar({ 'england-and-wales': { division: 'england-and-wales', events: [] } }),
      BankHolidaysFormatError,
    );
    assert.throws(() => createCalendar({} as never), BankHolidaysFormatError);
  });

  test('is not affected by later changes to the data it was given', () => {
    const data = {
      'england-and-wales': { division: 'england-and-wales', events: [event('2031-01-01')] },
    };
    const custom = createCalendar(data);
    data['england-and-wales'].events.push(event('2031-06-02'));
    assert.equal(custom.isWorkingDay(d('2031-06-02')), true);
  });
});
