import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateFromParts } from '../../platform/forms/date-input.ts';
import { firstHearingSchema } from './first-hearing.ts';

const base = {
  'heardOn-day': '1',
  'heardOn-month': '3',
  'heardOn-year': '2026',
  referral: 'no',
  _formToken: 'a'.repeat(32),
};
const issues = (body: Record<string, unknown>) => {
  const r = firstHearingSchema('2026-03-02').safeParse(body);
  return r.success ? [] : r.error.issues.map((i) => `${String(i.path[0])}:${i.message.split('.').pop()}`);
};

describe('first hearing outcome rules', () => {
  it('reads date inputs', () => {
    assert.equal(dateFromParts('1', '3', '2026'), '2026-03-01');
    assert.equal(dateFromParts('', '', ''), null);
    assert.equal(dateFromParts('29', '2', '2026'), 'invalid');
    assert.equal(dateFromParts('x', '2', '2026'), 'invalid');
  });

  it('accepts a resolved hearing with orders, and further work with a report due after the hearing', () => {
    assert.deepEqual(issues({ ...base, outcome: 'resolved', ordersMade: ['C43'] }), []);
    assert.deepEqual(
      issues({
        ...base,
        outcome: 'further-work',
        reportType: 'section-7',
        'filingDueOn-day': '2',
        'filingDueOn-month': '3',
        'filingDueOn-year': '2026',
      }),
      [],
    );
  });

  it('refuses contradictory answers', () => {
    assert.deepEqual(issues({ ...base, outcome: 'resolved', ordersMade: 'C43', reportType: 'section-7' }), [
      'reportType:reportTypeNotExpected',
    ]);
    assert.deepEqual(issues({ ...base, outcome: 'further-work' }), [
      'reportType:reportTypeRequired',
      'filingDueOn:filingDueOnRequired',
    ]);
    assert.deepEqual(
      issues({
        ...base,
        outcome: 'further-work',
        reportType: 'other',
        'filingDueOn-day': '1',
        'filingDueOn-month': '3',
        'filingDueOn-year': '2026',
      }),
      ['filingDueOn:filingBeforeHearing'],
    );
    assert.deepEqual(issues({ ...base, 'heardOn-day': '9', outcome: 'resolved', ordersMade: 'C43' }), [
      'heardOn:heardOnFuture',
    ]);
  });
});
