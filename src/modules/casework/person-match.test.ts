import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateOfBirthMatch, nearDatesOfBirth, withoutDiacritics } from './person-match.ts';
import { similarityInWords } from './person-match-routes.ts';

describe('date of birth nearness', () => {
  it('is exact for the same date', () => {
    assert.equal(dateOfBirthMatch('2019-02-28', '2019-02-28'), 'exact');
  });

  it('is near a day either side, also across month and year ends', () => {
    assert.equal(dateOfBirthMatch('2019-02-28', '2019-03-01'), 'near');
    assert.equal(dateOfBirthMatch('2019-03-01', '2019-02-28'), 'near');
    assert.equal(dateOfBirthMatch('2019-12-31', '2020-01-01'), 'near');
    assert.equal(dateOfBirthMatch('2020-02-29', '2020-02-28'), 'near');
  });

  it('is near with the day and month swapped, when both make a real date', () => {
    assert.equal(dateOfBirthMatch('2015-03-07', '2015-07-03'), 'near');
    assert.equal(dateOfBirthMatch('2015-07-03', '2015-03-07'), 'near');
    // 13 July cannot be swapped: there is no month 13.
    assert.deepEqual(nearDatesOfBirth('2015-07-13').includes('2015-13-07'), false);
  });

  it('is near on the same day and month a year before or after', () => {
    assert.equal(dateOfBirthMatch('1990-05-01', '1991-05-01'), 'near');
    assert.equal(dateOfBirthMatch('1990-05-01', '1989-05-01'), 'near');
    // 29 February has no twin in a common year.
    assert.deepEqual(nearDatesOfBirth('2020-02-29').sort(), ['2020-02-28', '2020-03-01']);
  });

  it('is no match two days out, two years out, or swapped in another year', () => {
    assert.equal(dateOfBirthMatch('2019-02-28', '2019-03-02'), null);
    assert.equal(dateOfBirthMatch('1990-05-01', '1992-05-01'), null);
    assert.equal(dateOfBirthMatch('2015-03-07', '2016-07-03'), null);
    assert.equal(dateOfBirthMatch('2015-03-07', '2015-03-17'), null);
  });

  it('is unknown when either date is not known', () => {
    assert.equal(dateOfBirthMatch(null, '2019-02-28'), 'unknown');
    assert.equal(dateOfBirthMatch('2019-02-28', null), 'unknown');
    assert.equal(dateOfBirthMatch(null, null), 'unknown');
  });

  it('lists each near date once, never the date itself, only real dates', () => {
    const near = nearDatesOfBirth('2001-01-01');
    assert.equal(new Set(near).size, near.length);
    assert.ok(!near.includes('2001-01-01'));
    assert.deepEqual(near.sort(), ['2000-01-01', '2000-12-31', '2001-01-02', '2002-01-01']);
    assert.deepEqual(nearDatesOfBirth('not a date'), []);
  });
});

describe('names and similarity', () => {
  it('takes accents off Welsh names', () => {
    assert.equal(withoutDiacritics('Siôn Llŷr Prŷs'), 'Sion Llyr Prys');
    assert.equal(withoutDiacritics('Smith'), 'Smith');
  });

  it('puts similarity in words', () => {
    assert.equal(similarityInWords(1), 'very-similar');
    assert.equal(similarityInWords(0.7), 'similar');
    assert.equal(similarityInWords(0.45), 'partly-similar');
  });
});
