import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  dayOfWeek,
  fromDayNumber,
  InvalidDateError,
  isIsoDate,
  isLeapYear,
  isWeekend,
  parseIsoDate,
  toDayNumber,
} from './iso-date.ts';

describe('parseIsoDate', () => {
  test('accepts real dates, including 29 February in leap years', () => {
    for (const date of ['2023-01-01', '2024-02-29', '2000-02-29', '2023-12-31', '1970-01-01']) {
      assert.equal(parseIsoDate(date), date);
      assert.equal(isIsoDate(date), true);
    }
  });

  test('refuses dates that do not exist', () => {
    // 2023 is not a leap year; 2100 and 1900 are centuries not divisible by 400.
    for (const date of ['2023-02-29', '2100-02-29', '1900-02-29', '2023-04-31', '2023-02-30']) {
      assert.throws(() => parseIsoDate(date), InvalidDateError, date);
      assert.equal(isIsoDate(date), false);
    }
  });

  test('refuses anything not exactly YYYY-MM-DD', () => {
    const bad: unknown[] = [
      '2023-13-01',
      '2023-00-10',
      '2023-01-00',
      '2023-1-1',
      '2023-01-01T00:00:00Z',
      ' 2023-01-01',
      '2023-01-01\n',
      '23-01-01',
      '',
      20230101,
      null,
      undefined,
      new Date('2023-01-01'),
    ];
    for (const value of bad) {
      assert.throws(() => parseIsoDate(value), RangeError, String(value));
      assert.equal(isIsoDate(value), false);
    }
  });

  test('the error names the input and the reason', () => {
    assert.throws(() => parseIsoDate('2023-02-29'), {
      name: 'InvalidDateError',
      message: 'Invalid calendar date "2023-02-29": 2023-02 has days 01 to 28',
    });
  });
});

test('isLeapYear follows the Gregorian rule', () => {
  assert.equal(isLeapYear(2024), true);
  assert.equal(isLeapYear(2023), false);
  assert.equal(isLeapYear(2000), true);
  assert.equal(isLeapYear(2100), false);
  assert.equal(isLeapYear(1900), false);
});

describe('day numbers', () => {
  test('known values', () => {
    assert.equal(toDayNumber(parseIsoDate('1970-01-01')), 0);
    assert.equal(toDayNumber(parseIsoDate('1969-12-31')), -1);
    // 10957 days from 1970 to 2000, then 31 (January) + 29 (February 2000).
    assert.equal(toDayNumber(parseIsoDate('2000-03-01')), 11017);
    // Python: date(1970,1,1).toordinal() - date(1,1,1).toordinal() == 719162
    assert.equal(toDayNumber(parseIsoDate('0001-01-01')), -719162);
    assert.equal(fromDayNumber(-719162), '0001-01-01');
  });

  test('agree with Date.UTC for every day from 1900 to 2100', () => {
    const dayMs = 86_400_000;
    for (let t = Date.UTC(1900, 0, 1); t <= Date.UTC(2100, 11, 31); t += dayMs) {
      const iso = new Date(t).toISOString().slice(0, 10);
      const dayNumber = toDayNumber(parseIsoDate(iso));
      assert.equal(dayNumber, t / dayMs);
      assert.equal(fromDayNumber(dayNumber), iso);
    }
  });

  test('toDayNumber validates its argument', () => {
    assert.throws(() => toDayNumber('2023-02-29' as never), InvalidDateError);
  });
});

test('dayOfWeek and isWeekend', () => {
  assert.equal(dayOfWeek(parseIsoDate('1970-01-01')), 4); // Thursday
  assert.equal(dayOfWeek(parseIsoDate('2000-01-01')), 6); // Saturday
  assert.equal(dayOfWeek(parseIsoDate('2024-02-29')), 4); // Thursday
  assert.equal(dayOfWeek(parseIsoDate('1969-12-28')), 0); // Sunday
  assert.equal(isWeekend(parseIsoDate('2024-06-01')), true); // Saturday
  assert.equal(isWeekend(parseIsoDate('2024-06-02')), true); // Sunday
  assert.equal(isWeekend(parseIsoDate('2024-06-03')), false); // Monday
  assert.equal(isWeekend(parseIsoDate('2024-06-07')), false); // Friday
});
