import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allocationsKey } from '../casework/service.ts';
import { allocatable, allocateSchema } from './allocate.ts';
import { capacitySchema, parsePoints, weightsSchema } from './settings.ts';

const token = 'a'.repeat(32);
const id = '0b7f5b1e-2a4c-4d6e-8f00-123456789abc';

describe('allocation rules and forms', () => {
  it('allocates only after the first hearing and before closure', () => {
    for (const s of ['awaiting-allocation', 'allocated', 'reporting', 'report-filed', 'closing']) {
      assert.deepEqual(allocatable(s), { ok: true }, s);
    }
    for (const s of ['received', 'screening', 'safeguarding-checks', 'awaiting-first-hearing']) {
      assert.deepEqual(allocatable(s), { ok: false, why: 'front-door' }, s);
    }
    assert.deepEqual(allocatable('closed'), { ok: false, why: 'closed' });
  });

  it('keys the current workers in any order', () => {
    assert.equal(allocationsKey([]), 'none');
    assert.equal(allocationsKey([{ id: 'b' }, { id: 'a' }]), 'a,b');
  });

  it('needs a practitioner, and a reason when reallocating', () => {
    assert.equal(allocateSchema.safeParse({ practitionerId: id, current: 'none', _formToken: token }).success, true);
    const noOne = allocateSchema.safeParse({ current: 'none', _formToken: token });
    assert.equal(noOne.success, false);
    const realloc = allocateSchema.safeParse({ practitionerId: id, current: id, reason: '  ', _formToken: token });
    assert.equal(realloc.success, false);
    assert.deepEqual(
      realloc.error?.issues.map((i) => i.message),
      ['allocation.errors.reasonRequired'],
    );
    const ok = allocateSchema.safeParse({
      practitionerId: id.toUpperCase(),
      current: id,
      reason: ' Leave ',
      _formToken: token,
    });
    assert.equal(ok.success && ok.data.practitionerId, id);
    assert.equal(ok.success && ok.data.reason, 'Leave');
    assert.equal(allocateSchema.safeParse({ practitionerId: id, current: 'x', _formToken: token }).success, false);
    assert.equal(allocateSchema.safeParse({ practitionerId: id, current: 'none', _formToken: 'short' }).success, false);
  });

  it('reads points with up to two decimals, within range', () => {
    assert.equal(parsePoints('1', 10), 1);
    assert.equal(parsePoints(' 0.75 ', 10), 0.75);
    assert.equal(parsePoints('0', 10), 0);
    assert.equal(parsePoints('', 10), null);
    assert.equal(parsePoints('1.234', 10), 'invalid');
    assert.equal(parsePoints('-1', 10), 'invalid');
    assert.equal(parsePoints('1e1', 10), 'invalid');
    assert.equal(parsePoints('10.01', 10), 'too-large');
    assert.equal(parsePoints('100', 100), 100);
  });

  it('parses the weights and capacity forms', () => {
    const weights = weightsSchema.safeParse({
      'weight-allocated': '1',
      'weight-reporting': '1',
      'weight-report-filed': '0.5',
      'weight-closing': '0.25',
      'version-allocated': '1',
      'version-reporting': '2',
      'version-report-filed': '1',
      'version-closing': '1',
      _formToken: token,
    });
    assert.equal(weights.success, true);
    assert.equal(weights.success && weights.data.versions.reporting, 2);
    assert.equal(weightsSchema.safeParse({ _formToken: token }).success, false);
    assert.equal(capacitySchema.safeParse({ capacity: '16.5', version: '0', _formToken: token }).success, true);
    assert.equal(capacitySchema.safeParse({ capacity: '16.5', version: 'x', _formToken: token }).success, false);
  });
});
