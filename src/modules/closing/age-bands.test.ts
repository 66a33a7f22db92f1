import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ageOn, bandOfAge, childInvitedToFeedback, letterEligibility } from './age-bands.ts';

describe('age bands of the letter to a child', () => {
  it('counts whole years, changing on the birthday itself', () => {
    assert.equal(ageOn('2019-03-02', '2026-03-01'), 6);
    assert.equal(ageOn('2019-03-02', '2026-03-02'), 7);
    assert.equal(ageOn('2018-12-31', '2026-12-30'), 7);
    assert.equal(ageOn('2018-12-31', '2026-12-31'), 8);
  });

  it('gives a leap-day child their birthday on 1 March in a year with no 29 February', () => {
    // Born 29 February 2020: 4 on 29 February 2024, still 5 on 28 February 2026, 6 on 1 March 2026.
    assert.equal(ageOn('2020-02-29', '2024-02-28'), 3);
    assert.equal(ageOn('2020-02-29', '2024-02-29'), 4);
    assert.equal(ageOn('2020-02-29', '2026-02-28'), 5);
    assert.equal(ageOn('2020-02-29', '2026-03-01'), 6);
    assert.deepEqual(letterEligibility('2020-02-29', '2024-02-28'), { kind: 'too-young', age: 3 });
    assert.deepEqual(letterEligibility('2020-02-29', '2024-02-29'), { kind: 'band', band: '4-7', age: 4 });
    // Born 29 February 2016: 11 on 28 February 2028 (a leap year has the day), 12 on 29 February 2028.
    assert.deepEqual(letterEligibility('2016-02-29', '2028-02-28'), { kind: 'band', band: '8-11', age: 11 });
    assert.deepEqual(letterEligibility('2016-02-29', '2028-02-29'), { kind: 'band', band: '12-15', age: 12 });
    // In 2027 (no 29 February) they turn 11 on 1 March, not on 28 February.
    assert.deepEqual(letterEligibility('2016-02-29', '2027-02-28'), { kind: 'band', band: '8-11', age: 10 });
    assert.deepEqual(letterEligibility('2016-02-29', '2027-03-01'), { kind: 'band', band: '8-11', age: 11 });
  });

  it('moves band on the birthday that starts it: 4, 8, 12 and 16', () => {
    assert.deepEqual(letterEligibility('2022-05-10', '2026-05-09'), { kind: 'too-young', age: 3 });
    assert.deepEqual(letterEligibility('2022-05-10', '2026-05-10'), { kind: 'band', band: '4-7', age: 4 });
    assert.equal(bandOfAge(7), '4-7');
    assert.equal(bandOfAge(8), '8-11');
    assert.equal(bandOfAge(11), '8-11');
    assert.equal(bandOfAge(12), '12-15');
    assert.equal(bandOfAge(15), '12-15');
    assert.equal(bandOfAge(16), '16-17');
    assert.equal(bandOfAge(17), '16-17');
    assert.equal(bandOfAge(18), '16-17');
    assert.equal(bandOfAge(0), null);
  });

  it('asks the adviser to choose when the date of birth is not known', () => {
    assert.deepEqual(letterEligibility(null, '2026-03-02'), { kind: 'choose' });
  });

  it('invites children of 12 and over to give feedback, by age or by the band chosen', () => {
    assert.equal(childInvitedToFeedback('2014-03-02', '2026-03-01', null), false);
    assert.equal(childInvitedToFeedback('2014-03-02', '2026-03-02', null), true);
    assert.equal(childInvitedToFeedback('2014-02-28', '2026-03-02', '4-7'), true);
    assert.equal(childInvitedToFeedback(null, '2026-03-02', '12-15'), true);
    assert.equal(childInvitedToFeedback(null, '2026-03-02', '16-17'), true);
    assert.equal(childInvitedToFeedback(null, '2026-03-02', '8-11'), false);
    assert.equal(childInvitedToFeedback(null, '2026-03-02', null), false);
  });
});
