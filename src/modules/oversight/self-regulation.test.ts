import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AUDIT_SAMPLE_SIZE, changeFrom, selfRegulationSchema } from './self-regulation.ts';

describe('self-regulation rules', () => {
  it('offers the opposite of the current state', () => {
    assert.equal(changeFrom(true), 'stepped-down');
    assert.equal(changeFrom(false), 'authorised');
  });

  it('samples a handful of cases', () => {
    assert.ok(AUDIT_SAMPLE_SIZE >= 1 && AUDIT_SAMPLE_SIZE <= 10);
  });

  it('needs a known change and a reason', () => {
    const token = 'b'.repeat(32);
    assert.equal(
      selfRegulationSchema.safeParse({ change: 'stepped-down', reason: 'x', _formToken: token }).success,
      true,
    );
    const noReason = selfRegulationSchema.safeParse({ change: 'authorised', reason: ' ', _formToken: token });
    assert.deepEqual(
      noReason.error?.issues.map((i) => i.message),
      ['oversight.errors.reasonRequired'],
    );
    assert.equal(selfRegulationSchema.safeParse({ change: 'promoted', reason: 'x', _formToken: token }).success, false);
    assert.equal(
      selfRegulationSchema.safeParse({ change: 'authorised', reason: 'x'.repeat(2001), _formToken: token }).success,
      false,
    );
  });
});
