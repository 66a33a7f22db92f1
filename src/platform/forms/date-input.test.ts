import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateFromParts, isRealDate } from './date-input.ts';

describe('GOV.UK date input', () => {
  it('reads day, month and year as an ISO date', () => {
    assert.equal(dateFromParts('7', '4', '2026'), '2026-04-07');
    assert.equal(dateFromParts(' 07 ', '04', '2026'), '2026-04-07');
    assert.equal(dateFromParts('', '', ''), null);
  });

  it('refuses dates that do not exist, partial dates and years out of range', () => {
    assert.equal(dateFromParts('29', '2', '2026'), 'invalid');
    assert.equal(dateFromParts('29', '2', '2028'), '2028-02-29');
    assert.equal(dateFromParts('31', '4', '2026'), 'invalid');
    assert.equal(dateFromParts('1', '', '2026'), 'invalid');
    assert.equal(dateFromParts('1', 'April', '2026'), 'invalid');
    assert.equal(dateFromParts('1', '1', '1999'), 'invalid');
    assert.equal(isRealDate(2100, 2, 29), false);
  });
});
