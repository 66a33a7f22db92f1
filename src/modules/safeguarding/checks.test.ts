import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateFromParts } from '../../platform/forms/date-input.ts';
import { checkReturnSchema, newCheckSchema, returnedDateProblem } from './checks.ts';

describe('check rules', () => {
  it('reads a typed date, refusing unreal ones', () => {
    assert.equal(dateFromParts('2', '3', '2026'), '2026-03-02');
    assert.equal(dateFromParts('', ' ', ''), null);
    assert.equal(dateFromParts('30', '2', '2026'), 'invalid');
    assert.equal(dateFromParts('29', '2', '2028'), '2028-02-29');
    assert.equal(dateFromParts('a', '2', '2026'), 'invalid');
  });

  it('keeps the returned date between the request and today', () => {
    assert.equal(returnedDateProblem(null, '2026-03-02', '2026-03-05'), 'checks.errors.returnedOnRequired');
    assert.equal(
      returnedDateProblem('2026-03-01', '2026-03-02', '2026-03-05'),
      'checks.errors.returnedOnBeforeRequest',
    );
    assert.equal(returnedDateProblem('2026-03-06', '2026-03-02', '2026-03-05'), 'checks.errors.returnedOnFuture');
    assert.equal(returnedDateProblem('2026-03-02', '2026-03-02', '2026-03-05'), null);
    assert.equal(returnedDateProblem('2026-03-05', '2026-03-02', '2026-03-05'), null);
  });

  it('requires what was found unless there is no record', () => {
    const schema = checkReturnSchema('2026-03-02', '2026-03-05');
    const base = { 'returnedOn-day': '4', 'returnedOn-month': '3', 'returnedOn-year': '2026', version: '1' };
    const held = schema.safeParse({ ...base, outcome: 'information-held' });
    assert.equal(held.success, false);
    assert.equal(held.error!.issues[0]!.message, 'checks.errors.concernsRequired');
    const none = schema.parse({ ...base, outcome: 'no-record', concerns: 'ignored' });
    assert.deepEqual(none, { returnedOn: '2026-03-04', outcome: 'no-record', concerns: null, version: 1 });
    const concerns = schema.parse({ ...base, outcome: 'concerns', concerns: 'Caution 2019' });
    assert.equal(concerns.concerns, 'Caution 2019');
  });

  it('asks for the party of a police check and the authority of a local-authority check', () => {
    const token = 'b'.repeat(32);
    const police = newCheckSchema.safeParse({ kind: 'police', _formToken: token });
    assert.equal(police.error!.issues[0]!.path[0], 'partyId');
    const la = newCheckSchema.safeParse({ kind: 'local-authority', _formToken: token });
    assert.equal(la.error!.issues[0]!.path[0], 'localAuthorityCode');
  });
});
