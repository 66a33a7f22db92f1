import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BankHolidaysFormatError, validateBankHolidays, yearsOf } from './bank-holidays-format.ts';

const ok = {
  'england-and-wales': {
    division: 'england-and-wales',
    events: [
      { title: 'Boxing Day', date: '2020-12-28', notes: 'Substitute day', bunting: true },
      { title: 'New Year’s Day', date: '2020-01-01', notes: '', bunting: true, extra: 1 },
    ],
  },
  scotland: { division: 'scotland', events: [] },
};

function issuesOf(json: unknown): readonly string[] {
  try {
    validateBankHolidays(json, 'test data');
  } catch (error) {
    assert.ok(error instanceof BankHolidaysFormatError);
    assert.match(error.message, /^test data is not valid bank-holiday data:/);
    return error.issues;
  }
  assert.fail('expected BankHolidaysFormatError');
}

test('a valid file comes back clean: sorted, unknown keys dropped', () => {
  const data = validateBankHolidays(ok);
  assert.deepEqual(data['england-and-wales'].events, [
    { title: 'New Year’s Day', date: '2020-01-01', notes: '', bunting: true },
    { title: 'Boxing Day', date: '2020-12-28', notes: 'Substitute day', bunting: true },
  ]);
  assert.deepEqual(data.scotland, { division: 'scotland', events: [] });
  assert.deepEqual(yearsOf(data['england-and-wales']), [2020]);
});

test('notes and bunting may be left out', () => {
  const data = validateBankHolidays({
    'england-and-wales': {
      division: 'england-and-wales',
      events: [{ title: 'X', date: '2020-01-01' }],
    },
  });
  assert.deepEqual(data['england-and-wales'].events, [{ title: 'X', date: '2020-01-01', notes: '', bunting: false }]);
});

test('the england-and-wales division is required and must have events', () => {
  assert.deepEqual(issuesOf({ scotland: { division: 'scotland', events: [] } }), [
    'the "england-and-wales" division is missing',
  ]);
  assert.deepEqual(issuesOf({ 'england-and-wales': { division: 'england-and-wales', events: [] } }), [
    'the "england-and-wales" division has no events',
  ]);
  assert.deepEqual(issuesOf([]), ['expected a JSON object']);
  assert.deepEqual(issuesOf(null), ['expected a JSON object']);
});

test('every problem is listed', () => {
  const issues = issuesOf({
    'england-and-wales': {
      division: 'england',
      events: [
        { title: '', date: '2020-01-01' },
        { title: 'Leap', date: '2023-02-29' },
        { title: 'Dup', date: '2020-12-25' },
        { title: 'Dup', date: '2020-12-25' },
        { title: 'Odd', date: '2020-05-08', notes: 3, bunting: 'yes' },
        'not an event',
      ],
    },
    scotland: { division: 'scotland' },
    'northern-ireland': 'nothing',
  });
  assert.deepEqual(issues, [
    'england-and-wales: "division" should be "england-and-wales"',
    'england-and-wales.events[0]: "title" should be a non-empty string',
    'england-and-wales.events[1]: "date" "2023-02-29" is not a real YYYY-MM-DD date',
    'england-and-wales.events[3]: 2020-12-25 appears more than once',
    'england-and-wales.events[4]: "notes" should be a string',
    'england-and-wales.events[4]: "bunting" should be true or false',
    'england-and-wales.events[5]: expected an object',
    'scotland: "events" should be an array',
    'northern-ireland: expected an object with "division" and "events"',
  ]);
});
