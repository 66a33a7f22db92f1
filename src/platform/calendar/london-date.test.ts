import assert from 'node:assert/strict';
import { test } from 'node:test';
import { londonDate } from './london-date.ts';

// BST 2024 ran from 01:00 UTC on Sunday 31 March to 01:00 UTC on Sunday 27 October.
const cases: [string, string][] = [
  // Winter: London is UTC.
  ['2024-01-15T12:00:00Z', '2024-01-15'],
  ['2024-03-30T23:59:59Z', '2024-03-30'],
  ['2024-12-31T23:59:59Z', '2024-12-31'],
  ['2025-01-01T00:00:00Z', '2025-01-01'],
  // 31 March 2024, the day BST starts: 00:30 UTC is 00:30 GMT on the 31st; by the evening London is
  // UTC+1, so 23:00 UTC is already midnight BST on 1 April.
  ['2024-03-31T00:30:00Z', '2024-03-31'],
  ['2024-03-31T01:30:00Z', '2024-03-31'],
  ['2024-03-31T22:59:59Z', '2024-03-31'],
  ['2024-03-31T23:00:00Z', '2024-04-01'],
  ['2024-03-31T23:30:00Z', '2024-04-01'],
  // Summer: London is UTC+1.
  ['2024-06-30T22:59:59.999Z', '2024-06-30'],
  ['2024-06-30T23:00:00Z', '2024-07-01'],
  ['2024-06-30T23:30:00Z', '2024-07-01'],
  ['2023-05-07T23:00:00Z', '2023-05-08'],
  // The night BST ends (27 October 2024).
  ['2024-10-26T22:59:59Z', '2024-10-26'],
  ['2024-10-26T23:30:00Z', '2024-10-27'],
  ['2024-10-27T00:59:59Z', '2024-10-27'],
  ['2024-10-27T01:00:00Z', '2024-10-27'],
  ['2024-10-27T23:30:00Z', '2024-10-27'],
  ['2024-10-28T00:00:00Z', '2024-10-28'],
];

for (const [instant, expected] of cases) {
  test(`londonDate(${instant}) is ${expected}`, () => {
    assert.equal(londonDate(new Date(instant)), expected);
  });
}

test('londonDate refuses an invalid Date', () => {
  assert.throws(() => londonDate(new Date('not a date')), RangeError);
  assert.throws(() => londonDate('2024-01-01' as unknown as Date), RangeError);
});
